import type { Context } from 'hono';
import { DomainError } from '../domain/errors';
import type { AppEnv } from './env';
import { HttpError } from './http-error';

function refuseIfBlocked(c: Context<AppEnv>, bucket: string): void {
  const wait = c.get('throttle').blockedFor(bucket);
  if (wait > 0) throw new HttpError('too_many_attempts', `尝试次数过多，请 ${wait} 秒后再试`, { retryAfter: wait });
}

/**
 * Runs a token look-up under the per-address throttle: only unknown tokens count as failures,
 * and a blocked address is refused before any look-up.
 */
export async function throttled<T>(c: Context<AppEnv>, lookup: () => Promise<T>): Promise<T> {
  const address = c.get('platform').clientAddress(c);
  refuseIfBlocked(c, address);
  try {
    return await lookup();
  } catch (err) {
    if (err instanceof DomainError && err.code === 'token_unknown') c.get('throttle').fail(address);
    throw err;
  }
}

/**
 * Staff keys (and any login built on them) get their own count per address: someone guessing
 * keys is stopped, while voters at that address, who never send a key, are not slowed.
 */
export async function throttledKey<T>(c: Context<AppEnv>, check: () => Promise<T | null>): Promise<T | null> {
  const bucket = `key:${c.get('platform').clientAddress(c)}`;
  refuseIfBlocked(c, bucket);
  const found = await check();
  if (!found) c.get('throttle').fail(bucket);
  return found;
}
