import { Hono } from 'hono';
import { LoginPage } from '../../../../web/staff/login-page';
import { actorForKey, requireRole, sessionUserId, STAFF } from '../../auth';
import { readForm } from '../../body';
import type { AppEnv, C } from '../../env';
import { htmlPage } from '../../html-page';
import { checkLoginCsrf, endSession, loginCsrf, startSession } from '../../session';
import { throttledKey } from '../../throttled';

/** Only back into the staff pages after signing in: never to another site. */
function safeNext(next: string | undefined): string {
  return next && /^\/staff\/[^/\\]/.test(next) ? next : '/staff/meetings';
}

const loginPage = (c: C, next: string, error?: string, status: 200 | 400 | 401 = 200) =>
  htmlPage(c, <LoginPage csrf={loginCsrf(c)} next={next} error={error} />, status);

/** /staff/login and /staff/logout: a staff key in, a session cookie out. */
export const signInPages = new Hono<AppEnv>()
  .get('/login', (c) => loginPage(c, safeNext(c.req.query('next'))))
  .post('/login', async (c) => {
    const form = await readForm(c);
    checkLoginCsrf(c, form.field('_csrf'));
    const next = safeNext(form.field('next'));
    const key = form.field('key').trim();
    if (!key) return loginPage(c, next, '请输入密钥', 400);
    // Wrong keys count against the address, exactly as a wrong bearer key does on the API.
    const actor = await throttledKey(c, () => actorForKey(c, key));
    if (!actor) return loginPage(c, next, '密钥无效或已停用，请核对后重试；忘记密钥请找管理员重新创建', 401);
    await startSession(c, await sessionUserId(c, actor));
    return c.redirect(next, 303);
  })
  .post('/logout', requireRole(STAFF), async (c) => {
    await endSession(c);
    return c.redirect('/staff/login', 303);
  });
