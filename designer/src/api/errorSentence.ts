/**
 * The codes whose server message carries what the user must fix or know (the field, the
 * element, the reason of a closure): their words are followed by that message. The others'
 * messages are for the log, and the words alone say what happened and what to do.
 */
export const WITH_DETAIL: ReadonlySet<string> = new Set(['bad_request', 'conflict', 'weak_password', 'channel_closed', 'migration_refused', 'invalid_model', 'forbidden', 'not_found', 'too_many_attempts', 'too_many_streams']);

/**
 * A problem in words of one language's catalogue: the sentence for its code (`error.<code>`),
 * else for its status (`error.status.404`), else its class (`error.status.4xx`…), never the
 * bare code; the server's detail follows where it says what to fix. Shared by the UI
 * (errorWords.ts) and the server, which words its error bodies by Accept-Language.
 */
export function errorSentence(messages: Readonly<Record<string, string>>, code: string, status: number, serverMessage: string): string {
  const byClass = status >= 500 ? 'error.status.5xx' : status === 0 ? 'error.status.network' : 'error.status.4xx';
  const known = `error.${code}` in messages;
  const words = messages[`error.${code}`] ?? messages[`error.status.${status}`] ?? messages[byClass] ?? code;
  const detail = serverMessage.trim();
  // The server already worded it in this language (it read Accept-Language): as it is.
  if (detail.startsWith(words)) return detail;
  return (known ? WITH_DETAIL.has(code) : status < 500) && detail && detail !== code ? `${words} (${detail})` : words;
}
