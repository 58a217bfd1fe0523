// Error text posted to the grid webview is masked: a driver's message can quote the connection URL.
import type { HostMessage } from '../../shared/protocol/messages';
import { maskSecrets } from '../util/maskSecrets';

/** The message with the text of its errors masked (rows are the user's data and are left as they are). */
export function maskErrorText(message: HostMessage): HostMessage {
  if (message.type === 'error') return { ...message, message: maskSecrets(message.message) };
  if (message.type === 'saved' && !message.result.ok)
    return {
      ...message,
      result: {
        ...message.result,
        errors: message.result.errors.map((e) => ({ ...e, message: maskSecrets(e.message) })),
      },
    };
  return message;
}
