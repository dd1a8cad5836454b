import Database from 'better-sqlite3';
import { createHash } from 'node:crypto';
import { Agent } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { API_CONTENT_SECURITY_POLICY, CONTENT_SECURITY_POLICY } from '../../src/http/security';
import { startNodeTarget } from '../helpers/node-target';
import { issue, newMeeting } from '../helpers/scenario';
import { client } from '../helpers/target';
import { dbBytes, foundIn } from './db-bytes';
import { send } from './raw-http';
import { fillPath, routeTable } from './routes';

type Role = 'admin' | 'supervisor' | 'scorer';
const STAFF: Role[] = ['admin', 'supervisor', 'scorer'];
const SUPERVISOR: Role[] = ['admin', 'supervisor'];
const SCORER: Role[] = ['admin', 'scorer'];

/** Routes anyone may call: voters, the public notice, health checks, static files and pages. */
const PUBLIC = [/^POST \/api\/ballots$/, /^GET \/api\/meetings\/:id\/receipts$/, /^\w+ \/(?!api\/)/];

/** Who may call each staff route. A new /api route fails this test until it is listed here. */
const ROLES: [RegExp, Role[]][] = [
  [/^\w+ \/api\/users(\/|$)/, ['admin']],
  [/^\w+ \/api\/(satisfaction|scoring)/, SCORER],
  [/^GET \/api\/meetings(\/:id)?$/, STAFF],
  [/^GET \/api\/meetings\/:id\/(results|audit)/, STAFF],
  [/^\w+ \/api\/meetings/, SUPERVISOR],
  [/^GET \/api\/seasons/, STAFF],
  [/^\w+ \/api\/seasons/, SCORER],
];

/** Who may open each staff page. A new page fails the page test until it is listed here. */
const PAGE_ROLES: [RegExp, Role[]][] = [
  [/^\w+ \/staff\/users/, ['admin']],
  [/^\w+ \/staff\/scoring/, SCORER],
  [/^\w+ \/staff\/(new-meeting|meetings\/:id\/(live|slips|void|void-unused|open|close|paper|edit|copy|delete|supervisors(\/remove)?))$/, SUPERVISOR],
  [/^GET \/staff(\/meetings(\/:id(\/(results|audit|minutes))?)?)?$/, STAFF],
  [/^GET \/staff\/seasons/, STAFF],
  [/^POST \/staff\/seasons/, SCORER],
];

