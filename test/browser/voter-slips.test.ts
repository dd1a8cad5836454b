import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newMeeting } from '../helpers/scenario';
import type { Client } from '../helpers/target';
import { cspViolations, decodeQr, launchChromium, openPost, out, pdfPages, printedTokens, recordTraffic, startVoterWorld, WECHAT_UA } from './voter-kit';

const MM = 96 / 25.4; // CSS px per millimetre

/** From the printer to the vote: a sheet of QR slips, decoded by zbarimg, each one a working ballot. */
describe('printed QR slips, scanned and voted in a real browser', () => {
  let world: Awaited<ReturnType<typeof startVoterWorld>>;
  let supervisor: Client;
  let browser: Browser;
  let meeting: { id: string; subjects: string[] };
  let decoded: string[] = [];

  beforeAll(async () => {
    world = await startVoterWorld();
    supervisor = world.supervisor;
    browser = await launchChromium();
    meeting = await newMeeting(supervisor, {
      title: '2026年度东山村党支部民主测评',
      organization: '东山村党支部',
      eligible: 40,
      subjects: [{ name: '东山村党支部' }, { name: '第一书记 张三' }, { name: '村委会主任 李四' }],
    });
  });
  afterAll(async () => {
    await browser?.close();
    await world?.target.stop();
  });

  it('prints 12 slips as an A4 sheet of 10 per page whose QR codes (≥ 3 cm) all decode to distinct ballot URLs', async () => {
    const page = await browser.newPage();
    const blocked = cspViolations(page);
    const sheetUrl = `${world.target.url}/api/meetings/${meeting.id}/tokens`;
    const res = await openPost(page, sheetUrl, world.supervisorKey, { count: 12, format: 'html' });
    expect(res.status()).toBe(201);
    expect(res.headers()['content-type']).toBe('text/html; charset=utf-8');
    expect(res.headers()['cache-control']).toBe('no-store');
    const html = await res.text();
    const tokens = printedTokens(html);
    expect(new Set(tokens).size).toBe(12);
    const expected = tokens.map((t) => `${world.target.url}/b/${t}`).sort();
    expect(html).toContain('扫码进行民主测评，每张限用一次');
    expect(html).toContain(`${world.target.url}/b `);

    await page.emulateMedia({ media: 'print' });
    expect(await page.locator('.sheet').count()).toBe(2);
    expect(await page.locator('.sheet').first().locator('.slip').count()).toBe(10);
    // The code itself, without its 2-module quiet zone, must be at least 3 cm across on paper.
    const sizes = await page.locator('.qr svg').evaluateAll((els) =>
      els.map((e) => {
        const modules = (e as SVGSVGElement).viewBox.baseVal.width;
        return (e.getBoundingClientRect().width * (modules - 4)) / modules;
      }),
    );
    expect(sizes).toHaveLength(12);
    for (const w of sizes) expect(w / MM).toBeGreaterThanOrEqual(30);

    await page.pdf({ path: out('slips.pdf'), preferCSSPageSize: true, printBackground: true });
    const pngs = pdfPages(out('slips.pdf'), 'slips-page');
    expect(pngs).toHaveLength(2);
    const fromPdf = pngs.flatMap(decodeQr);
    expect(fromPdf.sort()).toEqual(expected);

    await page.emulateMedia({ media: 'screen' });
    await page.screenshot({ path: out('slips-sheet.png'), fullPage: true });
    const fromScreenshot = decodeQr(out('slips-sheet.png'));
    expect(fromScreenshot.sort()).toEqual(expected);
    expect(blocked).toEqual([]);
    decoded = fromPdf;
    await page.close();
    expect((await supervisor.post(`/api/meetings/${meeting.id}/open`)).status).toBe(200);
  });

  it('a scanned slip opened with JavaScript off votes by tapping labels and shows its receipt', async () => {
    const context = await browser.newContext({ javaScriptEnabled: false, viewport: { width: 412, height: 800 }, locale: 'zh-CN' });
    const page = await context.newPage();
    const res = await page.goto(decoded[0]);
    expect(res!.status()).toBe(200);
    expect(await page.locator('h1').textContent()).toBe('2026年度东山村党支部民主测评');
    const sets = page.locator('fieldset');
    expect(await sets.count()).toBe(3);
    await sets.nth(0).getByText('很满意', { exact: true }).click();
    await sets.nth(1).getByText('满意', { exact: true }).click();
    await sets.nth(2).getByText('基本满意', { exact: true }).click();
    expect(await sets.nth(1).locator('input[value=satisfied]').isChecked()).toBe(true);
    await page.screenshot({ path: out('ballot-js-off.png'), fullPage: true });
    const [answer] = await Promise.all([page.waitForResponse((r) => r.request().method() === 'POST'), page.getByRole('button', { name: '提交' }).click()]);
    expect(answer.status()).toBe(200);
    expect(await page.locator('h1').textContent()).toContain('投票成功');
    expect(await page.locator('#receipt').textContent()).toMatch(/^[2-9A-HJKMNP-Z]{10}$/);
    expect(await page.textContent('main')).toContain('公示');
    await page.screenshot({ path: out('ballot-success.png'), fullPage: true });
    expect(await context.cookies()).toEqual([]);
    await context.close();
  });

  it('another slip votes inside WeChat on a 360 × 640 phone: ≤ 30 KB, one origin, text ≥ 16 px, labels ≥ 44 px', async () => {
    const context = await browser.newContext({ viewport: { width: 360, height: 640 }, userAgent: WECHAT_UA, locale: 'zh-CN', isMobile: true, hasTouch: true, deviceScaleFactor: 2 });
    const page = await context.newPage();
    const traffic = recordTraffic(page);
    await page.goto(decoded[1]);
    await page.waitForLoadState('load');
    const responses = await traffic();
    const origin = new URL(world.target.url).origin;
    for (const r of responses) expect(new URL(r.url).origin).toBe(origin);
    const weight = responses.reduce((s, r) => s + r.bytes, 0);
    expect(responses.length).toBe(3); // the page, its CSS, its JS
    expect(weight).toBeLessThanOrEqual(30 * 1024);
    console.info(`ballot page weight: ${weight} bytes in ${responses.length} responses`);

    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
    const smallest = await page.evaluate(() => {
      const sizes: number[] = [];
      for (const el of document.body.querySelectorAll('*')) {
        const hasText = [...el.childNodes].some((n) => n.nodeType === Node.TEXT_NODE && n.textContent!.trim() !== '');
        if (hasText) sizes.push(parseFloat(getComputedStyle(el).fontSize));
      }
      return Math.min(...sizes);
    });
    expect(smallest).toBeGreaterThanOrEqual(16);
    const heights = await page.locator('fieldset label').evaluateAll((els) => els.map((e) => e.getBoundingClientRect().height));
    expect(heights).toHaveLength(12);
    for (const h of heights) expect(h).toBeGreaterThanOrEqual(44);

    await page.screenshot({ path: out('ballot-wechat-360.png') });
    await page.screenshot({ path: out('ballot-wechat-360-full.png'), fullPage: true });
    const sets = page.locator('fieldset');
    for (let i = 0; i < 3; i++) await sets.nth(i).getByText('满意', { exact: true }).tap();
    expect(await page.locator('#progress').textContent()).toBe('已选 3/3');
    await Promise.all([page.waitForURL(decoded[1]), page.getByRole('button', { name: '提交' }).tap()]);
    await expect.poll(() => page.locator('h1').textContent()).toContain('投票成功');
    await page.screenshot({ path: out('ballot-success-wechat.png'), fullPage: true });
    await context.close();

    await supervisor.post(`/api/meetings/${meeting.id}/close`);
    const results = await supervisor.get(`/api/meetings/${meeting.id}/results`);
    expect(results.body).toMatchObject({ cast: 2, channels: { phone: 2, paper: 0 } });
  });

  it('prints paper ballots: the same QR plus four boxes per subject for a pen', async () => {
    const m = await newMeeting(supervisor, { title: '2026年度西岭村民主测评', eligible: 5, subjects: [{ name: '西岭村党支部' }, { name: '第一书记 王五' }] });
    const page: Page = await browser.newPage();
    const blocked = cspViolations(page);
    const res = await openPost(page, `${world.target.url}/api/meetings/${m.id}/tokens`, world.supervisorKey, { count: 3, format: 'html', layout: 'paper' });
    expect(res.status()).toBe(201);
    const tokens = printedTokens(await res.text());
    expect(await page.locator('.paper').count()).toBe(3);
    expect(await page.locator('.paper').first().locator('.box').count()).toBe(2 * 4);
    expect(await page.locator('.paper').first().locator('tbody tr').first().textContent()).toBe('西岭村党支部很满意满意基本满意不满意');
    await page.screenshot({ path: out('paper-sheet.png'), fullPage: true });
    await page.pdf({ path: out('paper.pdf'), preferCSSPageSize: true, printBackground: true });
    const found = pdfPages(out('paper.pdf'), 'paper-page').flatMap(decodeQr);
    expect(found.sort()).toEqual(tokens.map((t) => `${world.target.url}/b/${t}`).sort());
    expect(blocked).toEqual([]);
    await page.close();
  });
});
