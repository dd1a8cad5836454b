import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ballotBoxText } from '../../src/domain/anchor';
import { canonicalJson, eventHash, GENESIS_HASH, type AuditEvent } from '../../src/domain/audit';
import { hmacSha256Hex } from '../../src/lib/hmac';
import { nodeSha256 } from '../../src/runtime/node-platform';
import { closeAnchor } from '../../src/services/anchor';
import { SqliteStore } from '../../src/store/sqlite-store';
import { qrSvg } from '../../web/print/qr';
import { startNodeTarget } from '../helpers/node-target';
import { allGraded, issue, newMeeting, type GradeName } from '../helpers/scenario';
import { client, type Client } from '../helpers/target';
import { npmRun } from './run-script';

const VOTES: GradeName[] = ['very_satisfied', 'satisfied', 'satisfied', 'basically_satisfied', 'dissatisfied', 'dissatisfied'];

/** Results anchored outside the database: digests in the close event, the head hash on paper. */
describe('anchored results', () => {
  let target: Awaited<ReturnType<typeof startNodeTarget>>;
  let staff: Client;
  const verify = (...args: string[]) => npmRun('audit:verify', args, { MINPING_DB: target.dbFile });

  beforeAll(async () => {
    target = await startNodeTarget();
    staff = client(target.url, target.adminKey);
  });
  afterAll(() => target?.stop());

  /** A meeting voted on and closed; returns its id and the head hash its notice prints. */
  async function closedMeeting(title: string) {
    const m = await newMeeting(staff, { title, eligible: 8, subjects: [{ name: '村党支部' }, { name: '第一书记' }] });
    const tokens = await issue(staff, m.id, VOTES.length);
    await staff.post(`/api/meetings/${m.id}/open`);
    for (const [i, grade] of VOTES.entries()) expect((await client(target.url).post('/api/ballots', { token: tokens[i], choices: allGraded(m.subjects, grade) })).status).toBe(201);
    expect((await staff.post(`/api/meetings/${m.id}/close`)).status).toBe(200);
    const notice = await client(target.url).get(`/notice/${m.id}`);
    const printed = notice.text.match(/<p class="hash" id="head">\s*([0-9a-f]{64})\s*<\/p>/)?.[1];
    expect(printed).toBeDefined();
    return { id: m.id, printed: printed!, notice: notice.text };
  }

  const open = (readonly = false) => new Database(target.dbFile, { readonly });

  it('the close event records cast, a salted digest of the ballot box and the digest of the published results; the salt is in no event', async () => {
    const m = await closedMeeting('摘要');
    const audit = (await staff.get(`/api/meetings/${m.id}/audit`)).body;
    const close = audit.events.find((e: AuditEvent) => e.type === 'meeting_closed');
    expect(close.data).toMatchObject({ cast: 6, minGroup: 5, ballotsDigest: expect.stringMatching(/^[0-9a-f]{64}$/), resultsDigest: expect.stringMatching(/^[0-9a-f]{64}$/) });

    // The results digest is of exactly what GET /results publishes.
    const published = (await staff.get(`/api/meetings/${m.id}/results`)).body;
    expect(close.data.resultsDigest).toBe(nodeSha256(canonicalJson(published)));

    // The ballot digest is keyed with the meeting's own salt: unsalted, six ballots could be guessed.
    const db = open(true);
    const { ballot_salt: salt } = db.prepare('select ballot_salt from meetings where id = ?').get(m.id) as { ballot_salt: string };
    db.close();
    expect(salt).toMatch(/^[0-9a-f]{64}$/);
    expect(JSON.stringify(audit.events)).not.toContain(salt);
    expect((await staff.get(`/api/meetings/${m.id}`)).text).not.toContain(salt);
    const store = new SqliteStore(new Database(target.dbFile, { readonly: true }));
    const box = ballotBoxText(await store.ballots(m.id));
    await store.close();
    expect(close.data.ballotsDigest).toBe(await hmacSha256Hex(salt, box));
    expect(close.data.ballotsDigest).not.toBe(nodeSha256(box));
  });

  it('the public notice shows the head hash in full with a QR code of it, and an untouched meeting verifies against it (exit 0)', async () => {
    const m = await closedMeeting('公示哈希');
    const audit = (await staff.get(`/api/meetings/${m.id}/audit`)).body;
    expect(m.printed).toBe(audit.events.at(-1).hash);
    expect(m.notice).toContain(await qrSvg(m.printed));
    const res = await verify(m.id, '--head', m.printed);
    expect(res.code, res.stdout + res.stderr).toBe(0);
    expect(res.stdout).toMatch(new RegExp(`^ok\\s+${m.id}.*ballots and results match the close event.*printed head is the head`, 'm'));
  });

  it('a ballot rewritten in the file is caught by the digest in the close event: the API says not verified, the command exits 1', async () => {
    const m = await closedMeeting('改票');
    rewriteOneBallot(m.id);
    expect((await staff.get(`/api/meetings/${m.id}/audit`)).body).toMatchObject({
      verified: false,
      problems: [expect.stringContaining('选票摘要不符'), expect.stringContaining('结果摘要不符')],
    });
    const res = await verify(m.id);
    expect(res.code).toBe(1);
    expect(res.stdout).toMatch(new RegExp(`^BROKEN\\s+${m.id}`, 'm'));
    expect(res.stdout).toContain('库中的选票与“结束投票”事件记载的选票摘要不符');
  });

  it('the attacker rewrites a ballot and recomputes the digests and the whole chain: the file alone verifies, the printed head catches it (exit 1)', async () => {
    const m = await closedMeeting('改票并重算');
    rewriteOneBallot(m.id);
    await rechain(m.id);
    // Everything inside the file agrees again: that is why the head goes on paper.
    const inFile = await verify(m.id);
    expect(inFile.code, inFile.stdout).toBe(0);
    const res = await verify(m.id, '--head', m.printed);
    expect(res.code).toBe(1);
    expect(res.stdout).toContain(`打印的哈希 ${m.printed} 不在审计链中`);
  });

  it('a later event (a co-supervisor added after close) keeps the printed head valid and says so', async () => {
    const m = await closedMeeting('结束后加监督员');
    const sup = (await staff.post('/api/users', { name: '监督员丙', role: 'supervisor' })).body;
    expect((await staff.post(`/api/meetings/${m.id}/supervisors`, { userId: sup.id })).status).toBe(200);
    const res = await verify(m.id, '--head', m.printed);
    expect(res.code, res.stdout).toBe(0);
    expect(res.stdout).toContain('1 later event(s): supervisor_added');
  });

  it('--head takes one meeting and a 64-digit hex hash, else it is a usage error (exit 2)', async () => {
    const m = await closedMeeting('用法');
    expect((await verify(m.id, '--head', 'abc')).code).toBe(2);
    expect((await verify('--head', m.printed)).code).toBe(2);
  });

  /** Turns one 不满意 ballot into 很满意, straight in the file. */
  function rewriteOneBallot(meetingId: string) {
    const db = open();
    try {
      const row = db.prepare("select id, grades from ballots where meeting_id = ? and grades like '3%' limit 1").get(meetingId) as { id: string; grades: string };
      expect(db.prepare('update ballots set grades = ? where meeting_id = ? and id = ?').run('0'.repeat(row.grades.length), meetingId, row.id).changes).toBe(1);
    } finally {
      db.close();
    }
  }

  /** What an operator with the file would do next: new digests (the salt is in the file too), every hash redone. */
  async function rechain(meetingId: string) {
    const store = new SqliteStore(new Database(target.dbFile, { readonly: true }));
    const anchor = await closeAnchor({ store, config: { publicUrl: '' }, sha256: nodeSha256 }, (await store.getMeeting(meetingId))!);
    await store.close();
    const db = open();
    try {
      const rows = db.prepare('select * from audit_events where meeting_id = ? order by seq').all(meetingId) as Record<string, string & number>[];
      const put = db.prepare('update audit_events set data = ?, prev_hash = ?, hash = ? where meeting_id = ? and seq = ?');
      let prevHash = GENESIS_HASH;
      for (const r of rows) {
        const data = { ...JSON.parse(r.data), ...(r.type === 'meeting_closed' ? anchor : {}) };
        const hash = await eventHash({ meetingId, seq: r.seq, type: r.type as AuditEvent['type'], actor: r.actor, at: r.at, data, prevHash }, nodeSha256);
        put.run(JSON.stringify(data), prevHash, hash, meetingId, r.seq);
        prevHash = hash;
      }
    } finally {
      db.close();
    }
  }
});
