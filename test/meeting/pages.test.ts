import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startNodeTarget } from '../helpers/node-target';
import { client, type Client, type Target } from '../helpers/target';

const HTML = { accept: 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8' };

/** One server for both groups: a supervisor and its key, for the API and for page posts. */
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

/** What a browser meets at the edges: the first page, unknown addresses, a reloaded print sheet. */
describe('pages at the edges of a meeting', () => {
  it('/ is a page with the code form and the staff sign-in, not an error', async () => {
    const r = await client(target.url).get('/', HTML);
    expect(r.status).toBe(200);
    expect(r.headers.get('content-type')).toContain('text/html');
    expect(r.text).toContain('action="/b"');
    expect(r.text).toContain('href="/staff/login"');
    expect(r.headers.get('content-security-policy')).toContain("default-src 'self'");
  });

  it('/help is the 使用说明 page: the meeting from creation to the signed minutes, a lost slip, a dropped connection, a power cut', async () => {
    const r = await client(target.url).get('/help', HTML);
    expect(r.status).toBe(200);
    for (const words of ['创建测评会', '测评记录签字存档', '小票丢了', '手机断网', '停电', '考评人员']) expect(r.text).toContain(words);
    expect((await client(target.url).get('/', HTML)).text).toContain('href="/help"');
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
    const text = await r.text();
    expect(text).toContain('测评码只在生成时显示这一次');
    // The test server's QR links are http://127.0.0.1:…: the page warns before anything is printed.
    expect(text).toContain('id="loopback"');
  });
});

describe('the draft pages (plain form posts, as with JavaScript off)', () => {
  const form = (path: string, fields: Record<string, string | string[]>) => {
    const body = new URLSearchParams();
    for (const [k, v] of Object.entries(fields)) for (const one of [v].flat()) body.append(k, one);
    return fetch(target.url + path, { method: 'POST', body, headers: { ...HTML, authorization: `Bearer ${key}` }, redirect: 'manual' });
  };

  it('the edit form saves a draft; a total that disagrees with the categories is refused on the page, nothing saved', async () => {
    const m = (await supervisor.post('/api/meetings', { title: '页面修改', eligible: 3, subjects: [{ name: '甲' }] })).body;
    const page = await fetch(`${target.url}/staff/meetings/${m.id}/edit`, { headers: { ...HTML, authorization: `Bearer ${key}` } });
    expect(await page.text()).toContain('value="页面修改"');
    const fields = { title: '页面修改后', rule: 'standard', cat_label: ['党员', '代表'], cat_eligible: ['4', '2'], subj_name: ['甲', '乙'], subj_kind: ['', ''], noticeDays: '5', contact: '0771-7654321', issuer: '中共某镇委员会' };
    const wrong = await form(`/staff/meetings/${m.id}/edit`, { ...fields, eligible: '7' });
    expect(wrong.status).toBe(400);
    expect(await wrong.text()).toContain('与各类别人数之和 6 不一致');
    expect((await supervisor.get(`/api/meetings/${m.id}`)).body.title).toBe('页面修改');
    const saved = await form(`/staff/meetings/${m.id}/edit`, { ...fields, eligible: '' });
    expect(saved.status).toBe(303);
    expect((await supervisor.get(`/api/meetings/${m.id}`)).body).toMatchObject({ title: '页面修改后', eligible: 6, noticeDays: 5, contact: '0771-7654321', issuer: '中共某镇委员会' });
  });

  it('voiding from the page asks first; only the confirmed post voids', async () => {
    const m = (await supervisor.post('/api/meetings', { title: '作废确认', eligible: 3, subjects: [{ name: '甲' }] })).body;
    const [token] = (await supervisor.post(`/api/meetings/${m.id}/tokens`, { count: 1 })).body.tokens;
    const ask = await form(`/staff/meetings/${m.id}/void`, { code: token });
    expect(ask.status).toBe(200);
    expect(await ask.text()).toContain('确认作废测评码');
    expect((await supervisor.get(`/api/meetings/${m.id}/turnout`)).body.slips).toMatchObject({ voided: 0, unused: 1 });
    expect((await form(`/staff/meetings/${m.id}/void`, { code: token, confirmed: '1' })).status).toBe(303);
    expect((await supervisor.get(`/api/meetings/${m.id}/turnout`)).body.slips).toMatchObject({ voided: 1, unused: 0 });
  });

  it('the staff print sheet has 打印 and 返回, says the codes are shown once, and warns when its QR codes point at this machine', async () => {
    const m = (await supervisor.post('/api/meetings', { title: '打印页', eligible: 3, subjects: [{ name: '甲' }] })).body;
    const sheet = await form(`/staff/meetings/${m.id}/slips`, { count: '2', layout: 'slip' });
    expect(sheet.status).toBe(201);
    const html = await sheet.text();
    expect(html).toContain('id="print-now"');
    expect(html).toContain(`href="/staff/meetings/${m.id}?done=printed"`);
    expect(html).toContain('测评码只显示这一次');
    expect(html).toContain('服务器本机地址');
    expect(sheet.headers.get('content-security-policy')).toMatch(/style-src 'self' 'sha256-/);
    // The API's sheet (saved to disk and printed elsewhere) carries none of the staff page's tools.
    const api = await supervisor.post(`/api/meetings/${m.id}/tokens`, { count: 1, format: 'html' });
    expect(api.text).not.toContain('print-now');
  });

  it('the keying page takes 弃权 per subject and a 废票, as plain form posts', async () => {
    const m = (await supervisor.post('/api/meetings', { title: '纸质票录入', eligible: 6, subjects: [{ name: '甲' }, { name: '乙' }] })).body;
    const [s1, s2] = m.subjects.map((s: { id: string }) => s.id);
    const tokens = (await supervisor.post(`/api/meetings/${m.id}/tokens`, { count: 6 })).body.tokens;
    await supervisor.post(`/api/meetings/${m.id}/open`);
    const page = await fetch(`${target.url}/staff/meetings/${m.id}/paper`, { headers: { ...HTML, authorization: `Bearer ${key}` } });
    const html = await page.text();
    expect(html).toContain(`name="${s1}" value="abstain"`);
    expect(html).toContain('这张是废票');
    expect((await form(`/staff/meetings/${m.id}/paper`, { code: tokens[0], [s1]: 'satisfied', [s2]: 'abstain' })).status).toBe(201);
    const spoilt = await form(`/staff/meetings/${m.id}/paper`, { code: tokens[1], spoilt: '1' });
    expect(spoilt.status).toBe(201);
    expect(await spoilt.text()).toContain('已录入 1 张废票');
    for (const t of tokens.slice(2, 5)) await supervisor.post('/api/ballots', { token: t, choices: { [s1]: 'very_satisfied', [s2]: 'satisfied' } });
    await supervisor.post(`/api/meetings/${m.id}/close`);
    const r = (await supervisor.get(`/api/meetings/${m.id}/results`)).body;
    expect(r).toMatchObject({ cast: 5, spoilt: 1 });
    expect(r.subjects[1].counts).toMatchObject({ abstain: 1, satisfied: 3 });
    expect(r.subjects[1].cast).toBe(4);
  });

  it('delete asks, then removes the draft; copy opens the new draft for editing', async () => {
    const m = (await supervisor.post('/api/meetings', { title: '删除确认', eligible: 3, subjects: [{ name: '甲' }] })).body;
    const copy = await form(`/staff/meetings/${m.id}/copy`, {});
    expect(copy.status).toBe(303);
    expect(copy.headers.get('location')).toMatch(/^\/staff\/meetings\/[^/]+\/edit$/);
    const ask = await fetch(`${target.url}/staff/meetings/${m.id}/delete`, { headers: { ...HTML, authorization: `Bearer ${key}` } });
    expect(await ask.text()).toContain('确认删除');
    expect((await form(`/staff/meetings/${m.id}/delete`, { confirmed: '1' })).status).toBe(303);
    expect((await supervisor.get(`/api/meetings/${m.id}`)).status).toBe(404);
  });
});
