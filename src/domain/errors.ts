import { DOMAIN_ERRORS, type DomainErrorCode } from './error-codes';

export type { DomainErrorCode } from './error-codes';

/**
 * The refusal of a rule or a service: `code` from the catalogue (error-codes.ts), `message` the
 * Chinese the catalogue gives unless the throw site knows something more specific (which
 * subject, how many seconds), `details` machine-readable extras copied into the error body.
 * No HTTP status: the edge maps the code once (src/http/error-status.ts).
 */
export class DomainError extends Error {
  constructor(
    public readonly code: DomainErrorCode,
    message?: string,
    public readonly details?: unknown,
  ) {
    super(message ?? DOMAIN_ERRORS[code]);
    this.name = 'DomainError';
  }
}
