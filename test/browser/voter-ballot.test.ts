import type { Browser, BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatToken } from '../../src/domain/codes';
import { issue, newMeeting } from '../helpers/scenario';
import { cspViolations, launchChromium, out, startVoterWorld, withCsp } from './voter-kit';

/** The ballot page as a voter meets it in Chromium: mistakes, a used slip, typing a code, languages. */
describe('the ballot page in a real browser', () => {
  let world: Awaited<ReturnType<typeof startVoterWorld>>;
  let browser: Browser;
  let meeting: { id: string; subjects: string[] };
  let tokens: string[];
  const names = ['东山村党支部', '第一书记 张三', '村委会主任 李四'];

  beforeAll(async () => {
    world = await startVoterWorld();
    browser = await launchChromium();
    meeting = await newMeeting(world.supervisor, { title: '2026年度东山村民主测评', eligible: 10, subjects: names.map((name) => ({ name })) });
    tokens = await issue(world.supervisor, meeting.id, 4);
    await world.supervisor.post(`/api/meetings/${meeting.id}/open`);
  });
  afterAll(async () => {
    await browser?.close();
    await world?.target.stop();
  });

  async function phone(options: { javaScriptEnabled?: boolean; locale?: string } = {}): Promise<BrowserContext> {
    const context = await browser.newContext({ viewport: { width: 360, height: 640 }, locale: 'zh-CN', ...options });
    context.setDefaultTimeout(10_000);
    return context;
  }
  const ballot = (t: string) => `${world.target.url}/b/${t}`;

  it('a blank subject comes back marked with status 400, the other choices kept, and the slip still votes', async () => {
    const context = await phone({ javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto(ballot(tokens[0]));
    const sets = page.locator('fieldset');
    await sets.nth(0).getByText('很满意', { exact: true }).click();
    await sets.nth(2).getByText('不满意', { exact: true }).click();
    const [refused] = await Promise.all([page.waitForResponse((r) => r.request().method() === 'POST'), page.getByRole('button', { name: '提交' }).click()]);
    expect(refused.status()).toBe(400);
    await page.waitForLoadState();
    expect(await page.getByRole('alert').textContent()).toContain(names[1]);
    expect(await sets.nth(1).getAttribute('class')).toBe('missing');
    expect(await sets.nth(1).textContent()).toContain('请为这一项选择一个等次');
    expect(await sets.nth(0).getAttribute('class')).toBeNull();
    expect(await sets.nth(0).locator('input[value=very_satisfied]').isChecked()).toBe(true);
    expect(await sets.nth(2).locator('input[value=dissatisfied]').isChecked()).toBe(true);
    expect(await sets.nth(1).locator('input:checked').count()).toBe(0);
    await page.screenshot({ path: out('ballot-blank-refused.png'), fullPage: true });

    await sets.nth(1).getByText('基本满意', { exact: true }).click();
    const [ok] = await Promise.all([page.waitForResponse((r) => r.request().method() === 'POST'), page.getByRole('button', { name: '提交' }).click()]);
    expect(ok.status()).toBe(200);
    await page.waitForLoadState();
    const receipt = await page.locator('#receipt').textContent();
    expect(receipt).toMatch(/^[2-9A-HJKMNP-Z]{10}$/);

    const again = await page.goto(ballot(tokens[0]));
    expect(again!.status()).toBe(409);
    expect(await page.locator('h1').textContent()).toBe('此测评码已使用');
    expect(await page.locator('#receipt').textContent()).toBe(receipt);
    await page.screenshot({ path: out('ballot-used.png'), fullPage: true });
    await context.close();
  });

  it('an unknown code gets a friendly 404 that leads to typing the code by hand, case and dashes ignored', async () => {
    const context = await phone();
    const page = await context.newPage();
    const res = await page.goto(ballot('NOT-A-REAL-CODE'));
    expect(res!.status()).toBe(404);
    expect(await page.locator('h1').textContent()).toBe('没有找到这个测评码');
    await page.getByRole('link', { name: '手动输入测评码' }).click();
    await page.waitForURL(`${world.target.url}/b`);
    const typed = formatToken(tokens[1]).toLowerCase().replaceAll('-', ' - ');
    await page.getByLabel('测评码').fill(typed);
    await page.getByRole('button', { name: '进入测评' }).click();
    await page.waitForURL(ballot(tokens[1]));
    expect(await page.locator('fieldset').count()).toBe(3);
    await page.screenshot({ path: out('ballot-after-typing.png') });
    await context.close();
  });

  it('works under the strict CSP (no inline style or script): styles and script load, nothing is blocked', async () => {
    const context = await phone();
    await withCsp(context, world.target.url);
    const page = await context.newPage();
    const blocked = cspViolations(page);
    await page.goto(ballot(tokens[3]));
    await page.locator('fieldset').first().getByText('满意', { exact: true }).click();
    expect(await page.locator('#progress').textContent()).toBe('已选 1/3');
    const height = await page.locator('fieldset label').first().evaluate((e) => e.getBoundingClientRect().height);
    expect(height).toBeGreaterThanOrEqual(44);
    expect(blocked).toEqual([]);
    await context.close();
  });

  it('speaks zh-TW to a zh-TW phone, and the visible switch to English carries through the form post', async () => {
    const context = await phone({ locale: 'zh-TW', javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto(ballot(tokens[2]));
    expect(await page.locator('fieldset').first().locator('label').allTextContents()).toEqual(['很滿意', '滿意', '基本滿意', '不滿意']);
    await page.getByRole('link', { name: 'English' }).click();
    await page.waitForURL(`${ballot(tokens[2])}?lang=en`);
    expect(await page.locator('form').getAttribute('action')).toBe(`/b/${tokens[2]}?lang=en`);
    await page.getByRole('button', { name: 'Submit' }).click();
    await page.waitForLoadState();
    expect(await page.getByRole('alert').textContent()).toContain('3 not chosen yet');
    expect(await page.locator('html').getAttribute('lang')).toBe('en');
    expect(await context.cookies()).toEqual([]);
    await context.close();
  });
});
