/** The deploy's verdict on a model not deployed (the server's `ModelVerdict`, `POST /api/definitions/validate`). */
export interface ModelVerdict {
  readonly valid: boolean;
  /** `code`: stable, for the UI to say the problem in its language (engine/model/problemCodes.ts). */
  readonly problems: readonly { readonly elementId: string; readonly message: string; readonly code?: string }[];
  readonly warnings: readonly string[];
}
