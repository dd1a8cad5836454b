import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startNodeTarget } from '../helpers/node-target';
import { client, type Client, type Target } from '../helpers/target';

const HTML = { accept: 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8' };

/** What a browser meets at the edges: the first page, unknown addresses, a reloaded print sheet. */
describe('pages at the edges of a meeting', () => {
  let target: Target;
  let supervisor: Client;
  let key: string;

  beforeAll(async () => {
    target = await startNodeTarget();
    const admin = client(target.url, target.adminKey);
    key = (await admin.post('/api/users', { name: '监督员老王', role: 'supervisor' })).body.key;
    supervisor = client(target.url, key);
  });
  afterAll(() => target?.stop());

  it('/ is a page with the code form and the staff sign-in, not an error', async () => {
    const r = await client(target.url).get('/', HTML);
    expect(r.status).toBe(200);
    expect(r.headers.get('content-type')).toContain('text/html');
    expect(r.text).toContain('action="/b"');
    expect(r.text).toContain('href="/staff/login"');
    expect(r.headers.get('content-security-policy')).toContain("default-src 'self'");
  });

  it('a browser asking for an unknown page gets an HTML 404; /api and programs keep JSON', async () => {
    const page = await client(target.url).get('/no-such-page', HTML);
    expect(page.status).toBe(404);
    expect(page.headers.get('content-type')).toContain('text/html');
    expect(page.text).toContain('找不到这个页面');
    const api = await client(target.url).get('/api/no-such-thing', HTML);
    expect(api.status).toBe(404);
    expect(api.body.error.code).toBe('not_found');
    const program = await client(target.url).get('/no-such-page');
    expect(program.body.error.code).toBe('not_found');
  });

  it('reloading the staff print address says the codes were shown once, as a page', async () => {
    const m = await supervisor.post('/api/meetings', { title: '重印测试', eligible: 3, subjects: [{ name: '甲' }] });
    const r = await fetch(`${target.url}/staff/meetings/${m.body.id}/slips`, { headers: { ...HTML, authorization: `Bearer ${key}` } });
    expect(r.status).toBe(200);
    expect(r.url).toContain(`/staff/meetings/${m.body.id}?done=printed`);
    expect(await r.text()).toContain('测评码只在生成时显示这一次');
  });
});
