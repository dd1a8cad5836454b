import { execFileSync } from 'node:child_process';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { allGraded, issue, newMeeting } from '../helpers/scenario';
import { client } from '../helpers/target';
import { cspViolations, decodeQr, launchChromium, out, startVoterWorld } from '../browser/voter-kit';

/** The documents that leave the room, in Chromium: landing page, minutes, notice, audit trail. */
describe('documents a township office prints', () => {
  let world: Awaited<ReturnType<typeof startVoterWorld>>;
  let browser: Browser;
  let staff: BrowserContext;
  let meeting: { id: string; subjects: string[] };

  beforeAll(async () => {
    world = await startVoterWorld();
    browser = await launchChromium();
    staff = await browser.newContext({ viewport: { width: 1366, height: 768 }, extraHTTPHeaders: { authorization: `Bearer ${world.supervisorKey}` } });
    const sup = world.supervisor;
    meeting = await newMeeting(sup, {
      title: '2026年度东坪村党支部民主测评',
      organization: '东坪村党支部',
      categories: [
        { key: 'dy', label: '党员', eligible: 6 },
        { key: 'db', label: '村民代表', eligible: 5 },
      ],
      subjects: [{ name: '东坪村党支部' }, { name: '第一书记 王一' }, { name: '村委会主任 陈二' }],
      contact: '0771-2345678',
      issuer: '中共某某镇委员会',
      noticeDays: 5,
    });
    const dy = await issue(sup, meeting.id, 6, 'dy');
    const db = await issue(sup, meeting.id, 5, 'db');
    await sup.post(`/api/meetings/${meeting.id}/tokens/void`, { token: db[4] });
    await sup.post(`/api/meetings/${meeting.id}/open`);
    const voter = client(world.target.url);
    for (const t of [...dy.slice(0, 5), ...db.slice(0, 3)]) await voter.post('/api/ballots', { token: t, choices: allGraded(meeting.subjects, 'satisfied') });
    await sup.post(`/api/meetings/${meeting.id}/paper-ballots`, { token: db[3], choices: { [meeting.subjects[0]]: 'very_satisfied', [meeting.subjects[1]]: 'abstain', [meeting.subjects[2]]: 'dissatisfied' } });
    await sup.post(`/api/meetings/${meeting.id}/paper-ballots`, { token: dy[5], spoilt: true });
    await sup.post(`/api/meetings/${meeting.id}/close`);
  });
  afterAll(async () => {
    await browser?.close();
    await world?.target.stop();
  });

  /** No header cell wraps into a column of single characters ("很满/意"): each stays on one line. */
  async function headersOnOneLine(page: Page) {
    const tall = await page.locator('th').evaluateAll((ths) =>
      ths.filter((th) => th.getBoundingClientRect().height > 2 * parseFloat(getComputedStyle(th).lineHeight) + 24).map((th) => th.textContent),
    );
    expect(tall).toEqual([]);
  }

  it('the landing page is a page for voters and staff', async () => {
    const page = await browser.newPage({ viewport: { width: 360, height: 640 } });
    const res = await page.goto(world.target.url + '/');
    expect(res!.status()).toBe(200);
    await expect(page.locator('form[action="/b"] input[name=code]').count()).resolves.toBe(1);
    await expect(page.locator('a[href="/staff/login"]').count()).resolves.toBe(1);
    await page.screenshot({ path: out('landing.png'), fullPage: true });
    const missing = await page.goto(world.target.url + '/nothing-here');
    expect(missing!.status()).toBe(404);
    expect(await page.textContent('h1')).toBe('找不到这个页面');
    await page.close();
  });

  it('the minutes carry roster, turnout, slips, counts with 弃权, validity, the full head hash with a QR that decodes to it, and three signature lines; one A4 page', async () => {
    const page = await staff.newPage();
    const blocked = cspViolations(page);
    expect((await page.goto(`${world.target.url}/staff/meetings/${meeting.id}/minutes`))!.status()).toBe(200);
    const audit = (await world.supervisor.get(`/api/meetings/${meeting.id}/audit`)).body;
    const head = audit.events.at(-1).hash;
    expect((await page.textContent('#head'))?.trim()).toBe(head);
    expect(await page.textContent('#slips')).toContain('11');
    expect(await page.locator('#slips td').allTextContents()).toEqual(['11', '1', '10', '0']);
    expect(await page.locator('#signatures p').allTextContents()).toEqual(['监督员（签字）', '计票人（签字）', '监票人（签字）']);
    const secretary = await page.locator('#minutes-subjects tr', { hasText: '第一书记 王一' }).locator('td').allTextContents();
    expect(secretary).toEqual(['第一书记 王一', '0', '8', '0', '0', '1', '9', '88.89%', '否']);
    await headersOnOneLine(page);
    await page.screenshot({ path: out('minutes.png'), fullPage: true });
    await page.emulateMedia({ media: 'print' });
    await page.pdf({ path: out('minutes.pdf'), preferCSSPageSize: true, printBackground: true });
    const pages = Number(/Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', [out('minutes.pdf')], { encoding: 'utf8' }))![1]);
    expect(pages).toBe(1);
    execFileSync('pdftoppm', ['-r', '200', '-png', '-singlefile', out('minutes.pdf'), out('minutes-print')]);
    expect(decodeQr(out('minutes-print.png'))).toContain(head);
    expect(blocked).toEqual([]);
    await page.close();
  });

  it('the notice gives its 公示期, 监督电话 and 落款, the slips summary and the 废票; headers fit at 1366 px and on A4', async () => {
    const page = await browser.newPage({ viewport: { width: 1366, height: 768 } });
    expect((await page.goto(`${world.target.url}/notice/${meeting.id}`))!.status()).toBe(200);
    const period = await page.textContent('#notice-period');
    expect(period).toMatch(/公示期：\d{4}年\d+月\d+日 至 \d{4}年\d+月\d+日（5 天）/);
    expect(period).toContain('监督电话：0771-2345678');
    expect(await page.textContent('#notice-signature')).toContain('中共某某镇委员会');
    expect(await page.textContent('body')).toContain('其中废票 1 张');
    await headersOnOneLine(page);
    await page.screenshot({ path: out('notice.png'), fullPage: true });
    await page.setViewportSize({ width: 680, height: 960 }); // A4 inside 15 mm margins at 96 dpi
    await page.emulateMedia({ media: 'print' });
    await headersOnOneLine(page);
    await page.close();
  });

  it('the 使用说明 prints on A4', async () => {
    const page = await browser.newPage();
    await page.goto(`${world.target.url}/help`);
    await page.screenshot({ path: out('help.png'), fullPage: true });
    await page.emulateMedia({ media: 'print' });
    await page.pdf({ path: out('help.pdf'), preferCSSPageSize: true });
    const info = execFileSync('pdfinfo', [out('help.pdf')], { encoding: 'utf8' });
    expect(info).toMatch(/Page size:.*\(A4\)/);
    expect(Number(/Pages:\s+(\d+)/.exec(info)![1])).toBeLessThanOrEqual(2);
    await page.close();
  });

  it('the audit page says each event in Chinese and shows the head hash in full', async () => {
    const page = await staff.newPage();
    await page.goto(`${world.target.url}/staff/meetings/${meeting.id}/audit`);
    const text = await page.textContent('table.audit');
    expect(text).toContain('发放测评码 6 张（党员）');
    expect(text).toContain('作废测评码 1 张（村民代表），名额空出');
    expect(text).toContain('结束投票，共收回选票 10 张');
    expect(text).not.toMatch(/\bcount:|\bby:/);
    const audit = (await world.supervisor.get(`/api/meetings/${meeting.id}/audit`)).body;
    expect(await page.textContent('#chain-head code')).toBe(audit.events.at(-1).hash);
    await headersOnOneLine(page);
    await page.screenshot({ path: out('audit.png'), fullPage: true });
    await page.close();
  });
});
