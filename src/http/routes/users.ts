import { Hono } from 'hono';
import { DomainError } from '../../domain/errors';
import { createUser } from '../../services/users';
import { ADMIN, requireRole } from '../auth';
import { readJson } from '../body';
import type { AppEnv } from '../env';
import { userSchema } from '../schemas';

export const userRoutes = new Hono<AppEnv>()
  .use(requireRole(ADMIN))
  .post('/', async (c) => c.json(await createUser(c.get('services'), await readJson(c, userSchema)), 201))
  .get('/', async (c) => c.json({ users: await c.get('services').store.listUsers() }))
  .post('/:id/revoke', async (c) => {
    if (!(await c.get('services').store.revokeUser(c.req.param('id')))) throw new DomainError('user_not_found');
    return c.json({ ok: true });
  });
