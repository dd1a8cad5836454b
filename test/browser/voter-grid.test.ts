import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { issue, newMeeting } from '../helpers/scenario';
import { launchChromium, out, recordTraffic, startVoterWorld, WECHAT_UA } from './voter-kit';

/** 民主评议党员: a ballot with every party member of the branch on it, as a compact grid. */
describe('the compact grid ballot for long subject lists', () => {
  let world: Awaited<ReturnType<typeof startVoterWorld>>;
  let browser: Browser;
  let meeting: { id: string; subjects: string[] };
  let tokens: string[];
  const names = Array.from({ length: 80 }, (_, i) => `党员 ${'张王李赵刘陈杨黄'[i % 8]}${'一二三四五六七八九十'[i % 10]}${i % 3 === 0 ? '明华' : ''}${i + 1}`);

  beforeAll(async () => {
    world = await startVoterWorld();
    browser = await launchChromium();
    meeting = await newMeeting(world.supervisor, { title: '2026年度东山村党支部民主评议党员', eligible: 80, subjects: names.map((name) => ({ name })) });
    tokens = await issue(world.supervisor, meeting.id, 3);
    await world.supervisor.post(`/api/meetings/${meeting.id}/open`);
  });
  afterAll(async () => {
    await browser?.close();
    await world?.target.stop();
  });

  const wechat = (javaScriptEnabled: boolean) =>
    browser.newContext({ viewport: { width: 360, height: 640 }, userAgent: WECHAT_UA, locale: 'zh-CN', isMobile: true, hasTouch: true, deviceScaleFactor: 2, javaScriptEnabled });

  const submit = (page: Page) => Promise.all([page.waitForResponse((r) => r.request().method() === 'POST'), page.getByRole('button', { name: '提交' }).tap()]).then(([r]) => r);

  it('80 subjects on a 360 × 640 WeChat phone: ≤ 30 KB, under 6,000 px, every target ≥ 44 px; a JS-off vote counts', async () => {
    const context = await wechat(false);
    const page = await context.newPage();
    const traffic = recordTraffic(page);
    await page.goto(`${world.target.url}/b/${tokens[0]}`);
    await page.waitForLoadState('load');
    const weight = (await traffic()).reduce((s, r) => s + r.bytes, 0);
    expect(weight).toBeLessThanOrEqual(30 * 1024);

    const rows = page.locator('fieldset.row');
    expect(await rows.count()).toBe(80);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
    const height = await page.evaluate(() => document.documentElement.scrollHeight);
    expect(height).toBeLessThan(6000);
    const targets = await page.locator('fieldset.row label').evaluateAll((els) => els.map((e) => e.getBoundingClientRect()).map((r) => Math.min(r.width, r.height)));
    expect(targets).toHaveLength(320);
    expect(Math.min(...targets)).toBeGreaterThanOrEqual(44);
    // Each target still names its grade (for screen readers), and the header names the columns.
    expect(await rows.nth(0).getByLabel('基本满意').count()).toBe(1);
    expect(await page.locator('.ghead').textContent()).toBe('很满意满意基本\u200b满意不满意'); // 基本 / 满意 break between words
    console.info(`80-subject grid ballot: ${weight} bytes on the wire, ${height} px tall`);
    await page.screenshot({ path: out('ballot-grid-80.png') });
    await page.screenshot({ path: out('ballot-grid-80-full.png'), fullPage: true });

    // Row 40 left blank: the form comes back with that row marked and the other 79 kept.
    for (let i = 0; i < 80; i++) if (i !== 40) await rows.nth(i).locator('label').nth(i % 4).tap();
    expect((await submit(page)).status()).toBe(400);
    await page.waitForLoadState();
    expect(await page.getByRole('alert').textContent()).toContain(names[40]);
    expect(await rows.nth(40).getAttribute('class')).toBe('row missing');
    expect(await page.locator('fieldset.row input:checked').count()).toBe(79);
    await page.screenshot({ path: out('ballot-grid-80-missing.png') });

    await rows.nth(40).getByLabel('不满意').tap();
    expect((await submit(page)).status()).toBe(200);
    await page.waitForLoadState();
    expect(await page.locator('#receipt').textContent()).toMatch(/^[2-9A-HJKMNP-Z]{10}$/);
    await context.close();
    expect((await world.supervisor.get(`/api/meetings/${meeting.id}/turnout`)).body.cast).toBe(1);
  });

  it('with 弃权 allowed the grid gains a fifth column and still fits a 360 px phone with targets ≥ 44 px', async () => {
    const m = await newMeeting(world.supervisor, { title: '2026年度西山村党支部民主评议党员', eligible: 80, rule: { allowAbstain: true }, subjects: names.map((name) => ({ name })) });
    const [token] = await issue(world.supervisor, m.id, 1);
    await world.supervisor.post(`/api/meetings/${m.id}/open`);
    const context = await wechat(false);
    const page = await context.newPage();
    await page.goto(`${world.target.url}/b/${token}`);
    expect(await page.locator('.ghead').textContent()).toBe('很满意满意基本\u200b满意不满意弃权');
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
    const targets = await page.locator('fieldset.row label').evaluateAll((els) => els.map((e) => e.getBoundingClientRect()).map((r) => Math.min(r.width, r.height)));
    expect(targets).toHaveLength(400);
    expect(Math.min(...targets)).toBeGreaterThanOrEqual(44);
    await page.screenshot({ path: out('ballot-grid-80-abstain.png') });
    const rows = page.locator('fieldset.row');
    for (let i = 0; i < 80; i++) await rows.nth(i).locator('label').nth(i === 7 ? 4 : i % 4).tap();
    expect(await rows.nth(7).getByLabel('弃权').isChecked()).toBe(true);
    expect((await submit(page)).status()).toBe(200);
    await context.close();
    expect((await world.supervisor.get(`/api/meetings/${m.id}/turnout`)).body.cast).toBe(1);
  });

  it('the grid speaks zh-TW and English too, and with JavaScript on it counts the rows chosen', async () => {
    const context = await wechat(true);
    const page = await context.newPage();
    await page.goto(`${world.target.url}/b/${tokens[1]}?lang=zh-TW`);
    expect(await page.locator('.ghead').textContent()).toBe('很滿意滿意基本\u200b滿意不滿意');
    await page.goto(`${world.target.url}/b/${tokens[1]}?lang=en`);
    expect(await page.locator('.ghead').textContent()).toBe('Very satisfiedSatisfiedFairly satisfiedDissatisfied');
    const targets = await page.locator('fieldset.row label').evaluateAll((els) => els.map((e) => e.getBoundingClientRect()).map((r) => Math.min(r.width, r.height)));
    expect(Math.min(...targets)).toBeGreaterThanOrEqual(44);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
    await page.locator('fieldset.row').nth(3).getByLabel('Satisfied', { exact: true }).tap();
    expect(await page.locator('#progress').textContent()).toBe('1 of 80 chosen');
    await page.screenshot({ path: out('ballot-grid-80-en.png') });
    await context.close();
  });
});
