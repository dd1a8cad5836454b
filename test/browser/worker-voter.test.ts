import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newMeeting } from '../helpers/scenario';
import { client, type Client } from '../helpers/target';
import { startWorkerTarget, type WorkerTarget } from '../helpers/worker-target';
import { decodeQr, launchChromium, openPost, out, printedTokens } from './voter-kit';

/** The voter's side on the Workers build: printed slips, scanned, voted with JavaScript off. */
describe('slips and ballot pages on Cloudflare Workers + D1, in a real browser', () => {
  let target: WorkerTarget;
  let supervisor: Client;
  let supervisorKey: string;
  let browser: Browser;
  let meeting: { id: string; subjects: string[] };
  let links: string[] = [];

  beforeAll(async () => {
    [target, browser] = await Promise.all([startWorkerTarget(), launchChromium()]);
    const sup = await client(target.url, target.adminKey).post('/api/users', { name: '监督员老王', role: 'supervisor' });
    supervisorKey = sup.body.key;
    supervisor = client(target.url, supervisorKey);
    meeting = await newMeeting(supervisor, { title: '2026年度南湖社区民主测评', eligible: 10, subjects: [{ name: '南湖社区党委' }, { name: '书记 赵六' }] });
  });
  afterAll(async () => {
    await browser?.close();
    await target?.stop();
  });

  it('prints a slip sheet whose QR codes decode to ballot links on the Worker', async () => {
    const page = await browser.newPage();
    const res = await openPost(page, `${target.url}/api/meetings/${meeting.id}/tokens`, supervisorKey, { count: 4, format: 'html' });
    expect(res.status()).toBe(201);
    const tokens = printedTokens(await res.text());
    expect(tokens).toHaveLength(4);
    await page.screenshot({ path: out('worker-slips.png'), fullPage: true });
    links = decodeQr(out('worker-slips.png')).sort();
    expect(links).toEqual(tokens.map((t) => `${target.url}/b/${t}`).sort());
    await page.close();
    expect((await supervisor.post(`/api/meetings/${meeting.id}/open`)).status).toBe(200);
  });

  it('votes from a scanned slip with JavaScript off, sets no cookie, and the spent slip shows its receipt', async () => {
    const context = await browser.newContext({ javaScriptEnabled: false, viewport: { width: 412, height: 800 }, locale: 'zh-CN' });
    const page = await context.newPage();
    expect((await page.goto(links[0]))!.status()).toBe(200);
    const sets = page.locator('fieldset');
    expect(await sets.count()).toBe(2);
    for (let i = 0; i < 2; i++) await sets.nth(i).locator('input[type=radio][value=satisfied]').check({ force: true });
    const [answer] = await Promise.all([page.waitForResponse((r) => r.request().method() === 'POST'), page.locator('form [type=submit]').first().click()]);
    expect(answer.status()).toBe(200);
    const receipt = (await page.textContent('main'))!.match(/[2-9A-HJKMNP-Z]{10}/)?.[0];
    expect(receipt).toBeTruthy();
    await page.screenshot({ path: out('worker-ballot-success.png'), fullPage: true });
    expect(await context.cookies()).toEqual([]);

    const again = await page.goto(links[0]);
    expect(again!.status()).toBe(409);
    expect(await page.textContent('main')).toContain(receipt!);
    await context.close();

    // Four more votes lift the meeting over the publication floor of 5, so its counts show.
    const more = [...links.slice(1).map((l) => l.split('/b/')[1]), ...(await supervisor.post(`/api/meetings/${meeting.id}/tokens`, { count: 1 })).body.tokens];
    for (const token of more) {
      const choices = Object.fromEntries(meeting.subjects.map((s) => [s, 'very_satisfied']));
      expect((await client(target.url).post('/api/ballots', { token, choices })).status).toBe(201);
    }
    await supervisor.post(`/api/meetings/${meeting.id}/close`);
    const results = (await supervisor.get(`/api/meetings/${meeting.id}/results`)).body;
    expect(results.cast).toBe(5);
    expect(results.subjects[0].counts).toMatchObject({ satisfied: 1, very_satisfied: 4 });
    const receipts = (await client(target.url).get(`/api/meetings/${meeting.id}/receipts`)).body.receipts;
    expect(receipts).toHaveLength(5);
    expect(receipts).toContain(receipt);
  });
});
