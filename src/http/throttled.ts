import type { Context } from 'hono';
import { DomainError } from '../domain/errors';
import type { AppEnv } from './env';

/**
 * Runs a token look-up under the per-address throttle: only unknown tokens count as failures,
 * and a blocked address is refused before any look-up.
 */
export async function throttled<T>(c: Context<AppEnv>, lookup: () => Promise<T>): Promise<T> {
  const address = c.var.platform.clientAddress(c);
  const wait = c.var.throttle.blockedFor(address);
  if (wait > 0) throw new DomainError('too_many_attempts', `尝试次数过多，请 ${wait} 秒后再试`, 429, { retryAfter: wait });
  try {
    return await lookup();
  } catch (err) {
    if (err instanceof DomainError && err.code === 'token_unknown') c.var.throttle.fail(address);
    throw err;
  }
}
