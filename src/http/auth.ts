import type { Context } from 'hono';
import { createMiddleware } from 'hono/factory';
import { DomainError } from '../domain/errors';
import { digestsEqual } from '../lib/sha256';
import type { Actor } from '../services/context';
import type { AppEnv } from './env';
import { throttledKey } from './throttled';

export const ADMIN_ACTOR: Actor = { id: 'env-admin', name: '管理员', role: 'admin' };

function bearer(c: Context): string | null {
  const h = c.req.header('authorization');
  const m = h?.match(/^Bearer\s+(\S+)\s*$/i);
  return m ? m[1] : null;
}

/** A key → who holds it. Keys are compared by hash, in equal time. */
export async function actorForKey(c: Context<AppEnv>, key: string): Promise<Actor | null> {
  const { store, config, sha256 } = c.var.services;
  const keyHash = await sha256(key);
  if (config.adminToken && digestsEqual(keyHash, await sha256(config.adminToken))) return ADMIN_ACTOR;
  const user = await store.userByKeyHash(keyHash);
  return user && !user.revoked ? { id: user.id, name: user.name, role: user.role } : null;
}

/** Who is asking: a bearer key (API clients). Staff pages add a session cookie here. */
export async function resolveActor(c: Context<AppEnv>): Promise<Actor | null> {
  const key = bearer(c);
  // A wrong key counts against the address, so keys cannot be guessed at speed.
  return key ? throttledKey(c, () => actorForKey(c, key)) : null;
}

export type Role = Actor['role'];
export const STAFF: Role[] = ['admin', 'supervisor', 'scorer'];
export const SUPERVISOR: Role[] = ['admin', 'supervisor'];
export const SCORER: Role[] = ['admin', 'scorer'];
export const ADMIN: Role[] = ['admin'];

export function requireRole(roles: Role[]) {
  return createMiddleware<AppEnv>(async (c, next) => {
    const actor = await resolveActor(c);
    if (!actor) throw new DomainError('unauthorized', '需要登录：请在请求头 Authorization 中提供有效的密钥', 401);
    if (!roles.includes(actor.role)) throw new DomainError('forbidden', '您的账号没有此操作的权限', 403);
    c.set('actor', actor);
    await next();
  });
}
