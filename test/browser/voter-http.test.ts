import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { formatToken } from '../../src/domain/codes';
import { issue, newMeeting } from '../helpers/scenario';
import type { Client } from '../helpers/target';
import { startVoterWorld } from './voter-kit';

/** The voter's pages over plain HTTP: every state a slip can be in, headers, languages, the throttle. */
describe('voter pages over HTTP', () => {
  let world: Awaited<ReturnType<typeof startVoterWorld>>;
  let supervisor: Client;
  let base: string;

  beforeAll(async () => {
    world = await startVoterWorld({ throttleLimit: 5 });
    supervisor = world.supervisor;
    base = world.target.url;
  });
  afterAll(() => world?.target.stop());

  const get = (path: string, headers: Record<string, string> = {}) => fetch(base + path, { headers: { 'accept-language': 'zh-CN', ...headers }, redirect: 'manual' });
  const post = (path: string, form: Record<string, string>) =>
    fetch(base + path, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams(form), redirect: 'manual' });

  /** The bytes on the wire (fetch would unzip them), as a phone asking for gzip receives them. */
  function rawGet(path: string): Promise<{ encoding: string | undefined; bytes: number }> {
    return new Promise((resolve, reject) => {
      request(base + path, { headers: { 'accept-encoding': 'gzip' } }, (res) => {
        let bytes = 0;
        res.on('data', (chunk: Buffer) => (bytes += chunk.length));
        res.on('end', () => resolve({ encoding: res.headers['content-encoding'], bytes }));
      })
        .on('error', reject)
        .end();
    });
  }

  function expectVoterHeaders(res: Response) {
    expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect(res.headers.get('referrer-policy')).toBe('no-referrer');
    expect(res.headers.get('set-cookie')).toBeNull();
  }

  async function meetingWithTokens(n: number) {
    const m = await newMeeting(supervisor, { title: '南湾社区居民满意度测评', eligible: 10, subjects: [{ name: '南湾社区党委' }, { name: '社区书记 赵六' }] });
    return { ...m, tokens: await issue(supervisor, m.id, n) };
  }

  it('says plainly when voting has not started, has closed, or the slip was voided — and spends nothing', async () => {
    const m = await meetingWithTokens(3);
    let res = await get(`/b/${m.tokens[0]}`);
    expect(res.status).toBe(409);
    expectVoterHeaders(res);
    let body = await res.text();
    expect(body).toContain('测评还没有开始');
    expect(body).toContain(`href="/b/${m.tokens[0]}"`); // refresh
    res = await post(`/b/${m.tokens[0]}`, { [m.subjects[0]]: 'satisfied', [m.subjects[1]]: 'satisfied' });
    expect(res.status).toBe(409);

    await supervisor.post(`/api/meetings/${m.id}/tokens/void`, { token: m.tokens[1] });
    await supervisor.post(`/api/meetings/${m.id}/open`);
    res = await get(`/b/${m.tokens[1]}`);
    expect(res.status).toBe(409);
    expect(await res.text()).toContain('此测评码已作废');
    res = await get(`/b/${m.tokens[0]}`);
    expect(res.status).toBe(200); // the refused post above did not spend it
    expectVoterHeaders(res);

    await supervisor.post(`/api/meetings/${m.id}/close`);
    res = await get(`/b/${m.tokens[0]}`);
    expect(res.status).toBe(409);
    body = await res.text();
    expect(body).toContain('测评已经结束');
    expect((await supervisor.post(`/api/meetings/${m.id}/close`)).status).toBe(409);
  });

  it('a form post votes once; the same slip then shows 此测评码已使用 with its receipt', async () => {
    const m = await meetingWithTokens(1);
    await supervisor.post(`/api/meetings/${m.id}/open`);
    const ok = await post(`/b/${m.tokens[0]}`, { [m.subjects[0]]: 'very_satisfied', [m.subjects[1]]: 'satisfied' });
    expect(ok.status).toBe(200);
    expectVoterHeaders(ok);
    const receipt = (await ok.text()).match(/id="receipt">([^<]+)</)![1];
    const again = await post(`/b/${m.tokens[0]}`, { [m.subjects[0]]: 'dissatisfied', [m.subjects[1]]: 'dissatisfied' });
    expect(again.status).toBe(409);
    const body = await again.text();
    expect(body).toContain('此测评码已使用');
    expect(body).toContain(receipt);
    expect((await supervisor.get(`/api/meetings/${m.id}/turnout`)).body.cast).toBe(1);
  });

  it('an unknown grade or a foreign field comes back as the form with status 400, nothing spent', async () => {
    const m = await meetingWithTokens(1);
    await supervisor.post(`/api/meetings/${m.id}/open`);
    const res = await post(`/b/${m.tokens[0]}`, { [m.subjects[0]]: 'great', [m.subjects[1]]: 'satisfied' });
    expect(res.status).toBe(400);
    const body = await res.text();
    expect(body).toContain(`class="missing"`);
    expect(body).toMatch(new RegExp(`name="${m.subjects[1]}" value="satisfied" checked`));
    expect((await post(`/b/${m.tokens[0]}`, { evil: 'x', [m.subjects[0]]: 'satisfied', [m.subjects[1]]: 'satisfied' })).status).toBe(400);
    expect((await supervisor.get(`/api/meetings/${m.id}/turnout`)).body.cast).toBe(0);
  });

  it('the manual entry page takes a code in any case with spaces or dashes and redirects (GET or POST) with 303', async () => {
    const m = await meetingWithTokens(1);
    let res = await get('/b');
    expect(res.status).toBe(200);
    expectVoterHeaders(res);
    expect(await res.text()).toContain('name="code"');
    const typed = formatToken(m.tokens[0]).toLowerCase().replaceAll('-', ' ');
    res = await get(`/b?code=${encodeURIComponent(typed)}&lang=en`);
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe(`/b/${m.tokens[0]}?lang=en`);
    res = await post('/b', { code: formatToken(m.tokens[0]) });
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe(`/b/${m.tokens[0]}`);
    res = await get('/b?code=12345');
    expect(res.status).toBe(400);
    expect(await res.text()).toContain('测评码应为 26 位字母和数字');
    res = await get(`/b/${formatToken(m.tokens[0]).toLowerCase()}`);
    expect(res.status).toBe(409); // found (a draft meeting): lower case and dashes are the same slip
  });

  it('picks the language from Accept-Language, lets ?lang= override it, and keeps it in the form action', async () => {
    const m = await meetingWithTokens(1);
    await supervisor.post(`/api/meetings/${m.id}/open`);
    const page = (lang: string, q = '') => get(`/b/${m.tokens[0]}${q}`, { 'accept-language': lang }).then((r) => r.text());
    expect(await page('zh-TW,zh;q=0.9')).toContain('很滿意');
    expect(await page('zh-HK')).toContain('lang="zh-TW"');
    expect(await page('en-US,en;q=0.9')).toContain('Very satisfied');
    expect(await page('fr-FR, de;q=0.5')).toContain('很满意');
    expect(await page('en;q=0.5, zh-CN;q=0.8')).toContain('lang="zh-CN"');
    const chosen = await page('zh-CN', '?lang=en');
    expect(chosen).toContain('Very satisfied');
    expect(chosen).toContain(`action="/b/${m.tokens[0]}?lang=en"`);
  });

  it('弃权 is on the phone ballot only when the rule allows it, and an abstention counts in the subject’s abstain', async () => {
    const plain = await meetingWithTokens(1);
    await supervisor.post(`/api/meetings/${plain.id}/open`);
    expect(await (await get(`/b/${plain.tokens[0]}`)).text()).not.toContain('value="abstain"');

    const m = await newMeeting(supervisor, { title: '北坡村民主测评', eligible: 10, rule: { allowAbstain: true }, subjects: [{ name: '北坡村党支部' }, { name: '村主任 钱七' }] });
    const tokens = await issue(supervisor, m.id, 5);
    await supervisor.post(`/api/meetings/${m.id}/open`);
    const html = await (await get(`/b/${tokens[0]}`)).text();
    for (const s of m.subjects) expect(html).toContain(`name="${s}" value="abstain"`);
    expect(html).toContain('弃权');
    expect(await (await get(`/b/${tokens[0]}?lang=zh-TW`)).text()).toContain('棄權');
    for (const [i, t] of tokens.entries()) {
      const res = await post(`/b/${t}`, { [m.subjects[0]]: 'satisfied', [m.subjects[1]]: i === 0 ? 'abstain' : 'very_satisfied' });
      expect(res.status).toBe(200);
    }
    await supervisor.post(`/api/meetings/${m.id}/close`);
    const results = (await supervisor.get(`/api/meetings/${m.id}/results`)).body;
    expect(results.subjects[1].counts).toMatchObject({ very_satisfied: 4, abstain: 1 });
    expect(results.subjects[1].cast).toBe(5);
  });

  it('a 60-subject ballot (民主评议党员) still travels in well under 30 KB: the page is gzipped', async () => {
    const subjects = Array.from({ length: 60 }, (_, i) => ({ name: `党员 张${'一二三四五六七八九十'[i % 10]}${i}` }));
    const m = await newMeeting(supervisor, { title: '2026年度东山村党支部民主评议党员', eligible: 60, subjects });
    const [token] = await issue(supervisor, m.id, 1);
    await supervisor.post(`/api/meetings/${m.id}/open`);
    const { encoding, bytes } = await rawGet(`/b/${token}`);
    expect(encoding).toBe('gzip');
    const page = await get(`/b/${token}`);
    expect((await page.text()).match(/<fieldset/g)).toHaveLength(60);
    const assets = await Promise.all(['voter.css', 'voter.js'].map((name) => rawGet(`/assets/${name}`)));
    const total = bytes + assets.reduce((s, a) => s + a.bytes, 0);
    expect(total).toBeLessThanOrEqual(30 * 1024);
    console.info(`60-subject ballot: ${bytes} bytes gzipped, ${total} bytes with its CSS and JS`);
  });

  it('writes nothing to the console about voters while they vote, look up, or mistype', async () => {
    const m = await meetingWithTokens(2);
    await supervisor.post(`/api/meetings/${m.id}/open`);
    const spies = [vi.spyOn(process.stdout, 'write'), vi.spyOn(process.stderr, 'write'), ...(['log', 'info', 'warn', 'error', 'debug'] as const).map((k) => vi.spyOn(console, k))];
    try {
      await get(`/b/${m.tokens[0]}`);
      await post(`/b/${m.tokens[0]}`, { [m.subjects[0]]: 'satisfied' });
      await post(`/b/${m.tokens[0]}`, { [m.subjects[0]]: 'satisfied', [m.subjects[1]]: 'satisfied' });
      await get(`/b/${m.tokens[0]}`);
      await get('/b/UNKNOWNUNKNOWNUNKNOWNUNKNO');
      await get('/b?code=nonsense');
      for (const spy of spies) expect(spy).not.toHaveBeenCalled();
    } finally {
      for (const spy of spies) spy.mockRestore();
    }
  });

  it('unknown codes count toward the throttle: after the limit the page answers 429 with Retry-After', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 7; i++) statuses.push((await get(`/b/${'Z'.repeat(25)}${'23456789'[i]}`)).status);
    expect(statuses.slice(0, 5)).toEqual([404, 404, 404, 404, 404]);
    const blocked = await get(`/b/${'Z'.repeat(26)}`);
    expect(blocked.status).toBe(429);
    expectVoterHeaders(blocked);
    expect(Number(blocked.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(await blocked.text()).toContain('尝试次数过多');
  });
});
