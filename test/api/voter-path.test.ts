import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { readBallotForm } from '../../bench/phones';
import { createApp } from '../../src/http/app';
import { CONTENT_SECURITY_POLICY } from '../../src/http/security';
import { nodePlatform } from '../../src/runtime/node-platform';
import { openDatabase, SqliteStore } from '../../src/store/sqlite-store';
import type { Store } from '../../src/store/types';
import { TEST_ADMIN_KEY } from '../helpers/target';

/**
 * The phone's path through the app, with every store call and hash counted: the vote goes
 * straight to the atomic step as the JSON API does, and the pages are the same whether
 * they travel gzipped or not.
 */
describe('the voter path: GET /b, then the form POST', () => {
  const dir = mkdtempSync(join(tmpdir(), 'minping-voter-path-'));
  const store = new SqliteStore(openDatabase(join(dir, 'minping.db')));
  const calls: Record<string, number> = {};
  const counted = new Proxy(store, {
    get(target, name: string) {
      const value = Reflect.get(target, name);
      if (typeof value !== 'function') return value;
      return (...args: unknown[]) => {
        calls[name] = (calls[name] ?? 0) + 1;
        return value.apply(target, args);
      };
    },
  }) as Store;
  const platform = nodePlatform(counted, { adminToken: TEST_ADMIN_KEY, publicUrl: 'http://minping.test' });
  const sha256 = platform.sha256;
  platform.sha256 = (text) => ((calls.sha256 = (calls.sha256 ?? 0) + 1), sha256(text));
  const app = createApp(platform);
  let meeting: { id: string; subjects: { id: string }[] };
  let tokens: string[];

  const api = (path: string, body?: unknown) =>
    app.request(path, { method: 'POST', headers: { authorization: `Bearer ${TEST_ADMIN_KEY}`, 'content-type': 'application/json' }, body: JSON.stringify(body ?? {}) });
  const page = (token: string, encoding = 'identity') => app.request(`/b/${token}`, { headers: { 'accept-encoding': encoding, 'accept-language': 'zh-CN' } });
  const vote = (token: string, form: Record<string, string>) =>
    app.request(`/b/${token}`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams(form).toString() });
  /** What every page promises, prebuilt header record or not. */
  function expectPageHeaders(res: Response) {
    expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect(res.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('x-frame-options')).toBe('DENY');
    expect(res.headers.get('referrer-policy')).toBe('no-referrer');
    expect(res.headers.get('set-cookie')).toBeNull();
  }
  const graded = (grade: string) => Object.fromEntries(meeting.subjects.map((s) => [s.id, grade]));

  beforeAll(async () => {
    meeting = await (await api('/api/meetings', { title: '西岭村民主测评', eligible: 20, subjects: [{ name: '西岭村党支部' }, { name: '村主任 王五' }, { name: '第一书记 李六' }] })).json();
    tokens = ((await (await api(`/api/meetings/${meeting.id}/tokens`, { count: 8 })).json()) as { tokens: string[] }).tokens;
    await api(`/api/meetings/${meeting.id}/open`);
  });
  afterAll(() => {
    store.sqlite.close();
    rmSync(dir, { recursive: true, force: true });
  });
  beforeEach(() => {
    for (const k of Object.keys(calls)) delete calls[k];
  });

  it('a vote hashes its token once and reads nothing before the atomic step, like the JSON API', async () => {
    expect((await vote(tokens[0], graded('satisfied'))).status).toBe(200); // the first vote reads the title once
    for (const k of Object.keys(calls)) delete calls[k];
    const res = await vote(tokens[1], graded('very_satisfied'));
    expect(res.status).toBe(200);
    expect(await res.text()).toMatch(/id="receipt">[2-9A-HJKMNP-Z]{10}</);
    expect(calls).toEqual({ sha256: 1, ballotForm: 1, castBallot: 1 });
    const json = await app.request('/api/ballots', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ token: tokens[2], choices: graded('dissatisfied') }) });
    expect(json.status).toBe(201);
    expect(calls).toEqual({ sha256: 2, ballotForm: 2, castBallot: 2 });
  });

  it('refusals still come in the contract order, and none spends the slip', async () => {
    const blank = { [meeting.subjects[0].id]: 'satisfied' };
    expect((await vote('ZZZZZZZZZZZZZZZZZZZZZZZZZZ', graded('satisfied'))).status).toBe(404);
    expect((await vote(tokens[0], blank)).status).toBe(409); // used beats incomplete choices
    const used = await vote(tokens[0], graded('satisfied'));
    expect(used.status).toBe(409);
    expectPageHeaders(used);
    expect(await used.text()).toContain('此测评码已使用');
    await api(`/api/meetings/${meeting.id}/tokens/void`, { token: tokens[3] });
    const voided = await vote(tokens[3], blank);
    expect(voided.status).toBe(409);
    expect(await voided.text()).toContain('此测评码已作废');
    const incomplete = await vote(tokens[4], blank);
    expect(incomplete.status).toBe(400);
    expect(await incomplete.text()).toContain('class="missing"');
    expect((await vote(tokens[4], graded('basically_satisfied'))).status).toBe(200); // the refusal spent nothing
  });

  it('the ballot is one page per meeting with only the slip filled in, the same gzipped or not', async () => {
    const [a, b] = [await page(tokens[5]), await page(tokens[6])];
    expectPageHeaders(a);
    expect(a.headers.get('content-encoding')).toBeNull();
    const [textA, textB] = [await a.text(), await b.text()];
    expect(textA.replaceAll(tokens[5], '~')).toBe(textB.replaceAll(tokens[6], '~'));
    expect(readBallotForm(textA, () => 0)?.action).toBe(`/b/${tokens[5]}`);
    const zipped = await page(tokens[5], 'gzip, deflate');
    expect(zipped.headers.get('content-encoding')).toBe('gzip');
    expectPageHeaders(zipped);
    expect(gunzipSync(Buffer.from(await zipped.arrayBuffer())).toString('utf8')).toBe(textA);
  });

  it('the success page is the same gzipped, with the receipt the slip then shows as used', async () => {
    const res = await app.request(`/b/${tokens[7]}`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', 'accept-encoding': 'gzip' },
      body: new URLSearchParams(graded('satisfied')).toString(),
    });
    expect(res.headers.get('content-encoding')).toBe('gzip');
    expectPageHeaders(res);
    const html = gunzipSync(Buffer.from(await res.arrayBuffer())).toString('utf8');
    const receipt = html.match(/id="receipt">([^<]+)</)![1];
    expect(html).toContain('西岭村民主测评');
    expect(await (await page(tokens[7])).text()).toContain(receipt);
  });
});
