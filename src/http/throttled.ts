import type { Context } from 'hono';
import { DomainError } from '../domain/errors';
import type { AppEnv } from './env';
import { HttpError } from './http-error';
import { addressBucket } from './throttle';

function tooMany(wait: number): HttpError {
  return new HttpError('too_many_attempts', `尝试次数过多，请 ${wait} 秒后再试`, { retryAfter: wait });
}

/**
 * Runs a token look-up under the per-address throttle. Only an unknown token counts, and only an
 * unknown token is refused while the address is paused: a real slip always gets through, so one
 * guesser behind the meeting room's shared address cannot lock the room out. (A paused guesser
 * learns nothing it could not learn unpaused: tokens carry ≥ 128 random bits.)
 */
export async function throttled<T>(c: Context<AppEnv>, lookup: () => Promise<T>): Promise<T> {
  const bucket = addressBucket(c.get('platform').clientAddress(c));
  const throttle = c.get('throttle');
  try {
    return await lookup();
  } catch (err) {
    if (err instanceof DomainError && err.code === 'token_unknown') {
      const wait = throttle.blockedFor(bucket);
      if (wait > 0) throw tooMany(wait);
      throttle.fail(bucket);
    }
    throw err;
  }
}

/**
 * Staff keys (and any login built on them) get their own count per address: someone guessing
 * keys is stopped, while voters at that address, who never send a key, are not slowed. A valid
 * key is never refused, whatever others at that address got wrong.
 */
export async function throttledKey<T>(c: Context<AppEnv>, check: () => Promise<T | null>): Promise<T | null> {
  const bucket = `key:${addressBucket(c.get('platform').clientAddress(c))}`;
  const throttle = c.get('throttle');
  const found = await check();
  if (found) return found;
  const wait = throttle.blockedFor(bucket);
  if (wait > 0) throw tooMany(wait);
  throttle.fail(bucket);
  return null;
}
