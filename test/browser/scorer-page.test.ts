import { readFileSync, writeFileSync } from 'node:fs';
import type { Browser, BrowserContext, Download, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closedMeeting, fillTemplate, readWorkbook, sheetGrid } from '../api/scoring-kit';
import { startNodeTarget } from '../helpers/node-target';
import { client } from '../helpers/target';
import { cspViolations, launchChromium, out } from './voter-kit';

/** The scorer's page in real Chromium, JavaScript off: template out, filled sheet in, ranked table, .xlsx back. */
describe('the scorer page in Chromium', () => {
  let target: Awaited<ReturnType<typeof startNodeTarget>>;
  let browser: Browser;
  let scorerKey: string;
  let supervisorKey: string;
  const url = (path: string) => target.url + path;

  async function signedIn(key: string): Promise<{ context: BrowserContext; page: Page; csp: string[] }> {
    const context = await browser.newContext({ javaScriptEnabled: false, acceptDownloads: true, viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    const csp = cspViolations(page);
    await page.goto(url('/staff/scoring'));
    expect(page.url()).toContain('/staff/login?next=%2Fstaff%2Fscoring');
    await page.fill('#key', key);
    await page.click('button:has-text("登录")');
    await page.waitForURL(/\/staff\/scoring$/);
    return { context, page, csp };
  }

  async function downloaded(page: Page, click: () => Promise<void>): Promise<{ file: Download; bytes: Buffer }> {
    const [file] = await Promise.all([page.waitForEvent('download'), click()]);
    return { file, bytes: readFileSync((await file.path())!) };
  }

  const cellTexts = (page: Page, selector: string) =>
    page.$$eval(`${selector} tbody tr`, (trs) => trs.map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent!.trim())));

  beforeAll(async () => {
    target = await startNodeTarget();
    const admin = client(target.url, target.adminKey);
    scorerKey = (await admin.post('/api/users', { name: '考评员小李', role: 'scorer' })).body.key;
    supervisorKey = (await admin.post('/api/users', { name: '监督员老王', role: 'supervisor' })).body.key;
    await closedMeeting(target.url, client(target.url, supervisorKey), {
      title: '2026年东风村民主测评',
      organization: '东风村',
      subjects: ['东风村党支部'],
      eligible: 6,
      votes: ['very_satisfied', 'satisfied', 'dissatisfied', 'very_satisfied', 'satisfied', 'dissatisfied'],
    });
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await target?.stop();
  });

  it('a scorer downloads the template, uploads it filled in, sees the ranked table with a filled satisfaction and an unmatched row, and downloads the .xlsx', async () => {
    const { context, page, csp } = await signedIn(scorerKey);
    expect(await page.textContent('h1')).toBe('评分计算');
    expect(await page.getAttribute('a[aria-current=page]', 'href')).toBe('/staff/scoring?rule=upgrade-composite');

    const template = await downloaded(page, () => page.click('#template-xlsx'));
    expect(template.file.suggestedFilename()).toBe('评分模板-晋位升级综合评定（三评）.xlsx');
    const filled = fillTemplate(new Uint8Array(template.bytes).buffer, [
      ['B1', '东坡村党支部', null, null, 90, 95, 0.95, '否'],
      ['B2', '南湖村党支部', null, null, 80, 85, 0.8, null],
      ['B3', '北山村党支部', null, null, 100, 100, 1, '是'],
      ['B4', '东风村党支部', null, null, 90, 90, null, null],
      ['B5', '新农村党支部', null, null, 95, 95, null, null],
    ]);
    writeFileSync(out('scorer-upload.xlsx'), filled);

    await page.setInputFiles('#file', out('scorer-upload.xlsx'));
    expect(await page.isChecked('input[name=fill][value=blank]')).toBe(true);
    await page.click('#compute');
    await page.waitForSelector('#ranked');
    const rows = await cellTexts(page, '#ranked');
    // DESIGN's rank rule: the vetoed B3 ranks among the 较差, last; B4's 4/6 is filled from the ballots.
    expect(rows.map((r) => [r[0], r[1], r[r.length - 4], r[r.length - 3]])).toEqual([
      ['1', 'B1', '94', '好'],
      ['2', 'B4', '83', '较好'],
      ['3', 'B2', '82.5', '较好'],
      ['4', 'B3', '100', '较差'],
    ]);
    expect(rows[3][rows[3].length - 2]).toBe('存在“一票否决”情形，直接定为“较差”');
    expect(rows[1][rows[1].length - 1]).toBe('2026年东风村民主测评 · 东风村党支部：4/6（结果有效）');
    expect(rows[1]).toContain('66.67%（4/6）');
    expect(await page.getAttribute('#ranked tbody tr:nth-child(2) td:last-child', 'class')).toBe('yes');
    expect(await cellTexts(page, '#unmatched')).toEqual([['7', 'B5', '没有找到测评对象“新农村党支部”的已结束测评会', '否：缺少满意度']]);
    expect(await page.textContent('#result .flash.err')).toContain('结果不完整');
    await page.screenshot({ path: out('scorer-result.png'), fullPage: true });

    const xlsx = await downloaded(page, () => page.click('#download-xlsx'));
    expect(xlsx.file.suggestedFilename()).toBe('评分结果-晋位升级综合评定（三评）.xlsx');
    const [header, ...ranked] = sheetGrid(readWorkbook(xlsx.bytes));
    const col = (name: string) => header.indexOf(name);
    expect(ranked.map((r) => [r[col('排名')], r[col('编号')], r[col('党员群众测评满意度')], r[col('满意度（%）')], r[col('总分')], r[col('等次')]])).toEqual([
      [1, 'B1', 0.95, 95, 94, '好'],
      [2, 'B4', '4/6', 66.67, 83, '较好'],
      [3, 'B2', 0.8, 80, 82.5, '较好'],
      [4, 'B3', 1, 100, 100, '较差'],
      ['未计算', 'B5', null, null, null, null], // listed in the main sheet, with why
    ]);
    const csv = await downloaded(page, () => page.click('#download-csv'));
    expect(csv.bytes.subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
    expect(csv.bytes.toString('utf8')).toContain('4,B3,');
    expect(csp).toEqual([]);
    await context.close();
  });

  it('parameters are adjusted in the form (五星 share 50%), and a sheet for another rule is refused on the page with the reason', async () => {
    const { context, page, csp } = await signedIn(scorerKey);
    await page.click('a:has-text("党支部评星定级")');
    await page.waitForURL(/rule=star-rating/);
    const csv = ['编号,基础项得分,加分项得分,减分项扣分,评议项得分', 'a,90,10,0,90', 'b,90,8,0,90', 'c,90,6,0,90', 'd,70,0,0,70'].join('\r\n');
    writeFileSync(out('scorer-stars.csv'), csv);

    await page.setInputFiles('#file', out('scorer-stars.csv'));
    await page.click('summary');
    expect(await page.inputValue('input[name="p.fiveStarShare"]')).toBe('0.3');
    await page.fill('input[name="p.fiveStarShare"]', '0.5');
    await page.click('#compute');
    await page.waitForSelector('#ranked');
    const stars = (await cellTexts(page, '#ranked')).map((r) => [r[1], r[r.length - 3]]);
    expect(stars).toEqual([
      ['a', '★★★★★（5星）'],
      ['b', '★★★★★（5星）'],
      ['c', '★★★★（4星）'],
      ['d', '★★★（3星）'],
    ]);
    expect(await page.inputValue('input[name="p.fiveStarShare"]')).toBe('0.5'); // the form keeps what was used

    await page.click('a:has-text("晋位升级综合评定")');
    await page.setInputFiles('#file', out('scorer-stars.csv'));
    await page.check('input[name=fill][value=none]');
    await page.click('#compute');
    await page.waitForSelector('.flash.err');
    expect(await page.textContent('.flash.err')).toContain('表头缺少列：基层党组织自评分、上级党组织考评分');
    expect(await page.$('#ranked')).toBeNull();
    await page.screenshot({ path: out('scorer-refused.png'), fullPage: true });
    expect(csp).toEqual([]);
    await context.close();
  });

  it('a supervisor is told the scoring page is not theirs', async () => {
    const context = await browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto(url('/staff/login?next=/staff/scoring'));
    await page.fill('#key', supervisorKey);
    const [res] = await Promise.all([page.waitForResponse((r) => r.url().endsWith('/staff/scoring')), page.click('button:has-text("登录")')]);
    expect(res.status()).toBe(403);
    expect(await page.textContent('.flash.err')).toBe('您的账号没有此操作的权限');
    await context.close();
  });
});
