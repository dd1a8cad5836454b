import type { Context } from 'hono';
import { createMiddleware } from 'hono/factory';
import { digestsEqual } from '../lib/sha256';
import type { AppEnv } from './env';
import { HttpError } from './http-error';
import { checkCsrf, readSession } from './session';
import { throttledKey } from './throttled';
import { ROLES, type Actor, type Role } from '../domain/people';

export const ADMIN_ACTOR: Actor = { id: 'env-admin', name: '管理员', role: 'admin' };

function bearer(c: Context): string | null {
  const h = c.req.header('authorization');
  const m = h?.match(/^Bearer\s+(\S+)\s*$/i);
  return m ? m[1] : null;
}

/** A key → who holds it. Keys are compared by hash, in equal time. */
export async function actorForKey(c: Context<AppEnv>, key: string): Promise<Actor | null> {
  const { store, config, sha256 } = c.get('services');
  const keyHash = await sha256(key);
  if (config.adminToken && digestsEqual(keyHash, await sha256(config.adminToken))) return ADMIN_ACTOR;
  const user = await store.userByKeyHash(keyHash);
  return user && !user.revoked ? { id: user.id, name: user.name, role: user.role } : null;
}

/**
 * What a session row names: a user id, or for the environment's admin key (no user row) a
 * fingerprint of that key, so changing MINPING_ADMIN_TOKEN ends the old key's sessions.
 */
export async function sessionUserId(c: Context<AppEnv>, actor: Actor): Promise<string> {
  const { config, sha256 } = c.get('services');
  if (actor.id !== ADMIN_ACTOR.id || !config.adminToken) return actor.id;
  return `${ADMIN_ACTOR.id}:${(await sha256(`session:${config.adminToken}`)).slice(0, 32)}`;
}

/** The staff web session's holder, still unrevoked; a change it asks for must carry its CSRF token. */
async function actorForSession(c: Context<AppEnv>): Promise<Actor | null> {
  const session = await readSession(c);
  if (!session) return null;
  const { userId, user } = session.row;
  const actor = user ? (user.revoked ? null : { id: user.id, name: user.name, role: user.role }) : ADMIN_ACTOR;
  if (!actor || userId !== (await sessionUserId(c, actor))) return null;
  await checkCsrf(c, session.raw);
  return actor;
}

/** Who is asking: a bearer key (API clients), else a staff web session (the pages). */
export async function resolveActor(c: Context<AppEnv>): Promise<Actor | null> {
  const key = bearer(c);
  // A wrong key counts against the address, so keys cannot be guessed at speed.
  return key ? throttledKey(c, () => actorForKey(c, key)) : actorForSession(c);
}

export const STAFF: Role[] = [...ROLES];
export const SUPERVISOR: Role[] = ['admin', 'supervisor'];
export const SCORER: Role[] = ['admin', 'scorer'];
export const ADMIN: Role[] = ['admin'];

export function requireRole(roles: Role[]) {
  return createMiddleware<AppEnv>(async (c, next) => {
    const actor = await resolveActor(c);
    if (!actor) throw new HttpError('unauthorized');
    if (!roles.includes(actor.role)) throw new HttpError('forbidden');
    c.set('actor', actor);
    await next();
  });
}
