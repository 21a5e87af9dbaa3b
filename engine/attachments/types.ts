/** What an upload names (a leaf module, read by the engine's API). */
export interface AddAttachmentOptions {
  readonly by: string;
  /** As the uploader named it; shown in lists and offered as the download's name. */
  readonly fileName: string;
  readonly content: Uint8Array;
  /** The type the upload declared (its Content-Type), checked against the content when given. */
  readonly declaredType?: string;
}
