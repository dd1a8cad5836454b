import fc from 'fast-check';
import { Agent } from 'node:http';
import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startNodeTarget } from '../helpers/node-target';
import { allGraded, issue, newMeeting } from '../helpers/scenario';
import { client } from '../helpers/target';
import { send, type RawRequest } from './raw-http';
import { fillPath, routeTable, type RouteEntry } from './routes';

// FUZZ_RUNS=30000 for a deeper run by hand; the suite stays bounded.
const RUNS = Number(process.env.FUZZ_RUNS ?? 3000);

/** Every byte percent-encoded except the unreserved ones: any string becomes a sendable path. */
const enc = (s: string) => [...Buffer.from(s)].map((b) => (/[A-Za-z0-9._~-]/.test(String.fromCharCode(b)) ? String.fromCharCode(b) : `%${b.toString(16).padStart(2, '0')}`)).join('');

const TRICKS = ['..%2f', '..%2F..%2Fminping.db', '%2e%2e', '%2e%2e%2f%2e%2e', '..', '.', '%00', 'a%00b', '%ff', '%', '%zz', '%c0%ae%c0%ae', '%2f', '%5c..%5c', 'x%0d%0aSet-Cookie:%20a=b', '%E2%80%AE', '%F0%9F%98%80', '?', '??a=%', '#x', ';x=1', '%u002e', '', '//', '%20', '+', '__proto__', 'constructor', 'toString', 'hasOwnProperty', 'valueOf', '__proto__.json', 'constructor.xlsx'];
const GRADEISH = ['very_satisfied', 'satisfied', 'basically_satisfied', 'dissatisfied', 'VERY_SATISFIED', '满意', '', 0, 1, 4, null, true, [], {}, '__proto__', 'toString'];
const CONTENT_TYPES = ['application/json', 'application/json; charset=utf-8', 'application/json; charset=gbk', 'text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', 'multipart/form-data', 'application/octet-stream', '', ';;;', 'application/json; boundary="'];

