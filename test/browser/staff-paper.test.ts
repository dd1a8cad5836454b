import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startNodeTarget } from '../helpers/node-target';
import { newMeeting, type GradeName } from '../helpers/scenario';
import { client, type Client } from '../helpers/target';
import { cspViolations, launchChromium, out } from './voter-kit';

const SUBJECTS = ['南岭村党支部', '村委会主任 李四', '第一书记 王五'];

/** A supervisor keys marked paper slips in real Chromium, JavaScript off, against the real server. */
describe('the paper-ballot keying page', () => {
  let target: Awaited<ReturnType<typeof startNodeTarget>>;
  let browser: Browser;
  let page: Page;
  let csp: string[];
  let sup: Client;
  const m = { id: '', subjects: [] as string[], urls: [] as string[], receipt: '' };
  const url = (path: string) => target.url + path;
  const radio = (subject: number, grade: GradeName) => `input[name="${m.subjects[subject]}"][value=${grade}]`;
  const flash = (tone: 'ok' | 'err') => page.textContent(`.flash.${tone}`);
  // Chromium moves autofocus at its next rendering step, which can come after the load event.
  const focused = (selector: string) => page.waitForSelector(`${selector}:focus`, { state: 'attached', timeout: 5000 });

  async function key(code: string, grades: (GradeName | null)[]) {
    await page.fill('#code', code);
    for (const [i, g] of grades.entries()) if (g) await page.check(radio(i, g));
    await page.click('button:has-text("录入这张票")');
    await page.waitForLoadState();
  }

  beforeAll(async () => {
    target = await startNodeTarget();
    browser = await launchChromium();
    const admin = client(target.url, target.adminKey);
    const supKey = (await admin.post('/api/users', { name: '监督员老王', role: 'supervisor' })).body.key as string;
    sup = client(target.url, supKey);
    const meeting = await newMeeting(sup, { title: '2026年度南岭村群众满意度测评', eligible: 5, subjects: SUBJECTS.map((name) => ({ name })) });
    m.id = meeting.id;
    m.subjects = meeting.subjects;
    m.urls = (await sup.post(`/api/meetings/${m.id}/tokens`, { count: 2 })).body.urls;
    expect((await sup.post(`/api/meetings/${m.id}/open`)).status).toBe(200);

    const context = await browser.newContext({ javaScriptEnabled: false, viewport: { width: 1100, height: 900 } });
    page = await context.newPage();
    csp = cspViolations(page);
    await page.goto(url('/staff/login'));
    await page.fill('#key', supKey);
    await page.click('button:has-text("登录")');
    await page.waitForURL(url('/staff/meetings'));
  });
  afterAll(async () => {
    await browser?.close();
    await target?.stop();
  });

  it('a slip scanned as its whole ballot URL and marked is keyed in: confirmation with receipt, running count, an empty form for the next', async () => {
    await page.goto(url(`/staff/meetings/${m.id}`));
    await page.click('text=录入纸质票');
    await page.waitForURL(url(`/staff/meetings/${m.id}/paper`));
    await focused('#code'); // ready for the scanner
    expect(await page.textContent('#paper-count')).toContain('本场已录入纸质票 0 张');

    await key(m.urls[0], ['very_satisfied', 'satisfied', 'dissatisfied']);
    const ok = (await flash('ok'))!;
    expect(ok).toMatch(/^已录入 1 张纸质票（回执码 [2-9A-HJKMNP-Z]{10}）$/);
    m.receipt = ok.match(/回执码 (\w+)/)![1];
    expect(await page.textContent('#paper-count')).toMatch(/本场已录入纸质票 1 张；全场已投 1 票（应参加 5 人）/);
    expect(await page.inputValue('#code')).toBe('');
    expect(await page.locator('input[type=radio]:checked').count()).toBe(0);
    await focused('#code');
    await page.screenshot({ path: out('staff-paper.png'), fullPage: true });
  });

  it('the same slip again is refused as already used (its receipt named), the code cleared, the marks kept', async () => {
    const typed = m.urls[0].split('/b/')[1].toLowerCase().replace(/(.{5})/g, '$1-'); // as copied by hand
    await key(typed, ['satisfied', 'satisfied', 'satisfied']);
    const err = (await flash('err'))!;
    expect(err).toContain('已使用');
    expect(err).toContain(m.receipt);
    expect(await page.inputValue('#code')).toBe('');
    for (let i = 0; i < 3; i++) expect(await page.isChecked(radio(i, 'satisfied'))).toBe(true);
    expect(await page.textContent('#paper-count')).toContain('本场已录入纸质票 1 张');
  });

  it('an unknown code is refused with the code and marks kept', async () => {
    await page.goto(url(`/staff/meetings/${m.id}/paper`));
    await key('ABCDE-FGHJK-MNPQR-STUVW-XYZ23-4', ['basically_satisfied', null, null]);
    expect(await flash('err')).toContain('测评码无效');
    expect(await page.inputValue('#code')).toBe('ABCDE-FGHJK-MNPQR-STUVW-XYZ23-4');
    expect(await page.isChecked(radio(0, 'basically_satisfied'))).toBe(true);
  });

  it("a scanner's Enter right after the code checks the slip and keeps it for the marks, spending nothing", async () => {
    await page.goto(url(`/staff/meetings/${m.id}/paper`));
    await page.fill('#code', m.urls[1]);
    await page.press('#code', 'Enter');
    await page.waitForLoadState();
    expect(await flash('ok')).toContain('测评码有效');
    expect(await page.inputValue('#code')).toMatch(/^(\w{5}-){5}\w$/);
    await focused(radio(0, 'very_satisfied'));
    expect(await page.locator('.flash.err').count()).toBe(0);
  });

  it('a subject left blank is refused by name, the code and the other marks kept, and the slip not spent', async () => {
    await key(m.urls[1], ['satisfied', null, 'very_satisfied']);
    expect(await flash('err')).toContain(`尚未选择：${SUBJECTS[1]}`);
    expect(await page.getAttribute(`#s-${m.subjects[1]}`, 'class')).toContain('missing');
    expect(await page.isChecked(radio(0, 'satisfied'))).toBe(true);
    expect(await page.isChecked(radio(2, 'very_satisfied'))).toBe(true);
    expect(await page.inputValue('#code')).toBe(m.urls[1].split('/b/')[1].replace(/(.{5})(?!$)/g, '$1-'));
    expect(await page.textContent('#paper-count')).toContain('全场已投 1 票');
    await page.screenshot({ path: out('staff-paper-missing.png'), fullPage: true });
  });

  it('a keying form posted without its CSRF token is refused with 403', async () => {
    const form = { code: m.urls[1], ...Object.fromEntries(m.subjects.map((s) => [s, 'satisfied'])) };
    const refused = await page.request.post(url(`/staff/meetings/${m.id}/paper`), { form, maxRedirects: 0 });
    expect(refused.status()).toBe(403);
  });

  it('the untouched slip still votes by phone; after close the results count one ballot per channel and the page takes no more', async () => {
    const token = m.urls[1].split('/b/')[1];
    const choices = Object.fromEntries(m.subjects.map((s) => [s, 'satisfied']));
    expect((await client(target.url).post('/api/ballots', { token, choices })).status).toBe(201);
    // Three more phone votes lift the meeting over the publication floor of 5, so counts show.
    for (const t of (await sup.post(`/api/meetings/${m.id}/tokens`, { count: 3 })).body.tokens) {
      expect((await client(target.url).post('/api/ballots', { token: t, choices: Object.fromEntries(m.subjects.map((s) => [s, 'basically_satisfied'])) })).status).toBe(201);
    }
    expect((await sup.post(`/api/meetings/${m.id}/close`)).status).toBe(200);

    const results = (await sup.get(`/api/meetings/${m.id}/results`)).body;
    expect(results).toMatchObject({ cast: 5, channels: { phone: 4, paper: 1 } });
    expect(results.subjects[0].counts).toEqual({ very_satisfied: 1, satisfied: 1, basically_satisfied: 3, dissatisfied: 0 });
    expect(results.subjects[2].counts).toEqual({ very_satisfied: 0, satisfied: 1, basically_satisfied: 3, dissatisfied: 1 });
    expect((await client(target.url).get(`/api/meetings/${m.id}/receipts`)).body.receipts).toContain(m.receipt);
    const audit = (await sup.get(`/api/meetings/${m.id}/audit`)).body;
    expect(audit.verified).toBe(true); // one keying event per paper ballot
    expect(audit.events.filter((e: { type: string }) => e.type === 'paper_ballot_keyed')).toHaveLength(1);

    const closed = await page.goto(url(`/staff/meetings/${m.id}/paper`));
    expect(closed!.status()).toBe(409);
    expect(await flash('err')).toContain('已结束投票，不能再录入纸质票');
    await page.goto(url(`/staff/meetings/${m.id}`));
    expect(await page.locator('text=录入纸质票').count()).toBe(0);
    expect(csp).toEqual([]);
  });
});
