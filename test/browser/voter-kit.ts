import { execFileSync } from 'node:child_process';
import { mkdirSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { client, type Client } from '../helpers/target';
import { startNodeTarget } from '../helpers/node-target';

/** What the voter-side browser tests share: a real server, a supervisor, Chromium, zbarimg. */
export const OUT = 'test-output';
mkdirSync(OUT, { recursive: true });
export const out = (name: string) => join(OUT, name);

export const WECHAT_UA =
  'Mozilla/5.0 (Linux; Android 10; V2031A Build/QP1A.190711.020; wv) AppleWebKit/537.36 (KHTML, like Gecko) Version/4.0 ' +
  'Chrome/107.0.5304.141 Mobile Safari/537.36 XWEB/5023 MMWEBSDK/20230701 MMWEBID/5183 MicroMessenger/8.0.40.2420(0x28002837) ' +
  'WeChat/arm64 Weixin NetType/4G Language/zh_CN ABI/arm64';

export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}

export async function startVoterWorld(options: { throttleLimit?: number } = {}) {
  const target = await startNodeTarget(options);
  const admin = client(target.url, target.adminKey);
  const sup = await admin.post('/api/users', { name: '监督员老王', role: 'supervisor' });
  return { target, supervisor: client(target.url, sup.body.key) as Client, supervisorKey: sup.body.key as string };
}

/** Every QR symbol zbarimg finds in an image, as text (none → []). */
export function decodeQr(png: string): string[] {
  try {
    return execFileSync('zbarimg', ['--quiet', '--raw', '-Sdisable', '-Sqrcode.enable', png], { encoding: 'utf8' }).split('\n').filter(Boolean);
  } catch (err) {
    if ((err as { status?: number }).status === 4) return []; // zbarimg: no symbol found
    throw err;
  }
}

/** A PDF's pages rasterized at 150 dpi, as PNG paths in page order. */
export function pdfPages(pdf: string, prefix: string): string[] {
  const mine = () => readdirSync(OUT).filter((f) => f.startsWith(`${prefix}-`) && f.endsWith('.png'));
  for (const f of mine()) rmSync(out(f)); // pages left by an earlier run
  execFileSync('pdftoppm', ['-r', '150', '-png', pdf, out(prefix)]);
  return mine().sort().map(out);
}

/** The printed codes on a sheet, back in their raw form (dashes removed). */
export function printedTokens(html: string): string[] {
  return [...html.matchAll(/<p class="c">([^<]+)<\/p>/g)].map((m) => m[1].replaceAll('-', ''));
}

/** The policy the hardening work applies to every response; our pages must work under it. */
export const CSP = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

/** Collects the console's complaints about the CSP: there should be none. */
export function cspViolations(page: Page): string[] {
  const seen: string[] = [];
  page.on('console', (m) => {
    if (/Content Security Policy/i.test(m.text())) seen.push(m.text());
  });
  return seen;
}

/** Serves every response of `context` from the real server with the strict CSP added. */
export async function withCsp(context: BrowserContext, base: string) {
  await context.route(`${base}/**`, async (route) => {
    const res = await route.fetch();
    await route.fulfill({ response: res, headers: { ...res.headers(), 'content-security-policy': CSP } });
  });
}

/** Loads `url` as a JSON POST with a bearer key in a real tab: the sheet is the server's answer, headers and all. */
export async function openPost(page: Page, url: string, key: string, body: unknown) {
  await page.route(url, async (route) => {
    const headers = { ...route.request().headers(), authorization: `Bearer ${key}`, 'content-type': 'application/json' };
    // The server's own headers, CSP included: the sheet must render under what the server sends.
    const res = await route.fetch({ method: 'POST', headers, postData: JSON.stringify(body) });
    await route.fulfill({ response: res });
  });
  const res = await page.goto(url);
  await page.unroute(url);
  return res!;
}

/** Records every response a page loads, headers and body: for the weight budget and the origin check. */
export function recordTraffic(page: Page) {
  const seen: { url: string; bytes: number }[] = [];
  const pending: Promise<void>[] = [];
  page.on('requestfinished', (req) => {
    pending.push(req.sizes().then((s) => void seen.push({ url: req.url(), bytes: s.responseBodySize + s.responseHeadersSize })));
  });
  return async () => {
    await Promise.all(pending);
    return seen;
  };
}
