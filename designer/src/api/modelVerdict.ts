import type { ProblemDetail } from '../../../engine/errors.js';

/** What a problem's message was made from (engine/model/problemTexts.ts): a stable key and its values. */
export type { ProblemDetail };

/** The deploy's verdict on a model not deployed (the server's `ModelVerdict`, `POST /api/definitions/validate`). */
export interface ModelVerdict {
  readonly valid: boolean;
  /**
   * `code`: stable, for the UI to say the problem in its language (engine/model/problemCodes.ts);
   * `detail`: the message's template key and values (engine/model/problemTexts.ts), when the compiler worded it.
   */
  readonly problems: readonly { readonly elementId: string; readonly message: string; readonly code?: string; readonly detail?: ProblemDetail }[];
  readonly warnings: readonly string[];
}
