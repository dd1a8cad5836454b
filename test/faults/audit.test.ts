import Database from 'better-sqlite3';
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { canonicalJson } from '../../src/domain/audit';
import { startNodeTarget } from '../helpers/node-target';
import { allGraded, issue, newMeeting } from '../helpers/scenario';
import { client, type Client } from '../helpers/target';
import { npmRun } from './run-script';

interface Row {
  meeting_id: string;
  seq: number;
  type: string;
  actor: string;
  at: string;
  data: string;
  prev_hash: string;
  hash: string;
}

/** Tamperings someone with the file might try, each undone before the next. */
const TAMPERINGS: [string, (db: Database.Database, rows: Row[]) => void][] = [
  ["an event's data edited (2 slips issued → 1)", (db, r) => db.prepare('update audit_events set data = ? where meeting_id = ? and seq = 2').run(r[1].data.replace(/"count":\d+/, '"count":1'), r[1].meeting_id)],
  ["an event's type edited", (db, r) => db.prepare("update audit_events set type = 'token_voided' where meeting_id = ? and seq = 3").run(r[0].meeting_id)],
  ["an event's time edited", (db, r) => db.prepare('update audit_events set at = ? where meeting_id = ? and seq = 1').run('2020-01-01T00:00:00.000Z', r[0].meeting_id)],
  ['who acted, edited', (db, r) => db.prepare("update audit_events set actor = 'supervisor:someone' where meeting_id = ? and seq = 4").run(r[0].meeting_id)],
  ['an event in the middle deleted', (db, r) => db.prepare('delete from audit_events where meeting_id = ? and seq = 4').run(r[0].meeting_id)],
  ['the first event deleted', (db, r) => db.prepare('delete from audit_events where meeting_id = ? and seq = 1').run(r[0].meeting_id)],
  ['the last event (the close) deleted', (db, r) => db.prepare('delete from audit_events where meeting_id = ? and seq = ?').run(r[0].meeting_id, r.length)],
  ['the last three events deleted', (db, r) => db.prepare('delete from audit_events where meeting_id = ? and seq > ?').run(r[0].meeting_id, r.length - 3)],
  [
    'an edited event with its own hash recomputed',
    (db, r) => {
      const e = r[1];
      const data = JSON.parse(e.data);
      data.count = 1;
      const body = canonicalJson({ meetingId: e.meeting_id, seq: e.seq, type: e.type, actor: e.actor, at: e.at, data });
      const hash = createHash('sha256').update(e.prev_hash + body).digest('hex');
      db.prepare('update audit_events set data = ?, hash = ? where meeting_id = ? and seq = 2').run(JSON.stringify(data), hash, e.meeting_id);
    },
  ],
];

describe('verifying the audit trail', () => {
  let target: Awaited<ReturnType<typeof startNodeTarget>>;
  let staff: Client;
  let meetingId: string;
  let original: Row[];
  const verify = (...ids: string[]) => npmRun('audit:verify', ids, { MINPING_DB: target.dbFile });

  beforeAll(async () => {
    target = await startNodeTarget();
    staff = client(target.url, target.adminKey);
    // created, issued ×2, opened, voided, paper keyed in, closed: one of each kind of event.
    const m = await newMeeting(staff, { title: '审计链', eligible: 6, subjects: [{ name: '支部' }] });
    meetingId = m.id;
    const tokens = [...(await issue(staff, m.id, 2)), ...(await issue(staff, m.id, 3))];
    await staff.post(`/api/meetings/${m.id}/open`);
    await staff.post(`/api/meetings/${m.id}/tokens/void`, { token: tokens[0] });
    await staff.post(`/api/meetings/${m.id}/paper-ballots`, { token: tokens[1], choices: allGraded(m.subjects, 'satisfied') });
    await client(target.url).post('/api/ballots', { token: tokens[2], choices: allGraded(m.subjects, 'dissatisfied') });
    await staff.post(`/api/meetings/${m.id}/close`);
    const db = new Database(target.dbFile, { readonly: true });
    original = db.prepare('select * from audit_events where meeting_id = ? order by seq').all(m.id) as Row[];
    db.close();
  });
  afterAll(() => target?.stop());

  it('an untouched trail verifies, by the API and by npm run audit:verify', async () => {
    expect(original.map((r) => r.type)).toEqual(['meeting_created', 'tokens_issued', 'tokens_issued', 'meeting_opened', 'token_voided', 'paper_ballot_keyed', 'meeting_closed']);
    const audit = (await staff.get(`/api/meetings/${meetingId}/audit`)).body;
    expect(audit).toMatchObject({ verified: true, brokenAt: null, problems: [] });
    const cli = await verify(meetingId);
    expect(cli.code, cli.stdout + cli.stderr).toBe(0);
    expect(cli.stdout).toMatch(new RegExp(`^ok\\s+${meetingId}`, 'm'));
    const all = await verify();
    expect(all.code).toBe(0);
    expect(all.stdout).toContain('0 broken');
  });

  for (const [what, tamper] of TAMPERINGS) {
    it(`tampering (${what}) is caught: verified false by the API, exit 1 from the command`, async () => {
      const db = new Database(target.dbFile);
      try {
        tamper(db, original);
        const audit = (await staff.get(`/api/meetings/${meetingId}/audit`)).body;
        expect(audit.verified).toBe(false);
        expect(audit.problems.length).toBeGreaterThan(0);
        const cli = await verify(meetingId);
        expect(cli.code).toBe(1);
        expect(cli.stdout).toMatch(new RegExp(`^BROKEN\\s+${meetingId}`, 'm'));
      } finally {
        db.prepare('delete from audit_events where meeting_id = ?').run(meetingId);
        const put = db.prepare('insert into audit_events values (@meeting_id, @seq, @type, @actor, @at, @data, @prev_hash, @hash)');
        for (const r of original) put.run(r);
        db.close();
      }
      expect((await staff.get(`/api/meetings/${meetingId}/audit`)).body.verified).toBe(true);
    });
  }

  it('an unknown meeting id is a usage error (exit 2), not a pass', async () => {
    const res = await verify('no-such-meeting');
    expect(res.code).toBe(2);
    expect(res.stderr).toContain('没有编号为 no-such-meeting 的测评会');
  });
});
