import { createHash } from 'node:crypto';
import type { AttachmentRecord } from '../store/port.js';
import { ConflictError, InvalidArgumentError, NotFoundError } from '../errors.js';
import { newId } from '../ids.js';
import { requiredText } from '../commands/args.js';
import { nowIso, type EngineCore } from '../commands/EngineCore.js';
import { ATTACHMENT_TYPES, MAX_ATTACHMENT_BYTES, detectAttachmentType, typeOfName, type AttachmentType } from './attachmentType.js';

export type { AddAttachmentOptions } from './types.js';
import type { AddAttachmentOptions } from './types.js';

const FILE_NAME_MAX = 200;

/**
 * Attaches a scan to an application (at intake or later, while it runs or after): PDF, JPEG or
 * PNG by its first bytes, at most MAX_ATTACHMENT_BYTES. A name or a declared type that claims
 * another of these types than the content is refused (a PNG renamed .pdf). Stored with its
 * SHA-256, which the audit entry `attachment.add` carries, and a history event 'attachment'.
 */
export async function addAttachment(core: EngineCore, instanceId: string, options: AddAttachmentOptions): Promise<AttachmentRecord> {
  const by = requiredText(options?.by, 'by');
  const fileName = cleanFileName(options.fileName);
  const content = options.content;
  if (!(content instanceof Uint8Array) || content.byteLength === 0) throw new InvalidArgumentError('content', 'the file is empty');
  if (content.byteLength > MAX_ATTACHMENT_BYTES) {
    throw new InvalidArgumentError('content', `the file is ${content.byteLength} bytes; the limit is ${MAX_ATTACHMENT_BYTES} bytes (${MAX_ATTACHMENT_BYTES / 1024 / 1024} MB)`);
  }
  const type = detectAttachmentType(content);
  const allowed = Object.values(ATTACHMENT_TYPES).map((t) => t.label).join(', ');
  if (!type) throw new InvalidArgumentError('content', `the file is not a ${allowed} (checked by its content, not its name)`);
  const claimed = typeOfName(fileName);
  if (claimed && claimed !== type) throw mismatch('fileName', `its name says ${label(claimed)}`, type);
  const declared = options.declaredType?.split(';')[0]?.trim().toLowerCase();
  if (declared && declared in ATTACHMENT_TYPES && declared !== type) throw mismatch('contentType', `it was sent as ${declared}`, type);

  const state = await core.store.getInstance(instanceId);
  if (!state) throw new NotFoundError('application', instanceId);
  if (state.parent) throw new ConflictError(`instance ${instanceId} is part of application ${state.parent.instanceId}: attach the scan there`, instanceId);
  const at = nowIso(core);
  const sha256 = createHash('sha256').update(content).digest('hex');
  const record: AttachmentRecord = { id: newId(), instanceId, at, by, fileName, contentType: type, size: content.byteLength, sha256 };
  await core.store.commit({
    attachments: [{ record, content }],
    history: [{ instanceId, at, elementId: state.key, event: 'attachment', data: { attachmentId: record.id, fileName, contentType: type, size: record.size, sha256, by } }],
    audit: [{ at, actor: by, action: 'attachment.add', subject: instanceId, data: { attachmentId: record.id, fileName, contentType: type, size: record.size, sha256 } }],
  });
  return record;
}

function mismatch(field: string, claim: string, actual: AttachmentType): InvalidArgumentError {
  return new InvalidArgumentError(field, `${claim}, but its content is a ${label(actual)}: refused (rename it or send the right file)`);
}

function label(type: AttachmentType): string {
  return ATTACHMENT_TYPES[type].label;
}

/** A display name: no path, no control characters, bounded. */
function cleanFileName(value: unknown): string {
  if (typeof value !== 'string') throw new InvalidArgumentError('fileName', 'is required');
  // eslint-disable-next-line no-control-regex
  const name = (value.split(/[\\/]/).pop() ?? '').replace(/[\u0000-\u001f\u007f"]/g, '').trim();
  if (!name) throw new InvalidArgumentError('fileName', 'is required');
  if (name.length > FILE_NAME_MAX) throw new InvalidArgumentError('fileName', `is ${name.length} characters; at most ${FILE_NAME_MAX}`);
  return name;
}
