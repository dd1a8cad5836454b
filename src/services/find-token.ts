import { normalizeToken } from '../domain/codes';
import { DomainError } from '../domain/errors';
import type { TokenRow } from '../store/types';
import type { Services } from './context';

export interface FoundToken extends TokenRow {
  token: string;
  hash: string;
}

export const unknownToken = () => new DomainError('token_unknown');

/** A typed or scanned code → its stored row. Malformed and unknown look the same from outside. */
export async function findToken(services: Services, raw: string): Promise<FoundToken> {
  const token = normalizeToken(raw);
  if (!token) throw unknownToken();
  const hash = await services.sha256(token);
  const row = await services.store.tokenByHash(hash);
  if (!row) throw unknownToken();
  return { ...row, token, hash };
}
