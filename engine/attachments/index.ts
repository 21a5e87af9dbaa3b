/** Scans attached to applications: the type and size rules and the command that stores them. */
export { addAttachment, type AddAttachmentOptions } from './addAttachment.js';
export { ATTACHMENT_TYPES, MAX_ATTACHMENT_BYTES, detectAttachmentType, type AttachmentType } from './attachmentType.js';
