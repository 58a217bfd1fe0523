import type { Log } from './log';
import type { WorkspaceTrust } from './trust';
import type { WorkspaceSchemas } from './workspaceSchemas';

/** What features are given at registration: created once in activate(). */
export interface Services {
  log: Log;
  schemas: WorkspaceSchemas;
  /** May this run here? Every feature that spawns, connects, generates or runs the engine asks. */
  trust: WorkspaceTrust;
}
