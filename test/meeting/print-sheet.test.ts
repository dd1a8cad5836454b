import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newMeeting } from '../helpers/scenario';
import { cspViolations, decodeQr, launchChromium, openPost, out, pdfPages, printedTokens, startVoterWorld } from '../browser/voter-kit';

const pdfPageCount = (pdf: string) => Number(/Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', [pdf], { encoding: 'utf8' }))![1]);

/** The sheet leaves the server: saved, opened with nothing behind it, printed. */
describe('a printable slip sheet that stands alone', () => {
  let world: Awaited<ReturnType<typeof startVoterWorld>>;
  let browser: Browser;
  let meetingId: string;

  beforeAll(async () => {
    world = await startVoterWorld();
    browser = await launchChromium();
    meetingId = (await newMeeting(world.supervisor, { title: '2026年度北湾村民主测评', eligible: 40, subjects: [{ name: '北湾村党支部' }] })).id;
  });
  afterAll(async () => {
    await browser?.close();
    await world?.target.stop();
  });

  const sheet = async (count: number) => {
    const res = await world.supervisor.post(`/api/meetings/${meetingId}/tokens`, { count, format: 'html' });
    expect(res.status).toBe(201);
    return res.text;
  };

  it('3 slips, set as page content with no server behind it, print on one A4 page; it links nothing of ours', async () => {
    const html = await sheet(3);
    expect(html).not.toMatch(/<link[^>]+stylesheet|src="\/assets/);
    writeFileSync(out('sheet-3.html'), html);
    const page = await browser.newPage();
    await page.route('**/*', (route) => route.abort()); // nothing to fetch from anywhere
    await page.setContent(html);
    await page.pdf({ path: out('sheet-3.pdf'), preferCSSPageSize: true, printBackground: true });
    expect(pdfPageCount(out('sheet-3.pdf'))).toBe(1);
    await page.close();
  });

  it('a 24-slip sheet prints at least 8 slips a page and its 24 QR codes decode to 24 distinct ballot URLs', async () => {
    const html = await sheet(24);
    const page = await browser.newPage();
    await page.setContent(html);
    await page.pdf({ path: out('sheet-24.pdf'), preferCSSPageSize: true, printBackground: true });
    const pages = pdfPageCount(out('sheet-24.pdf'));
    expect(pages).toBeLessThanOrEqual(3);
    const decoded = pdfPages(out('sheet-24.pdf'), 'sheet-24').flatMap(decodeQr);
    expect(new Set(decoded).size).toBe(24);
    expect(decoded.sort()).toEqual(printedTokens(html).map((t) => `${world.target.url}/b/${t}`).sort());
    await page.close();
  });

  it('served by the API, the inline CSS is allowed by its hash in the CSP: no violation, and the sheet is styled', async () => {
    const page = await browser.newPage();
    const blocked = cspViolations(page);
    const res = await openPost(page, `${world.target.url}/api/meetings/${meetingId}/tokens`, world.supervisorKey, { count: 2, format: 'html' });
    expect(res.headers()['content-security-policy']).toMatch(/style-src 'self' 'sha256-[A-Za-z0-9+/=]+'/);
    expect(res.headers()['content-security-policy']).toContain("script-src 'self'");
    expect(await page.locator('.sheet').evaluate((e) => getComputedStyle(e).display)).toBe('grid');
    expect(blocked).toEqual([]);
    await page.close();
  });
});
