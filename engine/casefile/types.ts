/** The case file's option types (a leaf module, read by the engine's API). */
export const COMMENT_OFFICES = ['front', 'back', 'supervisor'] as const;
export type CommentOffice = (typeof COMMENT_OFFICES)[number];

export interface CommentOptions {
  readonly by: string;
  readonly text: string;
  /** The author's side: the timeline shows it where the author's name must stay hidden. */
  readonly office: CommentOffice;
}

export interface UnclaimOptions {
  readonly by: string;
  /**
   * The caller oversees the task (a supervisor, checked by the caller's scope rules): they may
   * give back a task someone else claimed, with a reason.
   */
  readonly asSupervisor?: boolean;
  readonly reason?: string;
}

export interface ApplicantQuery {
  /** The applicant's IIN, exactly (12 digits): no prefix search, so nobody walks the register. */
  readonly iin?: string;
  /**
   * The start of the applicant's name or of any word in it (at least 3 letters), case-insensitive
   * in Kazakh and Russian too, ё as е: "aig" and "seitkali a" find "Seitkali Aigerim", "kali"
   * does not (store/shared/applicantIndex.ts). With `iin`, both must match.
   */
  readonly name?: string;
  /** Most matches returned (default 1000). */
  readonly limit?: number;
  /** The last application of the previous page (its startedAt and id): only older ones. */
  readonly after?: { readonly startedAt: string; readonly id: string };
}
