import type { InstanceView } from '../api.js';
import { ConflictError, InvalidArgumentError, NotFoundError } from '../errors.js';
import { requiredText } from '../commands/args.js';
import { transact } from '../commit/transact.js';
import { PreparedBatch } from '../commit/PreparedBatch.js';
import { nowIso, type EngineCore } from '../commands/EngineCore.js';
import { toView } from '../commands/views.js';
import { DOCUMENTS_MESSAGE, documentsTarget } from './waitsForDocuments.js';

export interface DocumentsBroughtOptions {
  readonly by: string;
  /** What the applicant brought, as the clerk names it. */
  readonly documents: readonly string[];
}

/**
 * The applicant brought the documents the official asked for: the clerk records them, which
 * correlates the catalogue's `documentsProvided` message with `{ broughtDocuments,
 * documentsBroughtAt }` and resumes the case (a `ps:pausesSla` wait restarts the term, DOMAIN
 * rule 5, engine/runtime/slaClock.ts). History 'documents'; audited as `documents.brought`.
 * ConflictError, in words, when the application is not waiting for documents.
 */
export async function recordDocumentsBrought(core: EngineCore, instanceId: string, options: DocumentsBroughtOptions): Promise<InstanceView> {
  const by = requiredText(options?.by, 'by');
  const documents = documentList(options.documents);
  const { value } = await transact(core.store, () => new PreparedBatch(), async (prepared) => {
    const state = await core.store.getInstance(instanceId);
    if (!state) throw new NotFoundError('application', instanceId);
    const waiting = state.status === 'active' ? documentsTarget(state) : undefined;
    if (!waiting) {
      const where = state.status === 'active' ? `it is at ${state.tokens.map((t) => t.elementId).join(', ') || 'no step'}` : `it has ended (${state.status})`;
      throw new ConflictError(`application ${state.trackingNumber} is not waiting for documents: ${where}`, instanceId);
    }
    const at = nowIso(core);
    const variables = { broughtDocuments: documents, documentsBroughtAt: at };
    const unit = core.newUnit();
    const next = await unit.signal(instanceId, { type: 'message', ...waiting, messageName: DOCUMENTS_MESSAGE, variables });
    const batch = await unit.toBatch();
    prepared.set({
      ...batch,
      history: [...(batch.history ?? []), { instanceId, at, elementId: state.key, event: 'documents', data: { by, documents } }],
      audit: [
        ...(batch.audit ?? []),
        { at, actor: by, action: 'documents.brought', subject: instanceId, data: { messageName: DOCUMENTS_MESSAGE, documents, trackingNumber: state.trackingNumber } },
      ],
    });
    return toView(next);
  });
  return value;
}

function documentList(value: unknown): string[] {
  if (!Array.isArray(value) || value.length === 0) throw new InvalidArgumentError('documents', 'name at least one document brought');
  return value.map((item, i) => {
    if (typeof item !== 'string' || !item.trim()) throw new InvalidArgumentError(`documents.${i}`, 'is empty');
    return item.trim();
  });
}
