import type { Log } from './log';
import type { WorkspaceSchemas } from './workspaceSchemas';

/** What features are given at registration: created once in activate(). */
export interface Services {
  log: Log;
  schemas: WorkspaceSchemas;
}