describe('fuzzing every route over real HTTP', () => {
  let target: Awaited<ReturnType<typeof startNodeTarget>>;
  const agent = new Agent({ keepAlive: true, maxSockets: 4 });
  const fixtures = { keys: [] as string[], ids: [] as string[], subjects: [] as string[], tokens: [] as string[] };

  beforeAll(async () => {
    // No throttling here: the point is to reach every handler, not to be told to wait.
    target = await startNodeTarget({ throttleLimit: 1_000_000_000 });
    const admin = client(target.url, target.adminKey);
    const sup = (await admin.post('/api/users', { name: '监督员', role: 'supervisor' })).body.key;
    const sco = (await admin.post('/api/users', { name: '考评员', role: 'scorer' })).body.key;
    const open = await newMeeting(admin, { title: '进行中', eligible: 300, subjects: [{ name: '支部' }, { name: '书记' }] });
    const closed = await newMeeting(admin, {
      title: '已结束',
      categories: [{ key: 'party', label: '党员', eligible: 6 }, { key: 'rep', label: '代表', eligible: 6 }],
      subjects: [{ name: '支部' }],
    });
    const draft = await newMeeting(admin, { title: '草稿', eligible: 5, subjects: [{ name: '支部' }] });
    const closedSlips = await issue(admin, closed.id, 6, 'party');
    const tokens = await issue(admin, open.id, 300);
    await admin.post(`/api/meetings/${open.id}/open`);
    await admin.post(`/api/meetings/${closed.id}/open`);
    // Used slips of a closed meeting, with results to read: fuzzed requests meet every state.
    for (const t of closedSlips) await client(target.url).post('/api/ballots', { token: t, choices: allGraded(closed.subjects, 'satisfied') });
    await admin.post(`/api/meetings/${closed.id}/close`);
    Object.assign(fixtures, { keys: [target.adminKey, sup, sco], ids: [open.id, closed.id, draft.id], subjects: open.subjects, tokens: [...tokens, ...closedSlips] });
  });
  afterAll(async () => {
    agent.destroy();
    await target?.stop();
  });

  function requests(): fc.Arbitrary<RawRequest> {
    const routes = routeTable();
    const real = fc.constantFrom(...fixtures.ids, ...fixtures.subjects, ...fixtures.tokens.slice(0, 20), 'voter.css');
    // Mostly a value that exists, so requests get past the look-up and into the handler.
    const fitting = (param: string) =>
      param === 'token' ? fc.constantFrom(...fixtures.tokens) : param === 'name' ? fc.constantFrom('voter.css', 'voter.js', 'x') : fc.constantFrom(...fixtures.ids);
    const segment = fc.oneof(
      { weight: 4, arbitrary: real },
      { weight: 3, arbitrary: fc.string({ maxLength: 40 }).map(enc) },
      { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 20 }).map(enc) },
      { weight: 3, arbitrary: fc.constantFrom(...TRICKS) },
      { weight: 1, arbitrary: fc.nat({ max: 9000 }).map((n) => 'a'.repeat(n)) },
    );
    const route = fc.constantFrom(...routes);
    const params = (path: string) => (path.match(/:\w+/g) ?? []).map((p) => p.slice(1));
    const pathFor = (r: RouteEntry) =>
      fc.oneof(
        { weight: 8, arbitrary: fc.tuple(...params(r.path).map((p) => fc.oneof({ weight: 3, arbitrary: fitting(p) }, segment))).map((v) => fillPath(r.path, (_, i) => v[i])) },
        { weight: 2, arbitrary: segment.map((s) => fillPath(r.path, () => s)) },
        { weight: 2, arbitrary: fc.constantFrom(...TRICKS).map((t) => `${fillPath(r.path, () => fixtures.ids[0])}/${t}`) },
        { weight: 1, arbitrary: fc.array(segment, { maxLength: 6 }).map((s) => `/${s.join('/')}`) },
      );
    const anything = fc.oneof(fc.jsonValue(), fc.string({ unit: 'binary' }), fc.constantFrom(...GRADEISH));
    const numberish = fc.oneof(fc.integer({ min: -5, max: 400 }), fc.double(), fc.constantFrom(0, -1, 1.5, 1e308, 2 ** 53, 100_001, 1_000_001), fc.string(), fc.constant(null));
    const choices = fc.oneof(
      fc.dictionary(fc.constantFrom(...fixtures.subjects, 'x', '__proto__', 'constructor', 'toString', 'hasOwnProperty', 'valueOf'), fc.constantFrom(...GRADEISH)),
      fc.constant(allGraded(fixtures.subjects, 'satisfied')),
      anything,
    );
    const shaped = fc.oneof(
      fc.record({ token: fc.oneof(fc.constantFrom(...fixtures.tokens), anything), choices }, { requiredKeys: [] }),
      fc.record(
        {
          title: anything,
          organization: anything,
          eligible: numberish,
          subjects: fc.oneof(fc.array(fc.record({ name: anything, kind: anything }, { requiredKeys: [] }), { maxLength: 5 }), anything),
          categories: fc.oneof(fc.array(fc.record({ key: anything, label: anything, eligible: numberish }, { requiredKeys: [] }), { maxLength: 4 }), anything),
          rule: fc.oneof(
            fc.constantFrom('standard', 'strict-90', 'household-80', 'nope', '__proto__', 'constructor', 'toString', 'hasOwnProperty', 'valueOf'),
            fc.record({ satisfiedGrades: anything, quorum: fc.record({ num: numberish, den: numberish }), threshold: anything, minGroup: numberish, categoryQuorum: anything }, { requiredKeys: [] }),
          ),
        },
        { requiredKeys: [] },
      ),
      fc.record({ count: numberish, category: anything, format: fc.oneof(fc.constantFrom('json', 'html'), anything), layout: fc.oneof(fc.constantFrom('slip', 'paper'), anything) }, { requiredKeys: [] }),
      fc.record({ name: anything, role: fc.oneof(fc.constantFrom('admin', 'supervisor', 'scorer'), anything) }, { requiredKeys: [] }),
    );
    const body = fc.oneof(
      { weight: 2, arbitrary: fc.constant(undefined) },
      { weight: 6, arbitrary: shaped.map((v) => Buffer.from(JSON.stringify(v))) },
      { weight: 2, arbitrary: fc.jsonValue().map((v) => Buffer.from(JSON.stringify(v) ?? 'null')) },
      { weight: 2, arbitrary: fc.uint8Array({ maxLength: 3000 }).map((b) => Buffer.from(b)) },
      { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 500 }).map((s) => Buffer.from(s)) },
      { weight: 1, arbitrary: fc.dictionary(fc.string(), fc.string()).map((d) => Buffer.from(new URLSearchParams(d).toString())) },
      { weight: 1, arbitrary: shaped.map((v) => Buffer.from(JSON.stringify(v).slice(0, -1))) },
      { weight: 1, arbitrary: fc.nat({ max: 4000 }).map((n) => Buffer.from('['.repeat(n) + ']'.repeat(n))) },
      { weight: 1, arbitrary: fc.constantFrom(15 * 1024, 17 * 1024, 1024 * 1024 + 1).map((n) => Buffer.from(`{"token":"${'x'.repeat(n)}"}`)) },
    );
    const auth = fc.oneof(
      { weight: 2, arbitrary: fc.constant(undefined) },
      { weight: 5, arbitrary: fc.constantFrom(...fixtures.keys).map((k) => `Bearer ${k}`) },
      { weight: 2, arbitrary: fc.string({ maxLength: 60 }).map((s) => `Bearer ${s.replace(/[^\x21-\x7e]/g, 'x')}`) },
      { weight: 1, arbitrary: fc.constantFrom('Basic YWRtaW46YWRtaW4=', 'Bearer', 'bearer  ', `Bearer ${fixtures.keys[0]} extra`) },
    );
    // '' = the route's own method; now and then another one.
    const method = fc.oneof(
      { weight: 6, arbitrary: fc.constant('') },
      { weight: 1, arbitrary: fc.constantFrom('GET', 'POST', 'PUT', 'DELETE', 'PATCH', 'OPTIONS', 'HEAD') },
    );
    const request = route.chain((route) =>
      fc.record({ route: fc.constant(route), method, path: pathFor(route), body, auth, type: fc.option(fc.constantFrom(...CONTENT_TYPES)), chunked: fc.boolean() }),
    );
    return request.map((r) => {
      const m = r.method || r.route.method;
      const headers: Record<string, string> = {};
      if (r.auth) headers.authorization = r.auth;
      if (r.type !== null) headers['content-type'] = r.type;
      const hasBody = r.body && m !== 'GET' && m !== 'HEAD';
      return { method: m, path: r.path, headers, body: hasBody ? r.body : undefined, chunked: r.chunked };
    });
  }

  it(`answers ${RUNS} malformed requests with no 5xx and no dropped connection, and is healthy after`, async () => {
    let sent = 0;
    const statuses = new Map<number, number>();
    await fc.assert(
      fc.asyncProperty(requests(), async (req) => {
        const reply = await send(target.url, agent, req);
        sent++;
        statuses.set(reply.status, (statuses.get(reply.status) ?? 0) + 1);
        const what = `${req.method} ${req.path.slice(0, 200)}`;
        expect(reply.status, what).toBeLessThan(500);
        // 431: Node's own parser refused headers over 16 KB before the app saw anything.
        if (reply.status !== 431) expect(reply.headers['content-security-policy'], what).toBeTruthy();
        if (req.path.startsWith('/api') && req.method !== 'HEAD' && reply.status >= 400 && reply.status !== 431) {
          expect(typeof JSON.parse(reply.body).error.code).toBe('string');
        }
      }),
      { numRuns: RUNS, endOnFailure: true },
    );
    console.log(`fuzzing: ${sent} requests, statuses ${JSON.stringify(Object.fromEntries([...statuses].sort((a, b) => a[0] - b[0])))}`);

    expect((await client(target.url).get('/healthz')).status).toBe(200);
    const admin = client(target.url, target.adminKey);
    const m = await newMeeting(admin, { title: '模糊测试之后', eligible: 1, subjects: [{ name: '支部' }] });
    const [token] = await issue(admin, m.id, 1);
    await admin.post(`/api/meetings/${m.id}/open`);
    expect((await client(target.url).post('/api/ballots', { token, choices: allGraded(m.subjects, 'satisfied') })).status).toBe(201);
  });

  it('survives raw garbage on the socket: the parser refuses it, never a 5xx, the server lives on', async () => {
    const garbage = fc.sample(fc.uint8Array({ minLength: 1, maxLength: 2000 }), 40).map((b) => Buffer.from(b));
    garbage.push(Buffer.from('GET /api/meetings/\0 HTTP/1.1\r\nHost: x\r\n\r\n'), Buffer.from('POST /api/ballots HTTP/1.1\r\nContent-Length: -1\r\n\r\n'));
    garbage.push(Buffer.from('POST /api/ballots HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\nContent-Length: 5\r\n\r\nzz\r\n'));
    const { port } = new URL(target.url);
    for (const bytes of garbage) {
      const answer = await new Promise<string>((resolve) => {
        const socket = connect(Number(port), '127.0.0.1', () => socket.end(bytes));
        let got = '';
        socket.on('data', (d) => (got += d.toString('latin1')));
        socket.on('close', () => resolve(got));
        socket.on('error', () => resolve(got));
        socket.setTimeout(5000, () => socket.destroy());
      });
      const status = Number(answer.match(/^HTTP\/1\.[01] (\d{3})/)?.[1] ?? 0);
      expect(status).toBeLessThan(500);
    }
    expect((await client(target.url).get('/healthz')).status).toBe(200);
  });
});
