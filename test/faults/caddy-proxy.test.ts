import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:https';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_ADMIN_KEY } from '../helpers/node-target';
import { newMeeting } from '../helpers/scenario';
import { client } from '../helpers/target';
import { startChildServer, type ChildServer } from './child-server';

const hasCaddy = spawnSync('caddy', ['version']).status === 0;
if (!hasCaddy) console.warn('caddy-proxy test skipped: no `caddy` on PATH (apt-get install caddy; .ci/run installs it)');

const freePort = () =>
  new Promise<number>((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });

interface Reply {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/** HTTPS through Caddy, checking its certificate against Caddy's own local CA; `from` picks the client address. */
function https(ca: string, url: string, opts: { method?: string; headers?: Record<string, string>; body?: string; from?: string } = {}): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const r = request(url, { method: opts.method ?? 'GET', headers: opts.headers, ca, localAddress: opts.from, agent: false }, (res) => {
      let body = '';
      res.on('data', (c) => (body += c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    r.on('error', reject);
    r.end(opts.body);
  });
}

describe.skipIf(!hasCaddy)('behind Caddy serving TLS (MINPING_TRUST_PROXY=1)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'minping-caddy-'));
  let server: ChildServer;
  let caddy: ChildProcess;
  let base: string;
  let ca: string;
  let caddyLog = '';

  beforeAll(async () => {
    server = await startChildServer(join(dir, 'minping.db'), { MINPING_TRUST_PROXY: '1' });
    const [httpsPort, httpPort] = [await freePort(), await freePort()];
    base = `https://localhost:${httpsPort}`;
    // The README's Caddyfile, with test ports and a private data directory.
    writeFileSync(
      join(dir, 'Caddyfile'),
      `{
  admin off
  skip_install_trust
  storage file_system ${join(dir, 'caddy')}
  http_port ${httpPort}
  https_port ${httpsPort}
}
localhost:${httpsPort} {
  tls internal
  reverse_proxy ${new URL(server.url).host}
}
`,
    );
    caddy = spawn('caddy', ['run', '--config', join(dir, 'Caddyfile'), '--adapter', 'caddyfile'], {
      env: { ...process.env, HOME: dir, XDG_DATA_HOME: join(dir, 'xdg-data'), XDG_CONFIG_HOME: join(dir, 'xdg-config') },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    caddy.stdout!.on('data', (c) => (caddyLog += c));
    caddy.stderr!.on('data', (c) => (caddyLog += c));
    const root = join(dir, 'caddy', 'pki', 'authorities', 'local', 'root.crt');
    for (let i = 0; i < 200; i++) {
      if (existsSync(root)) {
        try {
          ca = readFileSync(root, 'utf8');
          if ((await https(ca, `${base}/healthz`)).status === 200) return;
        } catch {
          // not serving yet
        }
      }
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error(`caddy did not come up:\n${caddyLog}`);
  }, 60_000);

  afterAll(async () => {
    caddy?.kill('SIGTERM');
    await server?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('the staff session cookie is Secure, and a direct plain-HTTP sign-in is not', async () => {
    const page = await https(ca, `${base}/staff/login`);
    const loginCookie = String(page.headers['set-cookie']).match(/mp_login=([^;]+)/)![1];
    const csrf = page.body.match(/name="_csrf" value="([^"]+)"/)![1];
    const signIn = await https(ca, `${base}/staff/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: `mp_login=${loginCookie}`, origin: base },
      body: new URLSearchParams({ _csrf: csrf, next: '/staff', key: TEST_ADMIN_KEY }).toString(),
    });
    expect(signIn.status, signIn.body.slice(0, 300)).toBe(303);
    const session = (signIn.headers['set-cookie'] as string[]).filter((c) => c.startsWith('mp_session='));
    expect(session.length).toBeGreaterThan(0);
    for (const c of session) expect(c).toMatch(/;\s*Secure/i);
    // The same server reached directly over http: no Secure flag (the browser would drop the cookie).
    const direct = await fetch(`${server.url}/staff/login`);
    expect(String(direct.headers.get('set-cookie'))).not.toMatch(/Secure/i);
    console.log(`caddy: session cookie through TLS: ${session[0].replace(/=[^;]+/, '=…')}`);
  });

  it("slips' URLs are https on the proxy's host", async () => {
    const headers = { authorization: `Bearer ${TEST_ADMIN_KEY}`, 'content-type': 'application/json' };
    const m = await https(ca, `${base}/api/meetings`, { method: 'POST', headers, body: JSON.stringify({ title: '代理', eligible: 3, subjects: [{ name: '支部' }] }) });
    expect(m.status, m.body).toBe(201);
    const issued = await https(ca, `${base}/api/meetings/${JSON.parse(m.body).id}/tokens`, { method: 'POST', headers, body: JSON.stringify({ count: 2 }) });
    expect(issued.status).toBe(201);
    const urls: string[] = JSON.parse(issued.body).urls;
    for (const u of urls) expect(u).toMatch(new RegExp(`^${base}/b/`));
    const sheet = await https(ca, `${base}/api/meetings/${JSON.parse(m.body).id}/tokens`, { method: 'POST', headers, body: JSON.stringify({ count: 1, format: 'html' }) });
    expect(sheet.body).toContain(`${base}/b`);
    console.log(`caddy: a slip's URL through the proxy: ${urls[0].slice(0, base.length + 3)}…`);
  });

  it('the throttle counts the client behind the proxy, not the proxy: one guesser is stopped, the next client is not', async () => {
    const guess = (from: string) =>
      https(ca, `${base}/api/ballots`, { method: 'POST', from, headers: { 'content-type': 'application/json' }, body: JSON.stringify({ token: `guess${Math.random()}`, choices: {} }) });
    const statuses: number[] = [];
    for (let i = 0; i < 25; i++) statuses.push((await guess('127.0.0.2')).status);
    expect(statuses.slice(0, 20).every((s) => s === 404)).toBe(true);
    expect(statuses.at(-1)).toBe(429);
    // Another client through the same proxy, same proxy address on the socket: its own count.
    expect((await guess('127.0.0.3')).status).toBe(404);
    // Spoofing X-Forwarded-For does not help: Caddy overwrites it for untrusted clients, and we take the rightmost.
    const spoofed = await https(ca, `${base}/api/ballots`, { method: 'POST', from: '127.0.0.2', headers: { 'content-type': 'application/json', 'x-forwarded-for': '10.9.9.9' }, body: JSON.stringify({ token: 'guess-spoof', choices: {} }) });
    expect(spoofed.status).toBe(429);
  });

  it('without MINPING_TRUST_PROXY the headers are ignored: a forged X-Forwarded-Proto makes nothing Secure', async () => {
    const plain = await startChildServer(join(dir, 'plain.db'));
    const admin = client(plain.url, TEST_ADMIN_KEY);
    const res = await fetch(`${plain.url}/staff/login`, { headers: { 'x-forwarded-proto': 'https', 'x-forwarded-host': 'evil.test' } });
    expect(String(res.headers.get('set-cookie'))).not.toMatch(/Secure/i);
    const m = await newMeeting(admin, { title: '直连', eligible: 1, subjects: [{ name: '支部' }] });
    const issued = await admin.post(`/api/meetings/${m.id}/tokens`, { count: 1 }, { 'x-forwarded-proto': 'https', 'x-forwarded-host': 'evil.test' });
    expect(issued.body.urls[0]).toMatch(new RegExp(`^${plain.url}/b/`));
    await plain.stop();
  });
});
