// What the diagram host does with a message from its webview, without VS Code: the message is checked
// against the protocol (a malformed one gets an `error` reply), a `reveal` must name a model (and field)
// of the graph the panel drew, and an exported PNG must start with the PNG signature. The panel
// (features/diagram/diagramPanel.ts) does the UI: opening the editor, the save dialog, the warning.
import { errorStack, errorText } from '../util/errorText';
import type { SourceLocation } from '../schema/model';
import {
  parseDiagramMessage,
  pngSignature,
  type DiagramHostMessage,
  type DiagramWebviewMessage,
} from '../../shared/protocol/diagram';
import type { DiagramGraph } from './diagramModel';

export interface DiagramPorts {
  post(message: DiagramHostMessage): void;
  log: { warn(text: string): void; error(text: string): void };
  /** The graph the panel last drew (what `reveal` may name). */
  graph(): DiagramGraph | undefined;
  ready(): void;
  reveal(location: SourceLocation): Promise<unknown>;
  /** Writes the image where the user chooses. */
  saveExport(format: 'svg' | 'png', bytes: Buffer): Promise<unknown>;
  problem(text: string): void;
}

const text = errorText;

/** Where a model (or one of its fields) is defined in `graph`; throws when the graph has no such thing. */
export function locationIn(graph: DiagramGraph | undefined, model: string, field?: string): SourceLocation {
  const node = graph?.nodes.find((n) => n.id === model);
  if (!node) throw new Error(`there is no model ${model} in this diagram's schema`);
  if (field === undefined) return node.location;
  const f = node.fields.find((x) => x.name === field);
  if (!f) throw new Error(`the model ${model} has no field ${field}`);
  return f.location;
}

/** The bytes of an export; a "PNG" without the PNG signature is refused. */
export function exportBytes(format: 'svg' | 'png', data: string): Buffer {
  const bytes = format === 'png' ? Buffer.from(data, 'base64') : Buffer.from(data, 'utf8');
  if (format === 'png' && !pngSignature.every((b, i) => bytes[i] === b))
    throw new Error('the diagram sent an image that is not a PNG; nothing was saved');
  return bytes;
}

export class DiagramRequests {
  constructor(private readonly ports: DiagramPorts) {}

  /** Handles one message as the webview sent it. Never rejects: every failure is answered with an `error`. */
  async handle(raw: unknown): Promise<void> {
    let message: DiagramWebviewMessage;
    try {
      message = parseDiagramMessage(raw);
    } catch (e) {
      this.ports.log.warn(`diagram: refused a message from the webview: ${text(e)}`);
      this.ports.post({ type: 'error', message: `Refused a malformed message (${text(e)}).` });
      return;
    }
    try {
      await this.dispatch(message);
    } catch (e) {
      this.ports.log.error(`diagram: ${message.type} failed: ${errorStack(e)}`);
      this.ports.post({ type: 'error', message: text(e) });
    }
  }

  private async dispatch(message: DiagramWebviewMessage): Promise<void> {
    switch (message.type) {
      case 'ready':
        return this.ports.ready();
      case 'reveal':
        await this.ports.reveal(locationIn(this.ports.graph(), message.model, message.field));
        return;
      case 'export':
        await this.ports.saveExport(message.format, exportBytes(message.format, message.data));
        return;
      case 'problem':
        return this.ports.problem(problemText(message.message));
    }
  }
}

/**
 * The webview's problem as plain text for a notification: VS Code renders `[label](target)` in a notification
 * as a link, command: links included, so brackets go; one line, and short.
 */
export function problemText(text: string): string {
  const plain = text.replace(/[[\]]/g, '').replace(/\s+/g, ' ').trim();
  return plain.length > 300 ? `${plain.slice(0, 299)}…` : plain;
}
