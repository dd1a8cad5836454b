import * as XLSX from '@e965/xlsx';
import { readFileSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { issue } from '../helpers/scenario';
import { startNodeTarget } from '../helpers/node-target';
import { client, type Client } from '../helpers/target';
import { cspViolations, launchChromium, out, pdfPages } from './voter-kit';

const DAY = 24 * 60 * 60 * 1000;

/** A scorer runs a whole season through the pages with JavaScript off; the public notice and 三色 board render on a phone and print on A4. */
describe('a season in Chromium, JavaScript off', () => {
  let target: Awaited<ReturnType<typeof startNodeTarget>>;
  let browser: Browser;
  let scorerKey: string;
  let supervisor: Client;
  let supervisorKey: string;
  let offset = 0;
  let seasonUrl = '';
  const url = (path: string) => target.url + path;

  beforeAll(async () => {
    target = await startNodeTarget({ clock: () => new Date(Date.now() + offset) });
    const admin = client(target.url, target.adminKey);
    scorerKey = (await admin.post('/api/users', { name: '考评员小李', role: 'scorer' })).body.key;
    supervisorKey = (await admin.post('/api/users', { name: '监督员老王', role: 'supervisor' })).body.key;
    supervisor = client(target.url, supervisorKey);
    browser = await launchChromium();
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
    await target?.stop();
  });

  const texts = (page: Page, selector: string) => page.$$eval(selector, (els) => els.map((e) => e.textContent!.replace(/\s+/g, ' ').trim()));
  /** Each table row as its cells' texts joined by spaces. */
  const rows = (page: Page, selector: string) =>
    page.$$eval(`${selector} tbody tr`, (trs) => trs.map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent!.replace(/\s+/g, ' ').trim()).join(' ')));

  it('creates the season, sees the ballots’ satisfaction, enters rows, is told every bad cell, publishes and finalizes after the notice period', async () => {
    const context = await browser.newContext({ javaScriptEnabled: false, acceptDownloads: true, viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    const csp = cspViolations(page);
    await page.goto(url('/staff/seasons'));
    await page.fill('#key', scorerKey);
    await page.click('button:has-text("登录")');
    await page.waitForURL(/\/staff\/seasons$/);

    await page.fill('#title', '2026年度晋位升级考评');
    await page.selectOption('#rule', 'upgrade-composite');
    await page.fill('#entries', 'A，东山村\nB\t西山村\nC,南山村');
    await page.click('button:has-text("创建考评")');
    await page.waitForURL(/\/staff\/seasons\/[^/?]+\?done=created$/);
    seasonUrl = page.url().split('?')[0];
    const seasonId = seasonUrl.split('/').pop()!;
    const entries = (await client(target.url, scorerKey).get(`/api/seasons/${seasonId}`)).body.entries as { key: string; id: string }[];
    expect(await page.textContent('#status')).toBe('草稿（未发布）');

    // The supervisor picks 东山村 for the subject when creating the meeting; 28 of 30 ballots satisfied.
    const sup = await browser.newContext({ javaScriptEnabled: false });
    const form = await sup.newPage();
    await form.goto(url('/staff/new-meeting'));
    await form.fill('#key', supervisorKey);
    await form.click('button:has-text("登录")');
    await form.waitForURL(/\/staff\/new-meeting$/);
    await form.fill('#title', '东山村民主测评');
    await form.fill('#eligible', '30');
    await form.fill('input[name="subj_name"] >> nth=0', '东山村党支部');
    await form.selectOption('select[name="subj_entry"] >> nth=0', { label: '2026年度晋位升级考评 · 东山村（A）' });
    await form.click('button:has-text("创建测评会") >> nth=-1');
    await form.waitForURL(/\/staff\/meetings\/[^/?]+\?done=created$/);
    const meetingId = form.url().split('/').pop()!.split('?')[0];
    await sup.close();
    const created = (await supervisor.get(`/api/meetings/${meetingId}`)).body;
    expect(created.subjects[0]).toMatchObject({ name: '东山村党支部', entry: entries[0].id });
    const m = { id: meetingId, subjects: [created.subjects[0].id as string] };
    const tokens = await issue(supervisor, m.id, 30);
    await supervisor.post(`/api/meetings/${m.id}/open`);
    for (let i = 0; i < 30; i++) await client(target.url).post('/api/ballots', { token: tokens[i], choices: { [m.subjects[0]]: i < 28 ? 'satisfied' : 'dissatisfied' } });
    await supervisor.post(`/api/meetings/${m.id}/close`);

    await page.goto(seasonUrl);
    const sat = await rows(page, '#satisfaction');
    expect(sat[0]).toContain('93.33%（28/30）');
    expect(sat[0]).toContain('计入 28/30');
    expect(sat[1]).toContain('没有关联测评会');
    // No box for a satisfaction the ballots give.
    expect(await page.$('input[name="cell:A:satisfaction"]')).toBeNull();

    await page.fill('input[name="cell:A:self"]', '100');
    await page.fill('input[name="cell:A:superior"]', '83.99');
    await page.fill('input[name="cell:B:self"]', '六十');
    await page.fill('input[name="cell:B:superior"]', '1001');
    await page.fill('input[name="cell:B:satisfaction"]', '0.5');
    await page.click('button:has-text("保存评分数据")');
    expect(await texts(page, '#problems li')).toEqual([expect.stringMatching(/^第2行：.*self/), expect.stringMatching(/^第2行：.*superior/)]);
    // What was typed is still there to fix.
    expect(await page.inputValue('input[name="cell:B:self"]')).toBe('六十');
    await page.fill('input[name="cell:B:self"]', '60');
    await page.fill('input[name="cell:B:superior"]', '50');
    await page.fill('input[name="cell:C:self"]', '80');
    await page.fill('input[name="cell:C:superior"]', '80');
    await page.fill('input[name="cell:C:satisfaction"]', '0.8');
    await page.click('button:has-text("保存评分数据")');
    await page.waitForURL(/done=rows$/);
    const result = await rows(page, '#result');
    // A: (200 + 3·93.33… + 5·83.99)/10 = 89.995 → 90.00 好; C: 80 较好; B: (120 + 150 + 250)/10 = 52 较差.
    expect(result[0]).toMatch(/^1 东山村 93\.33% 90\.00 好 绿/);
    expect(result[1]).toMatch(/^3 西山村 50\.00% 52\.00 较差 红/);
    expect(result[2]).toMatch(/^2 南山村 80\.00% 80\.00 较好 黄/);

    // The sheet downloads with the page's session, the result beside the rows.
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('a:has-text("下载本考评的表格")')]);
    const grid = XLSX.utils.sheet_to_json<unknown[]>(XLSX.read(readFileSync((await download.path())!)).Sheets['评分数据'], { header: 1, defval: null });
    expect(grid.slice(1).map((r) => [r[0], r[1]])).toEqual([['A', '东山村'], ['B', '西山村'], ['C', '南山村']]);
    expect(grid[1]).toContain('28/30');
    expect(grid[1]).toContain(90);
    // Uploaded back as it came, it replaces the rows with the same ones: same result.
    await page.setInputFiles('#file', (await download.path())!);
    await page.click('button:has-text("上传")');
    await page.waitForURL(/done=rows$/);
    expect((await rows(page, '#result'))[0]).toMatch(/^1 东山村 93\.33% 90\.00 好 绿/);

    await page.fill('#contact', '县委组织部 0571-88886666');
    await page.click('button:has-text("发布公示")');
    await page.waitForURL(/done=published$/);
    expect(await page.textContent('#status')).toBe('公示中');
    expect(await page.$('input[name="cell:A:self"]')).toBeNull();
    expect(await page.isDisabled('button:has-text("定稿")')).toBe(true);

    offset = 7 * DAY;
    await page.goto(seasonUrl);
    await page.click('button:has-text("定稿")');
    await page.waitForURL(/done=final$/);
    expect(await page.textContent('#status')).toBe('已定稿');
    expect(csp).toEqual([]);
    await context.close();
  }, 120_000);

  it('starts a season from an uploaded list of entries', async () => {
    const context = await browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto(url('/staff/seasons'));
    await page.fill('#key', scorerKey);
    await page.click('button:has-text("登录")');
    await page.waitForURL(/\/staff\/seasons$/);
    await page.fill('#title', '2026年第三季度逐村观摩');
    await page.setInputFiles('#entriesFile', { name: '名单.csv', mimeType: 'text/csv', buffer: Buffer.from('\ufeff编号,名称,所在单位,类别\nV01,东风村,东风村党支部,行政村\nV02,红旗社区,,社区\n') });
    await page.click('button:has-text("创建考评")');
    await page.waitForURL(/done=created$/);
    expect(await rows(page, '#satisfaction')).toEqual([expect.stringMatching(/^东风村（V01）/), expect.stringMatching(/^红旗社区（V02）/)]);
    const id = page.url().split('/').pop()!.split('?')[0];
    expect((await client(target.url, scorerKey).get(`/api/seasons/${id}`)).body.entries.map((e: { organization: string | null; category: string }) => [e.organization, e.category])).toEqual([
      ['东风村党支部', '行政村'],
      [null, '社区'],
    ]);
    await context.close();
  });

  for (const which of ['notice', 'board'] as const) {
    it(`shows the public ${which} on a 360 px phone without JavaScript, nothing cut off, and prints it on A4`, async () => {
      const context = await browser.newContext({ javaScriptEnabled: false, viewport: { width: 360, height: 740 }, deviceScaleFactor: 2 });
      const page = await context.newPage();
      const csp = cspViolations(page);
      const res = await page.goto(url(`/seasons/${seasonUrl.split('/').pop()}/${which}`));
      expect(res!.status()).toBe(200);
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
      expect(await page.evaluate(() => parseFloat(getComputedStyle(document.body).fontSize))).toBeGreaterThanOrEqual(16);
      if (which === 'notice') {
        expect(await rows(page, '#notice')).toEqual([
          expect.stringMatching(/^1 东山村 93\.33% 90\.00 好$/),
          expect.stringMatching(/^3 西山村.*50\.00% 52\.00 较差$/),
          expect.stringMatching(/^2 南山村.*80\.00% 80\.00 较好$/),
        ]);
        expect(await page.textContent('#contact')).toContain('0571-88886666');
        expect(await page.textContent('#period')).toMatch(/公示期：\d{4}年\d+月\d+日 至 \d{4}年\d+月\d+日（7 天）/);
      } else {
        const cards = await page.$$eval('#board .card', (els) => els.map((e) => [e.querySelector('h3')!.textContent, e.getAttribute('data-color'), getComputedStyle(e).backgroundColor]));
        expect(cards.map((c) => c.slice(0, 2))).toEqual([
          ['东山村', 'green'],
          ['西山村', 'red'],
          ['南山村', 'yellow'],
        ]);
        // Three different fills, not one style for all.
        expect(new Set(cards.map((c) => c[2])).size).toBe(3);
        expect(await texts(page, '#legend li')).toEqual(['绿：好', '黄：较好、一般', '红：较差', '无：暂无结果']);
      }
      await page.screenshot({ path: out(`season-${which}-360.png`), fullPage: true });
      await page.emulateMedia({ media: 'print' });
      const pdf = out(`season-${which}.pdf`);
      await page.pdf({ path: pdf, format: 'A4', printBackground: true });
      const pages = pdfPages(pdf, `season-${which}-a4`);
      expect(pages.length).toBe(1);
      expect(csp).toEqual([]);
      await context.close();
    }, 60_000);
  }

  it('puts the board on a projector in giant type', async () => {
    const context = await browser.newContext({ javaScriptEnabled: false, viewport: { width: 1920, height: 1080 } });
    const page = await context.newPage();
    await page.goto(url(`/seasons/${seasonUrl.split('/').pop()}/board?projector=1`));
    expect(await page.getAttribute('body', 'class')).toBe('projector');
    expect(await page.evaluate(() => parseFloat(getComputedStyle(document.querySelector('.card h3')!).fontSize))).toBeGreaterThan(40);
    await page.screenshot({ path: out('season-board-projector.png') });
    await context.close();
  });
});
