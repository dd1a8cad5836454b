export type ErrorStatus = 400 | 401 | 403 | 404 | 409 | 413 | 429;

/**
 * The one error class of the product. `code` is the stable machine word, `message` is
 * Chinese a supervisor can act on; the HTTP layer maps it once, in app.onError.
 */
export class DomainError extends Error {
  constructor(
    public code: string,
    message: string,
    public status: ErrorStatus = 400,
    public details?: unknown,
  ) {
    super(message);
    this.name = 'DomainError';
  }
}
