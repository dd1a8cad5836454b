import { randomCode, randomId } from '../lib/random';
import type { Services } from './context';
import type { Role } from '../domain/people';

const KEY_ALPHABET = 'abcdefghijkmnpqrstuvwxyzABCDEFGHJKMNPQRSTUVWXYZ23456789';

/** A staff key is shown once; only its hash is stored. */
export async function createUser(services: Services, input: { name: string; role: Role }) {
  const key = `mp_${randomCode(40, KEY_ALPHABET)}`;
  const user = { id: randomId(8), name: input.name, role: input.role, revoked: false, createdAt: new Date().toISOString() };
  await services.store.createUser({ ...user, keyHash: await services.sha256(key) });
  return { ...user, key };
}
