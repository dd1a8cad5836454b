import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { upload } from '../api/scoring-kit';
import { startNodeTarget } from '../helpers/node-target';
import { allGraded, issue, newMeeting } from '../helpers/scenario';
import { client, type Client } from '../helpers/target';

/** Names every plain JavaScript object already answers to, and what they grow into. */
const BASE = ['__proto__', 'constructor', 'toString', 'hasOwnProperty', 'valueOf', 'isPrototypeOf', '__defineGetter__', 'prototype'];
const NAMES = [...BASE, ...BASE.map((n) => `${n}.${n}`), 'constructor.prototype', '__proto__.toString'];

interface Probe {
  what: string;
  send: (name: string) => Promise<{ status: number; text: string }>;
}

describe('prototype names on every route that takes a name: 4xx or a normal answer, never 500', () => {
  let target: Awaited<ReturnType<typeof startNodeTarget>>;
  let admin: Client;
  let scorer: Client;
  let scorerKey: string;
  let open: { id: string; subjects: string[] };
  let tokens: string[];

  beforeAll(async () => {
    target = await startNodeTarget({ throttleLimit: 1_000_000 });
    admin = client(target.url, target.adminKey);
    scorerKey = (await admin.post('/api/users', { name: '考评员', role: 'scorer' })).body.key;
    scorer = client(target.url, scorerKey);
    open = await newMeeting(admin, { title: '原型名', categories: [{ key: 'party', label: '党员', eligible: 400 }], subjects: [{ name: '支部' }] });
    tokens = await issue(admin, open.id, 400, 'party');
    await admin.post(`/api/meetings/${open.id}/open`);
  });
  afterAll(() => target?.stop());

  const meeting = (patch: Record<string, unknown>) => admin.post('/api/meetings', { title: 't', eligible: 5, subjects: [{ name: '支部' }], ...patch });
  const page = (path: string) => fetch(target.url + path, { headers: { authorization: `Bearer ${scorerKey}` } }).then(async (r) => ({ status: r.status, text: await r.text() }));
  const enc = encodeURIComponent;
  const weighted = (name: string) => ({ weights: { [name]: 1 }, bands: [{ min: 60, grade: '合格' }], lowest: '不合格' });
  let next = 0;

  const probes: Probe[] = [
    { what: 'meeting rule preset', send: (n) => meeting({ rule: n }) },
    { what: 'meeting categoryQuorum key', send: (n) => meeting({ categories: [{ key: 'a', eligible: 5 }], rule: { categoryQuorum: { [n]: { num: 1, den: 2 } } } }) },
    { what: 'meeting categoryQuorum of', send: (n) => meeting({ categories: [{ key: 'a', eligible: 5 }], rule: { categoryQuorum: { a: { num: 1, den: 2, of: n } } } }) },
    { what: 'meeting category key', send: (n) => meeting({ eligible: undefined, categories: [{ key: n, eligible: 5 }] }) },
    { what: 'meeting subject name', send: (n) => meeting({ subjects: [{ name: n, kind: n }] }) },
    { what: 'meeting id in path', send: (n) => admin.get(`/api/meetings/${enc(n)}`) },
    { what: 'turnout of a meeting id', send: (n) => admin.get(`/api/meetings/${enc(n)}/turnout`) },
    { what: 'token category', send: (n) => admin.post(`/api/meetings/${open.id}/tokens`, { count: 1, category: n }) },
    { what: 'ballot choices key', send: (n) => client(target.url).post('/api/ballots', { token: tokens[next++], choices: { ...allGraded(open.subjects, 'satisfied'), [n]: 'satisfied' } }) },
    { what: 'ballot choices grade', send: (n) => client(target.url).post('/api/ballots', { token: tokens[next++], choices: allGraded(open.subjects, n as never) }) },
    { what: 'ballot choices only', send: (n) => client(target.url).post('/api/ballots', { token: tokens[next++], choices: JSON.parse(`{"${n}": "satisfied"}`) }) },
    { what: 'ballot token', send: (n) => client(target.url).post('/api/ballots', { token: n, choices: {} }) },
    { what: 'ballot page token', send: (n) => client(target.url).get(`/b/${enc(n)}`) },
    { what: 'ballot page form field', send: (n) => fetch(`${target.url}/b/${tokens[next++]}`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: `${enc(n)}=satisfied&${enc(`g_${n}`)}=x` }).then(async (r) => ({ status: r.status, text: await r.text() })) },
    { what: 'ballot page lang', send: (n) => client(target.url).get(`/b/${tokens[0]}?lang=${enc(n)}`, { 'accept-language': n }) },
    { what: 'asset name', send: (n) => client(target.url).get(`/assets/${enc(n)}`) },
    { what: 'notice id', send: (n) => client(target.url).get(`/notice/${enc(n)}`) },
    { what: 'scoring run rule', send: (n) => scorer.post('/api/scoring/run', { rule: n, rows: [] }) },
    { what: 'scoring run params key', send: (n) => scorer.post('/api/scoring/run', { rule: 'star-rating', params: JSON.parse(`{"${n}": 1}`), rows: [] }) },
    { what: 'scoring run weight name', send: (n) => scorer.post('/api/scoring/run', { rule: 'weighted', params: weighted(n), rows: [{ id: 1, [n]: 80 }] }) },
    { what: 'scoring run weight name, row without it', send: (n) => scorer.post('/api/scoring/run', { rule: 'weighted', params: weighted(n), rows: [{ id: 1 }] }) },
    { what: 'scoring run row field', send: (n) => scorer.post('/api/scoring/run', { rule: 'star-rating', rows: [JSON.parse(`{"id": 1, "base": 80, "bonus": 0, "deductions": 0, "review": 80, "${n}": 1}`)] }) },
    { what: 'scoring run quota key', send: (n) => scorer.post('/api/scoring/run', { rule: 'star-rating', params: { quotas: { [n]: { max: 0.3 } } }, rows: [{ id: 1, base: 80, bonus: 0, deductions: 0, review: 80 }] }) },
    { what: 'scoring run band grade', send: (n) => scorer.post('/api/scoring/run', { rule: 'upgrade-composite', params: { bands: [{ min: 90, grade: n }] }, rows: [{ id: 1, self: 90, superior: 90, satisfaction: 0.9 }] }) },
    { what: 'scoring template file', send: (n) => page(`/api/scoring/templates/${enc(n)}.xlsx`) },
    { what: 'scoring template weight name', send: (n) => page(`/api/scoring/templates/weighted.csv?params=${enc(JSON.stringify(weighted(n)))}`) },
    { what: 'scoring upload rule', send: (n) => upload(target.url, scorerKey, { bytes: '编号 (id)\r\n1', name: 's.csv', fields: { rule: n } }) },
    { what: 'scoring upload header', send: (n) => upload(target.url, scorerKey, { bytes: `编号 (id),${n},(${n})\r\n1,2,3`, name: 's.csv', fields: { rule: 'star-rating' } }) },
    { what: 'scoring upload weight column', send: (n) => upload(target.url, scorerKey, { bytes: `编号 (id),${n}\r\n1,80`, name: 's.csv', fields: { rule: 'weighted', params: JSON.stringify(weighted(n)) } }) },
    { what: 'scorer page rule', send: (n) => page(`/staff/scoring?rule=${enc(n)}`) },
    { what: 'scorer page params field', send: (n) => fetch(`${target.url}/staff/scoring/upload`, { method: 'POST', headers: { authorization: `Bearer ${scorerKey}`, 'content-type': 'application/x-www-form-urlencoded' }, body: `rule=weighted&${enc(`p.${n}`)}=1&${enc(`p.weights.${n}`)}=1` }).then(async (r) => ({ status: r.status, text: await r.text() })) },
    { what: 'user role', send: (n) => admin.post('/api/users', { name: 'x', role: n }) },
  ];

  it(`${probes.length} routes × ${NAMES.length} names`, async () => {
    const failures: string[] = [];
    const statuses = new Map<number, number>();
    for (const p of probes) {
      for (const n of NAMES) {
        const r = await p.send(n);
        statuses.set(r.status, (statuses.get(r.status) ?? 0) + 1);
        if (r.status >= 500) failures.push(`${p.what} “${n}” → ${r.status} ${r.text.slice(0, 160)}`);
      }
    }
    console.log(`prototype names: ${probes.length * NAMES.length} requests, statuses ${JSON.stringify(Object.fromEntries(statuses))}`);
    expect(failures).toEqual([]);
    expect((await client(target.url).get('/healthz')).status).toBe(200);
  });

  it('a category named like a prototype member is an ordinary category: issued, voted, counted, published', async () => {
    for (const key of BASE) {
      const m = await newMeeting(admin, {
        title: `类别 ${key}`,
        categories: [{ key, label: key, eligible: 5 }, { key: 'rep', label: '代表', eligible: 5 }],
        rule: { categoryQuorum: { [key]: { num: 1, den: 2 } } },
        subjects: [{ name: key }, { name: '支部' }],
      });
      const slips = await issue(admin, m.id, 5, key);
      expect((await admin.post(`/api/meetings/${m.id}/open`)).status).toBe(200);
      for (const t of slips) expect((await client(target.url).post('/api/ballots', { token: t, choices: allGraded(m.subjects, 'satisfied') })).status, key).toBe(201);
      const turnout = await admin.get(`/api/meetings/${m.id}/turnout`);
      expect(turnout.status, key).toBe(200);
      expect(turnout.body.categories.map((c: { key: string; cast: number }) => [c.key, c.cast])).toEqual([[key, 5], ['rep', 0]]);
      expect((await admin.post(`/api/meetings/${m.id}/close`)).status).toBe(200);
      const results = await admin.get(`/api/meetings/${m.id}/results`);
      expect(results.status, key).toBe(200);
      expect(results.body.cast).toBe(5);
      expect(results.body.subjects.map((s: { counts: { satisfied: number } }) => s.counts.satisfied)).toEqual([5, 5]);
      for (const path of [`/api/meetings/${m.id}/results.csv`, `/api/meetings/${m.id}/results.xlsx`, `/api/meetings/${m.id}/audit`]) {
        expect((await admin.get(path)).status, `${key} ${path}`).toBe(200);
      }
      expect((await client(target.url).get(`/notice/${m.id}`)).status, key).toBe(200);
    }
  });

  it('a preset named like a prototype member is unknown, with the list of real ones', async () => {
    for (const n of BASE) {
      const r = await meeting({ rule: n });
      expect(r.status, n).toBe(400);
      expect(r.body.error.code).toBe('invalid_rule');
    }
    expect((await client(target.url).get('/assets/__proto__')).status).toBe(404);
    expect((await client(target.url).get('/assets/constructor')).status).toBe(404);
  });
});
