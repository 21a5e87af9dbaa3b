/**
 * An error the server itself raises (bad input, unknown route, unsupported media type). Its
 * message and details are meant for the caller; errors.ts turns it into the contract's body.
 */
export class HttpProblem extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: Record<string, unknown>,
    /** Headers the answer carries (Retry-After on a 429). */
    readonly headers?: Readonly<Record<string, string>>,
  ) {
    super(message);
    this.name = 'HttpProblem';
  }
}
