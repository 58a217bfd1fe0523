import * as vscode from 'vscode';
import { maskSecrets } from '../core/util/maskSecrets';

/** The extension's one log channel; everything written is masked first. */
export interface Log {
  trace(message: string): void;
  info(message: string): void;
  warn(message: string): void;
  error(message: string | Error): void;
  show(): void;
}

export function createLog(context: vscode.ExtensionContext): Log {
  const channel = vscode.window.createOutputChannel('Prisma Workbench', { log: true });
  context.subscriptions.push(channel);
  const text = (m: string | Error) => maskSecrets(m instanceof Error ? (m.stack ?? m.message) : m);
  return {
    trace: (m) => channel.trace(text(m)),
    info: (m) => channel.info(text(m)),
    warn: (m) => channel.warn(text(m)),
    error: (m) => channel.error(text(m)),
    show: () => channel.show(true),
  };
}
