import { InvalidArgumentError, NotFoundError } from '../errors.js';
import { requiredText } from '../commands/args.js';
import { nowIso, type EngineCore } from '../commands/EngineCore.js';
import type { HistoryEntry } from '../store/port.js';

/** The longest comment a case file keeps: a note between the counter and the back office, not a document. */
export const COMMENT_MAX_LENGTH = 2000;

/** Which side of the file wrote it: the counter, the back office, or a supervisor. */
export { COMMENT_OFFICES, type CommentOffice, type CommentOptions } from './types.js';
import { COMMENT_OFFICES, type CommentOptions } from './types.js';

/**
 * Adds a comment to an application's case file: a history entry `comment` and an audit entry
 * `application.comment`, in one commit. Allowed on a closed file too (a note after hand-back).
 */
export async function addComment(core: EngineCore, instanceId: string, options: CommentOptions): Promise<HistoryEntry> {
  const by = requiredText(options?.by, 'by');
  const text = requiredText(options?.text, 'text').trim();
  if (text.length > COMMENT_MAX_LENGTH) throw new InvalidArgumentError('text', `is ${text.length} characters long; a comment may have at most ${COMMENT_MAX_LENGTH}`);
  if (!(COMMENT_OFFICES as readonly string[]).includes(options.office)) throw new InvalidArgumentError('office', `must be one of ${COMMENT_OFFICES.join(', ')}`);
  const state = await core.store.getInstance(instanceId);
  if (!state) throw new NotFoundError('application', instanceId);
  const at = nowIso(core);
  const entry: HistoryEntry = { instanceId, at, elementId: state.key, event: 'comment', data: { text, by, office: options.office } };
  await core.store.commit({
    history: [entry],
    audit: [{ at, actor: by, action: 'application.comment', subject: instanceId, data: { text, office: options.office } }],
  });
  return entry;
}
