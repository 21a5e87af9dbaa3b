/** The deploy's verdict on a model not deployed (the server's `ModelVerdict`, `POST /api/definitions/validate`). */
export interface ModelVerdict {
  readonly valid: boolean;
  readonly problems: readonly { readonly elementId: string; readonly message: string }[];
  readonly warnings: readonly string[];
}
