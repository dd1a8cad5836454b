import { Hono } from 'hono';
import { DomainError } from '../../domain/errors';
import { createUser } from '../../services/users';
import { ADMIN, requireRole } from '../auth';
import { JSON_BYTES, jsonInput, limitBody } from '../body';
import type { AppEnv } from '../env';
import { userSchema } from '../schemas';

export const userRoutes = new Hono<AppEnv>()
  .use(limitBody(JSON_BYTES))
  .use(requireRole(ADMIN))
  .post('/', jsonInput(userSchema), async (c) => c.json(await createUser(c.get('services'), c.req.valid('json')), 201))
  .get('/', async (c) => c.json({ users: await c.get('services').store.listUsers() }))
  .post('/:id/revoke', async (c) => {
    if (!(await c.get('services').store.revokeUser(c.req.param('id')))) throw new DomainError('user_not_found');
    return c.json({ ok: true });
  });
