import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { allGraded, issue, newMeeting } from '../helpers/scenario';
import { client, type Client } from '../helpers/target';
import { startWorkerTarget, type WorkerTarget } from '../helpers/worker-target';
import { openStream } from './stream-kit';

/** The staff session (a D1 row) and the live stream it opens, in real workerd via wrangler. */
describe('staff sessions and the turnout stream on Workers + D1', () => {
  let target: WorkerTarget;
  let admin: Client;

  beforeAll(async () => {
    target = await startWorkerTarget();
    admin = client(target.url, target.adminKey);
  });
  afterAll(() => target?.stop());

  /** Signs in through the form, as a browser would: the login page's token and cookie, then the key. */
  async function signIn(key: string) {
    const page = await fetch(`${target.url}/staff/login`);
    const loginCookie = page.headers.getSetCookie().find((c) => c.startsWith('mp_login='))!.split(';')[0];
    const csrf = (await page.text()).match(/name="_csrf" value="([^"]+)"/)![1];
    const res = await fetch(`${target.url}/staff/login`, {
      method: 'POST',
      redirect: 'manual',
      headers: { cookie: loginCookie, 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ _csrf: csrf, key, next: '/staff/meetings' }),
    });
    return { res, cookies: res.headers.getSetCookie() };
  }

  it('a supervisor signs in with the form; the session cookie opens the stream, which follows votes to the close', async () => {
    const key = (await admin.post('/api/users', { name: '监督员', role: 'supervisor' })).body.key;
    const { res, cookies } = await signIn(key);
    expect(res.status).toBe(303);
    const session = cookies.filter((c) => c.startsWith('mp_session='));
    expect(session.map((c) => c.match(/Path=([^;]+)/i)![1]).sort()).toEqual(['/api/meetings', '/staff']);
    for (const c of session) expect(c).toMatch(/HttpOnly/i);
    for (const c of session) expect(c).toMatch(/SameSite=Strict/i);
    const cookie = session[0].split(';')[0];
    expect((await fetch(`${target.url}/staff/meetings`, { headers: { cookie }, redirect: 'manual' })).status).toBe(200);

    // The supervisor's own meeting: another's would be 404 to them (meetings belong to their supervisors).
    const supervisor = client(target.url, key);
    const m = await newMeeting(supervisor, { title: '会话（Workers）', eligible: 3, subjects: [{ name: '支部' }] });
    const tokens = await issue(supervisor, m.id, 2);
    await supervisor.post(`/api/meetings/${m.id}/open`);
    const stream = await openStream(`${target.url}/api/meetings/${m.id}/turnout/stream`, { cookie });
    expect(stream.status).toBe(200);
    await stream.waitFor((e) => e.data.status === 'open');
    for (const t of tokens) await client(target.url).post('/api/ballots', { token: t, choices: allGraded(m.subjects, 'satisfied') });
    await stream.waitFor((e) => e.data.cast === 2);

    // The cookie alone cannot change anything: a close without the session's CSRF token is refused.
    const noToken = await fetch(`${target.url}/api/meetings/${m.id}/close`, { method: 'POST', headers: { cookie } });
    expect(noToken.status).toBe(403);
    expect(((await noToken.json()) as { error: { code: string } }).error.code).toBe('csrf_failed');
    await admin.post(`/api/meetings/${m.id}/close`);
    await stream.ended;
    expect(stream.events.at(-1)!.data).toMatchObject({ status: 'closed', cast: 2, quorumMet: true });

    // Signing out ends the session in D1: the same cookie no longer opens anything.
    const page = await (await fetch(`${target.url}/staff/meetings`, { headers: { cookie } })).text();
    const csrf = page.match(/name="_csrf" value="([^"]+)"/)![1];
    const out = await fetch(`${target.url}/staff/logout`, {
      method: 'POST',
      redirect: 'manual',
      headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ _csrf: csrf }),
    });
    expect(out.status).toBe(303);
    expect((await fetch(`${target.url}/api/meetings/${m.id}`, { headers: { cookie } })).status).toBe(401);
  });

  it('a wrong key is refused on the sign-in form (401) and no session is made', async () => {
    const { res, cookies } = await signIn('mp_not-a-real-key');
    expect(res.status).toBe(401);
    expect(cookies.filter((c) => c.startsWith('mp_session='))).toEqual([]);
  });
});
