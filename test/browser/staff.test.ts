import * as XLSX from '@e965/xlsx';
import { readFileSync } from 'node:fs';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startNodeTarget } from '../helpers/node-target';
import { client } from '../helpers/target';
import { cspViolations, launchChromium, out, printedTokens } from './voter-kit';

type Grade = 'very_satisfied' | 'satisfied' | 'basically_satisfied' | 'dissatisfied';

/** The supervisor's side in real Chromium against the real server on a real SQLite file. */
describe('the staff pages in Chromium', () => {
  let target: Awaited<ReturnType<typeof startNodeTarget>>;
  let browser: Browser;
  let supervisorKey: string;
  let supervisor: BrowserContext;
  let page: Page;
  let csp: string[];
  const meeting = { id: '', subjects: [] as string[], tokens: { dy: [] as string[], qz: [] as string[] }, receipts: [] as string[] };

  const url = (path: string) => target.url + path;
  const anyone = () => client(target.url);

  async function signIn(context: BrowserContext, key: string): Promise<Page> {
    const p = await context.newPage();
    await p.goto(url('/staff/meetings'));
    expect(p.url()).toContain('/staff/login?next=%2Fstaff%2Fmeetings');
    await p.fill('#key', key);
    await p.click('button:has-text("登录")');
    await p.waitForURL(url('/staff/meetings'));
    return p;
  }

  async function vote(token: string, grades: [Grade, Grade]) {
    const res = await anyone().post('/api/ballots', { token, choices: { [meeting.subjects[0]]: grades[0], [meeting.subjects[1]]: grades[1] } });
    expect(res.status).toBe(201);
    meeting.receipts.push(res.body.receipt);
  }

  beforeAll(async () => {
    target = await startNodeTarget();
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await target?.stop();
  });

  it('an admin signs in, creates a supervisor (the key shown once) and a scorer, and a revoked key stops working', async () => {
    const context = await browser.newContext();
    const p = await signIn(context, target.adminKey);
    const violations = cspViolations(p);
    await p.click('text=账号管理');
    await p.fill('#name', '监督员老王');
    await p.click('button:has-text("创建并显示密钥")');
    supervisorKey = (await p.textContent('#new-key'))!.trim();
    expect(supervisorKey).toMatch(/^mp_\w{40}$/);

    await p.fill('#name', '考评员小李');
    await p.check('input[name=role][value=scorer]');
    await p.click('button:has-text("创建并显示密钥")');
    const scorerKey = (await p.textContent('#new-key'))!.trim();
    expect((await client(target.url, scorerKey).get('/api/satisfaction')).status).toBe(200);
    await p.locator('tr', { hasText: '考评员小李' }).locator('button:has-text("停用密钥")').click();
    await expect.poll(() => p.textContent('.flash.ok')).toContain('密钥已停用');
    expect((await client(target.url, scorerKey).get('/api/satisfaction')).status).toBe(401);
    expect(await p.locator('tr', { hasText: '考评员小李' }).textContent()).toContain('已停用');

    await p.click('button:has-text("退出")');
    await p.waitForURL(/\/staff\/login$/);
    await p.goto(url('/staff/users'));
    expect(p.url()).toContain('/staff/login'); // the session ended with the sign-out
    expect(violations).toEqual([]);
    await context.close();
  });

  it('a supervisor signs in, creates a meeting, prints slips and opens it; a vote over HTTP shows on the open dashboard within a second, without a reload', async () => {
    supervisor = await browser.newContext({ viewport: { width: 1280, height: 860 } });
    page = await signIn(supervisor, supervisorKey);
    csp = cspViolations(page);

    await page.click('text=新建测评会');
    await page.fill('#title', '2026年度北坡村党支部民主测评');
    await page.fill('#organization', '北坡村党支部');
    const cats = page.locator('input[name=cat_label]');
    await cats.nth(0).fill('党员');
    await page.locator('input[name=cat_eligible]').nth(0).fill('8');
    await cats.nth(1).fill('村民代表');
    await page.locator('input[name=cat_eligible]').nth(1).fill('7');
    const names = page.locator('input[name=subj_name]');
    await names.nth(0).fill('北坡村党支部');
    await names.nth(1).fill('临时行');
    await names.nth(2).fill('第一书记 张三');
    await page.click('button:has-text("再加 5 行测评对象")');
    await expect.poll(() => names.count()).toBe(10);
    expect(await names.nth(2).inputValue()).toBe('第一书记 张三'); // typed text survives the round trip
    await page.locator('button[name=op][value="rm_subj:1"]').click();
    await expect.poll(() => names.nth(1).inputValue()).toBe('第一书记 张三');
    await page.screenshot({ path: out('staff-meeting-form.png'), fullPage: true });
    await page.click('button:has-text("创建测评会")');
    await page.waitForURL(/\/staff\/meetings\/[0-9a-f]{32}\?done=created$/);
    await page.screenshot({ path: out('staff-meeting.png'), fullPage: true });
    meeting.id = page.url().match(/meetings\/([0-9a-f]{32})/)![1];
    const created = (await client(target.url, supervisorKey).get(`/api/meetings/${meeting.id}`)).body;
    expect(created).toMatchObject({ status: 'draft', eligible: 15, categories: [{ key: '党员', eligible: 8 }, { key: '村民代表', eligible: 7 }] });
    expect(created.subjects.map((s: { name: string }) => s.name)).toEqual(['北坡村党支部', '第一书记 张三']);
    meeting.subjects = created.subjects.map((s: { id: string }) => s.id);

    // Nothing public before close.
    expect((await fetch(url(`/notice/${meeting.id}`))).status).toBe(409);

    for (const [category, count, into] of [['党员', 8, meeting.tokens.dy], ['村民代表', 7, meeting.tokens.qz]] as const) {
      await page.goto(url(`/staff/meetings/${meeting.id}`));
      await page.selectOption('#category', category);
      await page.fill('#count', String(count));
      const [sheet] = await Promise.all([page.waitForResponse((r) => r.url().endsWith('/slips')), page.click('button:has-text("生成并打印")')]);
      expect(sheet.status()).toBe(201);
      into.push(...printedTokens(await sheet.text()));
      expect(into).toHaveLength(count);
    }
    expect(await page.locator('.slip').count()).toBe(7);

    await page.goto(url(`/staff/meetings/${meeting.id}`));
    await page.click('text=开始投票…');
    expect(await page.textContent('main')).toContain('已发放测评码 15 张');
    await page.click('button:has-text("确认开始投票")');
    await page.waitForURL(url(`/staff/meetings/${meeting.id}/live`));
    await expect.poll(() => page.textContent('#live-state')).toBe('实时更新中');
    expect(await page.locator('meta[http-equiv=refresh]').count()).toBe(0); // JS on: no reload fallback
    await page.evaluate(() => ((window as unknown as { stayed: number }).stayed = 1));
    expect(await page.textContent('[data-f=cast]')).toBe('0');

    await vote(meeting.tokens.dy[0], ['satisfied', 'very_satisfied']);
    await page.waitForFunction(() => document.querySelector('[data-f=cast]')?.textContent === '1', null, { timeout: 1000 });
    expect(await page.evaluate(() => (window as unknown as { stayed?: number }).stayed)).toBe(1);

    for (const t of meeting.tokens.dy.slice(1, 5)) await vote(t, ['satisfied', 'very_satisfied']);
    for (const t of meeting.tokens.qz.slice(0, 2)) await vote(t, ['satisfied', 'very_satisfied']);
    await page.waitForFunction(() => document.querySelector('[data-f=cast]')?.textContent === '7');
    expect(await page.getAttribute('#quorum', 'class')).toContain('short');
    expect(await page.textContent('#quorum')).toBe('还差 3 票达到 2/3 线（至少 10 票）');
    expect(await page.textContent('[data-f=cat-0]')).toBe('5 / 8');
    await page.screenshot({ path: out('staff-dashboard.png'), fullPage: true });

    const projector = await supervisor.newPage();
    await projector.setViewportSize({ width: 1920, height: 1080 });
    await projector.goto(url(`/staff/meetings/${meeting.id}/live?projector=1`));
    await expect.poll(() => projector.textContent('#live-state')).toBe('实时更新中');
    expect(await projector.getAttribute('body', 'class')).toBe('projector');
    expect(await projector.locator('header.top').count()).toBe(0);
    await vote(meeting.tokens.dy[5], ['satisfied', 'very_satisfied']);
    await vote(meeting.tokens.qz[2], ['satisfied', 'very_satisfied']);
    await vote(meeting.tokens.qz[3], ['satisfied', 'dissatisfied']);
    // A voter without a phone: the paper slip keyed in by the supervisor.
    const paper = await client(target.url, supervisorKey).post(`/api/meetings/${meeting.id}/paper-ballots`, {
      token: meeting.tokens.qz[4],
      choices: { [meeting.subjects[0]]: 'satisfied', [meeting.subjects[1]]: 'basically_satisfied' },
    });
    expect(paper.status).toBe(201);
    meeting.receipts.push(paper.body.receipt);
    await projector.waitForFunction(() => document.querySelector('[data-f=cast]')?.textContent === '11');
    await projector.waitForFunction(() => document.querySelector('[data-f=elapsed]')?.textContent !== '0:00:00'); // the clock runs
    expect(await projector.getAttribute('#quorum', 'class')).toContain('met');
    expect(await projector.getAttribute('svg[data-bar=all] .bar-fill', 'width')).toBe(String(Math.round((1000 * 11) / 15)));
    await projector.screenshot({ path: out('staff-dashboard-projector.png') });
    await projector.close();
    expect(csp).toEqual([]);
  });

  it('close (confirmed) shows the results; CSV and Excel download with the same counts; the notice lists every receipt; the audit trail verifies', async () => {
    await page.goto(url(`/staff/meetings/${meeting.id}`));
    await page.click('text=结束投票…');
    expect(await page.textContent('main')).toContain('当前已投 11 票');
    await page.click('button:has-text("确认结束投票")');
    await page.waitForURL(url(`/staff/meetings/${meeting.id}/results`));
    expect(await page.textContent('.banner')).toContain('结果有效');
    expect(await page.textContent('[data-f=phone]')).toBe('10');
    expect(await page.textContent('[data-f=paper]')).toBe('1');
    const secretary = page.locator('tr', { hasText: '第一书记 张三' }).first();
    expect(await secretary.textContent()).toContain('81.82%'); // 9 of 11 very satisfied or satisfied
    expect(await page.locator('caption', { hasText: '北坡村党支部' }).count()).toBe(1); // both groups ≥ 5: a breakdown
    await page.screenshot({ path: out('staff-results.png'), fullPage: true });

    const [csvDownload] = await Promise.all([page.waitForEvent('download'), page.click('text=下载 CSV')]);
    const csv = readFileSync((await csvDownload.path())!, 'utf8');
    expect(csv.startsWith('\uFEFF')).toBe(true);
    expect(csv).toContain('北坡村党支部,0,11,0,0,0,11,15,100.00,是,是,0');

    const [xlsxDownload] = await Promise.all([page.waitForEvent('download'), page.click('text=下载 Excel')]);
    expect(xlsxDownload.suggestedFilename()).toMatch(/\.xlsx$/);
    const book = XLSX.read(readFileSync((await xlsxDownload.path())!), { type: 'buffer' });
    const rows = XLSX.utils.sheet_to_json<(string | number)[]>(book.Sheets[book.SheetNames[0]], { header: 1 });
    expect(rows[0][0]).toMatch(/测评结果$/); // the 结果 sheet opens with its title, then the table
    expect(rows.find((r) => r[0] === '测评对象')).toEqual(['测评对象', '很满意', '满意', '基本满意', '不满意', '弃权', '参评票数', '应参加人数', '满意度(%)', '达到门槛', '结果有效', '废票(全场)']);
    expect(rows.find((r) => r[0] === '第一书记 张三')).toEqual(['第一书记 张三', 9, 0, 1, 1, 0, 11, 15, 81.82, '否', '是', 0]);

    const notice = await supervisor.newPage();
    expect((await notice.goto(url(`/notice/${meeting.id}`)))!.status()).toBe(200);
    const listed = await notice.locator('#receipts li').allTextContents();
    expect(listed).toEqual([...meeting.receipts].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)));
    await notice.close();

    await page.click('text=审计记录');
    expect(await page.getAttribute('#verify', 'class')).toContain('valid');
    const events = await page.locator('tbody tr td:nth-child(3)').allTextContents();
    expect(events).toEqual(['创建测评会', '发放测评码', '发放测评码', '开始投票', '录入纸质票', '结束投票']);
    expect(csp).toEqual([]);
  });

  it('a form post without the CSRF token is refused (403); API calls riding on the session need X-CSRF-Token', async () => {
    const api = client(target.url, supervisorKey);
    const draft = (await api.post('/api/meetings', { title: 'CSRF 检查', eligible: 2, subjects: [{ name: '支部' }] })).body;
    const [token] = (await api.post(`/api/meetings/${draft.id}/tokens`, { count: 1 })).body.tokens;

    // In the page: the void form with its hidden token removed.
    await page.goto(url(`/staff/meetings/${draft.id}`));
    await page.fill('#code', token);
    await page.evaluate(() => document.querySelector('form[action$="/void"] input[name=_csrf]')!.remove());
    const [refused] = await Promise.all([page.waitForResponse((r) => r.url().endsWith('/void')), page.click('button:has-text("作废此测评码")')]);
    expect(refused.status()).toBe(403);
    expect(await page.textContent('h1')).toBe('提交被拒绝');

    // The same session cookie, straight requests.
    const voidPath = url(`/staff/meetings/${draft.id}/void`);
    expect((await page.request.post(voidPath, { form: { code: token }, maxRedirects: 0 })).status()).toBe(403);
    const csrf = await page.goto(url(`/staff/meetings/${draft.id}`)).then(() => page.inputValue('form[action$="/void"] input[name=_csrf]'));
    const crossSite = { 'sec-fetch-site': 'cross-site' };
    expect((await page.request.post(voidPath, { form: { code: token, _csrf: csrf }, headers: crossSite, maxRedirects: 0 })).status()).toBe(403);
    expect((await page.request.post(url(`/api/meetings/${draft.id}/open`), { maxRedirects: 0 })).status()).toBe(403);
    expect((await api.get(`/api/meetings/${draft.id}`)).body.status).toBe('draft');

    // With the page's token both go through.
    // The void is asked first (200, a confirmation page), then done (303).
    expect((await page.request.post(voidPath, { form: { code: token, _csrf: csrf }, maxRedirects: 0 })).status()).toBe(200);
    expect((await anyone().post('/api/ballots', { token, choices: { x: 'satisfied' } })).body.error.code).not.toBe('token_void');
    expect((await page.request.post(voidPath, { form: { code: token, _csrf: csrf, confirmed: '1' }, maxRedirects: 0 })).status()).toBe(303);
    expect((await page.request.post(url(`/api/meetings/${draft.id}/open`), { headers: { 'x-csrf-token': csrf } })).status()).toBe(200);
    expect((await anyone().post('/api/ballots', { token, choices: { x: 'satisfied' } })).body.error.code).toBe('token_void');
  });

  it('with JavaScript off: rows are added and removed, a meeting is created, and the dashboard reloads itself', async () => {
    const context = await browser.newContext({ javaScriptEnabled: false });
    const p = await signIn(context, supervisorKey);
    await p.goto(url('/staff/new-meeting'));
    const labels = p.locator('input[name=cat_label]');
    await p.click('button:has-text("再加 3 行类别")');
    await expect.poll(() => labels.count()).toBe(6);
    await labels.nth(0).fill('要删的');
    await p.locator('button[name=op][value="rm_cat:0"]').click();
    await expect.poll(() => labels.count()).toBe(5);
    expect(await labels.nth(0).inputValue()).toBe('');
    await p.fill('#title', '无脚本测评');
    await p.fill('#eligible', '3');
    await p.locator('input[name=subj_name]').nth(0).fill('支部');
    await p.press('#title', 'Enter'); // Enter creates; it does not press a row's remove button
    await p.waitForURL(/done=created$/);
    const id = p.url().match(/meetings\/([0-9a-f]{32})/)![1];

    const api = client(target.url, supervisorKey);
    const [token] = (await api.post(`/api/meetings/${id}/tokens`, { count: 1 })).body.tokens;
    await api.post(`/api/meetings/${id}/open`);
    const subject = (await api.get(`/api/meetings/${id}`)).body.subjects[0].id;
    await p.goto(url(`/staff/meetings/${id}/live`));
    expect(await p.locator('meta[http-equiv=refresh]').count()).toBe(1);
    expect(await p.textContent('[data-f=cast]')).toBe('0');
    await anyone().post('/api/ballots', { token, choices: { [subject]: 'satisfied' } });
    await p.waitForEvent('load', { timeout: 20_000 }); // the meta refresh, every 10 s
    expect(await p.textContent('[data-f=cast]')).toBe('1');
    await context.close();
  });
});
