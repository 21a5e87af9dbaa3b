/**
 * The scans an application may carry, recognised by their first bytes (the "magic number"),
 * never by the name or the declared type: a file is what its content is.
 */
export const ATTACHMENT_TYPES = {
  'application/pdf': { label: 'PDF', extensions: ['pdf'], magic: [[0x25, 0x50, 0x44, 0x46, 0x2d]] }, // %PDF-
  'image/jpeg': { label: 'JPEG', extensions: ['jpg', 'jpeg'], magic: [[0xff, 0xd8, 0xff]] },
  'image/png': { label: 'PNG', extensions: ['png'], magic: [[0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]] },
} as const;

export type AttachmentType = keyof typeof ATTACHMENT_TYPES;

/** The one size limit for a scan: the server reads no more than this of a request's body. */
export const MAX_ATTACHMENT_BYTES = 10 * 1024 * 1024;

/** The type the content's first bytes say, or undefined for anything else. */
export function detectAttachmentType(content: Uint8Array): AttachmentType | undefined {
  for (const [type, spec] of Object.entries(ATTACHMENT_TYPES) as [AttachmentType, (typeof ATTACHMENT_TYPES)[AttachmentType]][]) {
    if (spec.magic.some((magic) => magic.every((byte, i) => content[i] === byte))) return type;
  }
  return undefined;
}

/** The type a file name's extension claims, when it is one of ours. */
export function typeOfName(fileName: string): AttachmentType | undefined {
  const extension = fileName.toLowerCase().split('.').pop() ?? '';
  for (const [type, spec] of Object.entries(ATTACHMENT_TYPES) as [AttachmentType, (typeof ATTACHMENT_TYPES)[AttachmentType]][]) {
    if ((spec.extensions as readonly string[]).includes(extension)) return type;
  }
  return undefined;
}