describe('hardening', () => {
  let target: Awaited<ReturnType<typeof startNodeTarget>>;
  let keys: Record<Role, string>;
  let meetingId: string;
  let token: string;
  /** A second supervisor, B, to whom the supervisor A's meetings do not belong until A adds them. */
  let other: { id: string; key: string };

  beforeAll(async () => {
    target = await startNodeTarget({ throttleLimit: 10_000 });
    const admin = client(target.url, target.adminKey);
    keys = {
      admin: target.adminKey,
      supervisor: (await admin.post('/api/users', { name: '监督员', role: 'supervisor' })).body.key,
      scorer: (await admin.post('/api/users', { name: '考评员', role: 'scorer' })).body.key,
    };
    const b = (await admin.post('/api/users', { name: '监督员乙', role: 'supervisor' })).body;
    other = { id: b.id, key: b.key };
    const a = client(target.url, keys.supervisor);
    const m = await newMeeting(a, { title: '加固', eligible: 5, subjects: [{ name: '支部' }] });
    meetingId = m.id;
    [token] = await issue(a, m.id, 5);
    await a.post(`/api/meetings/${m.id}/open`);
  });
  afterAll(() => target?.stop());

  it('pages carry the strict CSP and the other secure headers; API answers forbid loading and framing anything', async () => {
    const anon = client(target.url);
    const admin = client(target.url, keys.admin);
    const sheetMeeting = await newMeeting(admin, { title: '打印', eligible: 2, subjects: [{ name: '支部' }] });
    // The printable slip sheet is HTML from an /api route: a page, with the page's CSP.
    const sheet = await admin.post(`/api/meetings/${sheetMeeting.id}/tokens`, { count: 2, format: 'html' });
    expect(sheet.headers.get('content-type')).toMatch(/^text\/html/);
    const pages = [await anon.get('/healthz'), await anon.get('/no/such/page'), await anon.get(`/b/${token}`), await anon.get('/b'), sheet];
    const api = [
      await anon.get('/api/meetings'),
      await client(target.url, keys.scorer).post('/api/meetings', { title: 'x', eligible: 1, subjects: [{ name: 'y' }] }),
      await anon.post('/api/ballots', { token: 'nope', choices: {} }),
      await anon.post('/api/ballots', 'x'.repeat(17 * 1024), { 'content-type': 'application/json' }),
      await client(target.url, keys.admin).get(`/api/meetings/${meetingId}`),
    ];
    for (const r of [...pages, ...api]) {
      expect(r.headers.get('x-content-type-options')).toBe('nosniff');
      expect(r.headers.get('x-powered-by')).toBeNull();
    }
    for (const r of pages) {
      // The slip sheet adds exactly one thing: its own inline CSS, allowed by hash.
      const csp = r === sheet ? r.headers.get('content-security-policy')?.replace(/ 'sha256-[A-Za-z0-9+/]+=*'/, '') : r.headers.get('content-security-policy');
      expect(csp).toBe(CONTENT_SECURITY_POLICY);
      expect(r.headers.get('referrer-policy')).toBe('no-referrer');
      expect(r.headers.get('x-frame-options')).toBe('DENY');
      expect(r.headers.get('cross-origin-opener-policy')).toBe('same-origin');
    }
    // An API answer is never a document: nothing may load in it and nothing may frame it.
    for (const r of api) expect(r.headers.get('content-security-policy')).toBe(API_CONTENT_SECURITY_POLICY);
    expect(CONTENT_SECURITY_POLICY).toBe(
      "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; form-action 'self'; frame-ancestors 'none'; base-uri 'none'",
    );
  });

  it('refuses bodies over 16 KB for ballots and 1 MB for other JSON with 413, with or without Content-Length, and the connection stays usable', async () => {
    const agent = new Agent({ keepAlive: true, maxSockets: 1 });
    const json = { 'content-type': 'application/json', authorization: `Bearer ${keys.admin}` };
    const padded = (size: number) => Buffer.from(JSON.stringify({ token, choices: {}, pad: 'x'.repeat(size) }));
    const cases = [
      { path: '/api/ballots', body: padded(16 * 1024), status: 413 },
      { path: `/b/${token}`, body: Buffer.from(`a=${'x'.repeat(16 * 1024)}`), status: 413 },
      { path: '/api/ballots', body: padded(15 * 1024), status: 400 },
      { path: '/api/meetings', body: padded(1024 * 1024), status: 413 },
      { path: '/api/meetings', body: padded(1000 * 1024), status: 400 },
    ];
    for (const chunked of [false, true]) {
      for (const c of cases) {
        const reply = await send(target.url, agent, { method: 'POST', path: c.path, headers: json, body: c.body, chunked });
        expect(reply.status, `${c.path} ${c.body.length} bytes, chunked ${chunked}`).toBe(c.status);
        if (c.status === 413) expect(JSON.parse(reply.body).error.code).toBe('payload_too_large');
      }
    }
    expect((await send(target.url, agent, { method: 'GET', path: '/healthz' })).status).toBe(200);
    agent.destroy();
  });

  it('keeps staff keys only as hashes: no key in the database, its SHA-256 is', async () => {
    const db = new Database(target.dbFile, { readonly: true });
    const hashes = (db.prepare('select key_hash from users').all() as { key_hash: string }[]).map((r) => r.key_hash);
    db.close();
    const sha = (k: string) => createHash('sha256').update(k).digest('hex');
    expect(hashes).toEqual(expect.arrayContaining([sha(keys.supervisor), sha(keys.scorer)]));
    expect(foundIn(dbBytes(target.dbFile), [keys.supervisor, keys.scorer, keys.admin, token])).toEqual([]);
  });

  it('every staff route answers 401 without a key or with a wrong one, and 403 to a role it is not for', async () => {
    const status = async (key: string | undefined, method: string, path: string) => {
      const res = await fetch(target.url + path, {
        method,
        headers: { 'content-type': 'application/json', ...(key && { authorization: `Bearer ${key}` }) },
        body: method === 'GET' ? undefined : '{}',
      });
      await res.body?.cancel(); // the turnout stream never ends by itself
      return res.status;
    };

    const checked: string[] = [];
    for (const r of routeTable()) {
      const line = `${r.method} ${r.path}`;
      if (PUBLIC.some((p) => p.test(line))) continue;
      const roles = ROLES.find(([p]) => p.test(line))?.[1];
      expect(roles, `${line} is a staff route no one has declared roles for`).toBeDefined();
      const path = fillPath(r.path, (name) => (name === 'id' ? meetingId : 'x'));
      expect(await status(undefined, r.method, path), `${line} without a key`).toBe(401);
      expect(await status('mp_not-a-real-key', r.method, path), `${line} with a wrong key`).toBe(401);
      for (const role of STAFF) {
        const s = await status(keys[role], r.method, path);
        if (roles!.includes(role)) expect([401, 403], `${line} as ${role}`).not.toContain(s);
        else expect(s, `${line} as ${role}`).toBe(403);
      }
      checked.push(line);
    }
    expect(checked.length).toBeGreaterThanOrEqual(15);
    console.log(`hardening: ${checked.length} staff routes checked for 401 and 403`);
  });

  it('every staff page sends a stranger to sign in and refuses a role it is not for with 403', async () => {
    const status = async (key: string | undefined, method: string, path: string) => {
      const res = await fetch(target.url + path, {
        method,
        redirect: 'manual',
        headers: { 'content-type': 'application/x-www-form-urlencoded', ...(key && { authorization: `Bearer ${key}` }) },
        body: method === 'GET' ? undefined : '',
      });
      await res.body?.cancel();
      return res.status;
    };
    const checked: string[] = [];
    for (const r of routeTable()) {
      const line = `${r.method} ${r.path}`;
      if (!r.path.startsWith('/staff') || /^\/staff\/(login|logout)$/.test(r.path)) continue;
      const roles = PAGE_ROLES.find(([p]) => p.test(line))?.[1];
      expect(roles, `${line} is a staff page no one has declared roles for`).toBeDefined();
      const path = fillPath(r.path, (name) => (name === 'id' ? meetingId : name === 'file' ? 'standard.xlsx' : 'x'));
      expect([303, 401], `${line} without a key`).toContain(await status(undefined, r.method, path));
      // Only the roles that may NOT call it are tried: the others would really open, close or void.
      for (const role of STAFF.filter((x) => !roles!.includes(x))) {
        expect(await status(keys[role], r.method, path), `${line} as ${role}`).toBe(403);
      }
      checked.push(line);
    }
    expect(checked.length).toBeGreaterThanOrEqual(20);
    console.log(`hardening: ${checked.length} staff pages checked for sign-in and 403`);
  });

  /** Every route and page that names a meeting, as the route table has them. */
  const meetingRoutes = () =>
    routeTable().filter((r) => (r.path.startsWith('/api/meetings/:id') && r.path !== '/api/meetings/:id/receipts') || r.path.startsWith('/staff/meetings/:id'));
  /** Changing who runs a meeting is its creator's (or an admin's): a co-supervisor gets 403 there. */
  const OWNER_ONLY = /^(POST|DELETE) \/(api|staff)\/meetings\/:id\/supervisors/;

  it('a supervisor the meeting is not theirs gets 404 for every route and page of it, and never sees it listed, until its creator adds them', async () => {
    const status = async (key: string, method: string, path: string) => {
      const page = path.startsWith('/staff');
      const res = await fetch(target.url + path, {
        method,
        redirect: 'manual',
        headers: { 'content-type': page ? 'application/x-www-form-urlencoded' : 'application/json', authorization: `Bearer ${key}` },
        body: method === 'GET' ? undefined : page ? `userId=${other.id}` : JSON.stringify({ userId: other.id }),
      });
      await res.body?.cancel();
      return res.status;
    };
    const a = client(target.url, keys.supervisor);
    const b = client(target.url, other.key);
    const m = await newMeeting(a, { title: '甲的测评会', eligible: 6, subjects: [{ name: '支部' }] });
    await issue(a, m.id, 6);
    await a.post(`/api/meetings/${m.id}/open`);
    const routes = meetingRoutes();
    expect(routes.length).toBeGreaterThanOrEqual(25);
    const fill = (path: string) => fillPath(path, (name) => (name === 'id' ? m.id : name === 'userId' ? other.id : 'x'));

    for (const r of routes) expect(await status(other.key, r.method, fill(r.path)), `${r.method} ${r.path} as supervisor B`).toBe(404);
    expect((await b.get('/api/meetings')).body.meetings.map((x: { id: string }) => x.id)).not.toContain(m.id);
    expect((await b.get('/staff/meetings')).text).not.toContain(m.id);
    // B tried everything and changed nothing: no slip issued, no state changed, no one added.
    expect((await a.get(`/api/meetings/${m.id}`)).body).toMatchObject({ status: 'open', issued: 6 });
    expect((await a.get(`/api/meetings/${m.id}/supervisors`)).body.supervisors).toEqual([]);
    // B cannot add themselves either, to A's meeting or with A's meeting id in another route.
    expect((await b.post(`/api/meetings/${m.id}/supervisors`, { userId: other.id })).status).toBe(404);

    const added = await a.post(`/api/meetings/${m.id}/supervisors`, { userId: other.id });
    expect(added.status).toBe(200);
    expect(added.body.supervisors).toEqual([{ id: other.id, name: '监督员乙' }]);
    expect((await b.get('/api/meetings')).body.meetings.map((x: { id: string }) => x.id)).toContain(m.id);
    expect((await b.get('/staff/meetings')).text).toContain(m.id);
    for (const r of routes) {
      const line = `${r.method} ${r.path}`;
      const s = await status(other.key, r.method, fill(r.path));
      expect([401, 404], `${line} as supervisor B once added`).not.toContain(s);
      if (OWNER_ONLY.test(line)) expect(s, `${line} as co-supervisor B`).toBe(403);
      else expect(s, `${line} as supervisor B once added`).not.toBe(403);
    }
    console.log(`hardening: ${routes.length} meeting routes and pages checked for the wrong supervisor`);
  });

  it('co-supervisors: only a supervisor account can be added (400), adding twice changes nothing, the creator stays, removing takes the meeting away again', async () => {
    const a = client(target.url, keys.supervisor);
    const b = client(target.url, other.key);
    const admin = client(target.url, keys.admin);
    const m = await newMeeting(a, { title: '甲的第二场', eligible: 6, subjects: [{ name: '支部' }] });
    const scorerId = (await admin.get('/api/users')).body.users.find((u: { role: string }) => u.role === 'scorer').id;
    for (const userId of [scorerId, 'no-such-user']) {
      const res = await a.post(`/api/meetings/${m.id}/supervisors`, { userId });
      expect(res.status).toBe(400);
      expect(res.body.error.code).toBe('invalid_supervisor');
    }
    // An admin acts on every meeting, and may add supervisors to it.
    expect((await admin.post(`/api/meetings/${m.id}/supervisors`, { userId: other.id })).status).toBe(200);
    const again = await a.post(`/api/meetings/${m.id}/supervisors`, { userId: other.id });
    expect(again.body.supervisors).toHaveLength(1);
    const audit = (await a.get(`/api/meetings/${m.id}/audit`)).body;
    expect(audit.events.filter((e: { type: string }) => e.type === 'supervisor_added')).toHaveLength(1);
    expect(audit.verified).toBe(true);
    expect((await b.get(`/api/meetings/${m.id}`)).status).toBe(200);
    const creatorId = (await admin.get('/api/users')).body.users.find((u: { name: string }) => u.name === '监督员').id;
    expect((await a.call('DELETE', `/api/meetings/${m.id}/supervisors/${creatorId}`)).status).toBe(409);
    const removed = await a.call('DELETE', `/api/meetings/${m.id}/supervisors/${other.id}`);
    expect(removed.status).toBe(200);
    expect(removed.body.supervisors).toEqual([]);
    expect((await b.get(`/api/meetings/${m.id}`)).status).toBe(404);
    expect((await admin.get(`/api/meetings/${m.id}`)).status).toBe(200);
  });
});
