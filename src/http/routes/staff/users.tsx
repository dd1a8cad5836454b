import { Hono } from 'hono';
import { DomainError } from '../../../domain/errors';
import { createUser } from '../../../services/users';
import { UsersPage, type UsersPageProps } from '../../../../web/staff/users-page';
import { ADMIN, requireRole } from '../../auth';
import { readForm, validate } from '../../body';
import type { AppEnv, C } from '../../env';
import { statusOf } from '../../error-status';
import { htmlPage } from '../../html-page';
import { userSchema } from '../../schemas';
import { staffView } from './kit';

async function usersPage(c: C, extra: Pick<UsersPageProps, 'created' | 'flash' | 'error'> = {}, status: 200 | 201 | 400 | 404 = 200) {
  return htmlPage(c, <UsersPage {...await staffView(c)} users={await c.get('services').store.listUsers()} {...extra} />, status);
}

/** /staff/users (admins): make a supervisor or scorer (the key shown once), revoke a key. */
export const userPages = new Hono<AppEnv>()
  .use(requireRole(ADMIN))
  .get('/', (c) => usersPage(c, { flash: c.req.query('done') === 'revoked' ? '密钥已停用：持有人已无法登录或调用接口。' : undefined }))
  .post('/', async (c) => {
    const form = await readForm(c);
    try {
      const input = validate(userSchema, { name: form.field('name'), role: form.field('role') });
      const user = await createUser(c.get('services'), input);
      return usersPage(c, { created: { name: user.name, role: user.role, key: user.key } }, 201);
    } catch (err) {
      if (err instanceof DomainError && statusOf(err) === 400) return usersPage(c, { error: err.message }, 400);
      throw err;
    }
  })
  .post('/:id/revoke', async (c) => {
    if (!(await c.get('services').store.revokeUser(c.req.param('id')))) return usersPage(c, { error: '找不到该账号' }, 404);
    return c.redirect('/staff/users?done=revoked', 303);
  });
