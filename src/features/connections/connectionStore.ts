// Named connections per schema (core/connections/namedConnections), persisted in workspaceState; the
// passwords typed in the UI live in SecretStorage, cached in memory once read so that databaseOf() can
// stay synchronous. One store per extension (set at registration), read by databaseOf().
import * as vscode from 'vscode';
import {
  active,
  readConnections,
  type NamedConnection,
  type SchemaConnections,
} from '../../core/connections/namedConnections';
import { Disposable } from '../../host/disposable';

const stateKey = (schemaId: string) => `prismaWorkbench.connections:${schemaId}`;
const secretKey = (schemaId: string, connectionId: string) => `prismaWorkbench.connection:${schemaId}:${connectionId}`;

export class ConnectionStore extends Disposable {
  private readonly changed = this.register(new vscode.EventEmitter<string>());
  /** Fires with the schema id whose connections changed. */
  readonly onDidChange = this.changed.event;
  private readonly secrets = new Map<string, string>();

  constructor(
    private readonly memento: vscode.Memento,
    private readonly secretStorage: vscode.SecretStorage,
  ) {
    super();
  }

  stateFor(schemaId: string): SchemaConnections {
    return readConnections(this.memento.get(stateKey(schemaId)));
  }

  activeFor(schemaId: string): NamedConnection {
    return active(this.stateFor(schemaId));
  }

  secretFor(schemaId: string, connectionId: string): string | undefined {
    return this.secrets.get(secretKey(schemaId, connectionId));
  }

  async update(schemaId: string, state: SchemaConnections): Promise<void> {
    await this.memento.update(stateKey(schemaId), state);
    this.changed.fire(schemaId);
  }

  async storeSecret(schemaId: string, connectionId: string, password: string): Promise<void> {
    await this.secretStorage.store(secretKey(schemaId, connectionId), password);
    this.secrets.set(secretKey(schemaId, connectionId), password);
  }

  /** Reads the passwords of every URL connection of these schemas into memory (at start-up). */
  async loadSecrets(schemaIds: readonly string[]): Promise<void> {
    for (const id of schemaIds) {
      for (const c of this.stateFor(id).connections) {
        if (c.kind !== 'url' || !c.hasSecret || this.secrets.has(secretKey(id, c.id))) continue;
        const value = await this.secretStorage.get(secretKey(id, c.id));
        if (value !== undefined) this.secrets.set(secretKey(id, c.id), value);
      }
    }
  }
}

let current: ConnectionStore | undefined;
export function setConnectionStore(store: ConnectionStore | undefined): void {
  current = store;
}
export function connectionStore(): ConnectionStore | undefined {
  return current;
}
