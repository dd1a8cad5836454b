import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resolveRule } from '../../src/domain/rule';
import { randomId } from '../../src/lib/random';
import type { NewMeeting, Store } from '../../src/store/types';

import type { OpenedStore } from './open-stores';

export type { OpenedStore };

export const hashes = (n: number) => Array.from({ length: n }, () => randomId(32));

/** A draft (or, with `status`, an open) meeting to store, one subject, room for 10. */
export function meeting(over: Partial<NewMeeting> = {}): NewMeeting {
  return {
    id: randomId(),
    title: '存储测试',
    organization: null,
    rule: resolveRule('standard'),
    status: 'draft',
    eligible: 10,
    categories: [],
    subjects: [{ id: randomId(8), name: '支部', kind: null }],
    createdBy: 'test',
    createdAt: new Date().toISOString(),
    ...over,
  };
}

/**
 * The guarantees of the one Store interface, checked on the store itself (below the services'
 * early checks, which a race can slip past): every implementation must pass the same suite.
 */
export function storeSuite(name: string, open: () => Promise<OpenedStore>) {
  describe(`the Store on ${name}`, () => {
    let opened: OpenedStore;
    let store: Store;
    beforeAll(async () => {
      opened = await open();
      store = opened.store;
    });
    afterAll(() => opened?.close());

    it('refuses tokens past the roster all or nothing, even when the hashes span several inserts', async () => {
      const m = meeting({ eligible: 2500 });
      await store.createMeeting(m);
      const first = hashes(1500);
      expect(await store.issueTokens(m.id, '', first)).toBe('issued');
      const refused = hashes(1001);
      expect(await store.issueTokens(m.id, '', refused)).toBe('over_roster');
      for (const h of [refused[0], refused[999], refused[1000]]) expect(await store.tokenByHash(h)).toBeNull();
      expect(await store.tokenByHash(first[1499])).toEqual({ meetingId: m.id, category: '', state: 'unused', receipt: null });
      expect((await store.getMeeting(m.id))!.issued).toBe(1500);
      expect(await store.issueTokens(m.id, '', hashes(1000))).toBe('issued');
      expect((await store.getMeeting(m.id))!.issued).toBe(2500);
    });

    it('a voided slip frees its place in its category and the meeting, once; voiding all unused frees them all', async () => {
      const m = meeting({ eligible: 5, categories: [{ key: 'party', label: '党员', eligible: 3 }, { key: 'rep', label: '代表', eligible: 2 }] });
      await store.createMeeting(m);
      const party = hashes(3);
      expect(await store.issueTokens(m.id, 'party', party)).toBe('issued');
      expect(await store.issueTokens(m.id, 'rep', hashes(2))).toBe('issued');
      expect(await store.voidToken(m.id, party[0])).toBe(true);
      expect(await store.voidToken(m.id, party[0])).toBe(false);
      const after = (await store.getMeeting(m.id))!;
      expect([after.issued, after.categories[0].issued, after.categories[1].issued]).toEqual([4, 2, 2]);
      expect(await store.issueTokens(m.id, 'party', hashes(1))).toBe('issued');
      expect(await store.voidUnused(m.id, 'rep')).toBe(2);
      const end = (await store.getMeeting(m.id))!;
      expect([end.issued, end.categories[0].issued, end.categories[1].issued]).toEqual([3, 3, 0]);
      expect(await store.slipCounts(m.id)).toEqual({ unused: 3, used: 0, void: 3 });
    });

    it('rewrites a draft whole only while it is that draft, and deletes only a draft', async () => {
      const m = meeting();
      await store.createMeeting(m);
      await store.ballotForm(m.subjects[0].id); // a draft's form is not remembered past an edit
      const subjects = [{ id: randomId(8), name: '新对象', kind: null }];
      const edit = { ...m, title: '改过', noticeDays: 10, contact: '电话', issuer: '某镇党委', categories: [], subjects, expectIssued: 0 };
      expect(await store.updateDraft({ ...edit, expectIssued: 1 })).toBe(false);
      expect(await store.updateDraft(edit)).toBe(true);
      expect(await store.getMeeting(m.id)).toMatchObject({ title: '改过', noticeDays: 10, issuer: '某镇党委', subjects });
      expect((await store.ballotForm(subjects[0].id))?.subjects).toEqual(subjects);
      expect(await store.ballotForm(m.subjects[0].id)).toBeNull();
      const open = meeting();
      await store.createMeeting(open);
      await store.setStatus(open.id, 'draft', 'open', new Date().toISOString());
      expect(await store.updateDraft({ ...open, noticeDays: 7, contact: null, issuer: null, categories: [], expectIssued: 0 })).toBe(false);
      expect(await store.deleteDraft(open.id)).toBe(false);
      expect(await store.deleteDraft(m.id)).toBe(true);
      expect(await store.getMeeting(m.id)).toBeNull();
    });

    it('counts a category roster on its own and in the meeting total', async () => {
      const m = meeting({ eligible: 5, categories: [{ key: 'party', label: '党员', eligible: 3 }, { key: 'rep', label: '代表', eligible: 2 }] });
      await store.createMeeting(m);
      expect(await store.issueTokens(m.id, 'party', hashes(3))).toBe('issued');
      const over = hashes(1);
      expect(await store.issueTokens(m.id, 'party', over)).toBe('over_roster');
      expect(await store.tokenByHash(over[0])).toBeNull();
      expect(await store.issueTokens(m.id, 'rep', hashes(2))).toBe('issued');
      const got = (await store.getMeeting(m.id))!;
      expect(got.issued).toBe(5);
      expect(got.categories.map((c) => [c.key, c.issued])).toEqual([['party', 3], ['rep', 2]]);
    });

    it('spends a token once, only while open, never a void one, and says why it refused', async () => {
      const m = meeting();
      await store.createMeeting(m);
      const [a, b, c] = hashes(3);
      await store.issueTokens(m.id, '', [a, b, c]);
      const ballot = (tokenHash: string, receipt = randomId(5)) => ({ tokenHash, meetingId: m.id, id: randomId(), channel: 'phone' as const, grades: '1', receipt });
      expect(await store.castBallot(ballot(randomId(32)))).toBe('unknown');
      expect(await store.castBallot(ballot(a))).toBe('not_open');
      expect(await store.voidToken(m.id, b)).toBe(true);
      expect(await store.setStatus(m.id, 'draft', 'open', new Date().toISOString())).toBe(true);
      expect(await store.castBallot(ballot(b))).toBe('void');
      expect(await store.castBallot(ballot(a, 'RECEIPT01'))).toBe('cast');
      expect(await store.castBallot(ballot(a))).toBe('used');
      expect(await store.tokenByHash(a)).toMatchObject({ state: 'used', receipt: 'RECEIPT01' });
      expect(await store.voidToken(m.id, a)).toBe(false);
      expect(await store.setStatus(m.id, 'open', 'closed', new Date().toISOString())).toBe(true);
      expect(await store.castBallot(ballot(c))).toBe('not_open');
      expect(await store.castCounts(m.id)).toEqual({ '': 1 });
      expect(await store.ballots(m.id)).toEqual([{ category: '', channel: 'phone', grades: '1', count: 1 }]);
      expect(await store.receipts(m.id)).toEqual(['RECEIPT01']);
    });

    it("stores a ballot under its token's own category, never spends a token for another meeting, and counts identical ballots together", async () => {
      const m = meeting({ status: 'open', eligible: 3, categories: [{ key: 'party', label: '党员', eligible: 2 }, { key: 'rep', label: '代表', eligible: 1 }] });
      const other = meeting({ status: 'open' });
      await store.createMeeting(m);
      await store.createMeeting(other);
      const [p, p2, r] = hashes(3);
      await store.issueTokens(m.id, 'party', [p, p2]);
      await store.issueTokens(m.id, 'rep', [r]);
      const ballot = (tokenHash: string, meetingId: string) => ({ tokenHash, meetingId, id: randomId(), channel: 'paper' as const, grades: '2', receipt: randomId(5) });
      expect(await store.castBallot(ballot(p, other.id))).toBe('unknown');
      expect(await store.tokenByHash(p)).toMatchObject({ state: 'unused', receipt: null });
      expect(await store.castBallot(ballot(p, m.id))).toBe('cast');
      expect(await store.castBallot(ballot(p2, m.id))).toBe('cast');
      expect(await store.castBallot(ballot(r, m.id))).toBe('cast');
      expect(await store.castCounts(m.id)).toEqual({ party: 2, rep: 1 });
      expect(await store.castCounts(other.id)).toEqual({});
      // Identical ballots come back counted together.
      const groups = (await store.ballots(m.id)).sort((a, b) => a.category.localeCompare(b.category));
      expect(groups).toEqual([
        { category: 'party', channel: 'paper', grades: '2', count: 2 },
        { category: 'rep', channel: 'paper', grades: '2', count: 1 },
      ]);
    });

    it('finds the ballot form of a meeting from any of its subjects, and nothing for an unknown one', async () => {
      const subjects = [
        { id: randomId(8), name: '第一书记', kind: 'cadre' },
        { id: randomId(8), name: '村委会', kind: null },
        { id: randomId(8), name: '支部', kind: null },
      ];
      const m = meeting({ subjects });
      await store.createMeeting(m);
      const form = { meetingId: m.id, subjects };
      expect(await store.ballotForm(subjects[2].id)).toEqual(form);
      expect(await store.ballotForm(subjects[0].id)).toEqual(form);
      expect(await store.ballotForm(randomId(8))).toBeNull();
    });

    it('stores one ballot for many simultaneous spends of one token', async () => {
      const m = meeting({ status: 'open' });
      await store.createMeeting(m);
      const [t] = hashes(1);
      await store.issueTokens(m.id, '', [t]);
      const outcomes = await Promise.all(
        Array.from({ length: 50 }, () => store.castBallot({ tokenHash: t, meetingId: m.id, id: randomId(), channel: 'phone', grades: '4', receipt: randomId(5) })),
      );
      expect(outcomes.filter((o) => o === 'cast')).toHaveLength(1);
      expect(outcomes.filter((o) => o === 'used')).toHaveLength(49);
      expect(await store.castCounts(m.id)).toEqual({ '': 1 });
    });

    it('lets only one writer take an audit sequence number', async () => {
      const m = meeting();
      await store.createMeeting(m);
      const event = { meetingId: m.id, seq: 1, type: 'meeting_created' as const, actor: 'test', at: new Date().toISOString(), data: { n: 1 }, prevHash: '0'.repeat(64), hash: randomId(32) };
      expect(await store.insertAuditEvent(event)).toBe(true);
      expect(await store.insertAuditEvent({ ...event, hash: randomId(32) })).toBe(false);
      expect(await store.auditEvents(m.id)).toEqual([event]);
      expect(await store.lastAuditEvent(m.id)).toEqual(event);
    });

    it('lists meetings newest first with their subjects, filtered by state', async () => {
      const older = meeting({ createdAt: '2020-01-01T00:00:00.000Z', subjects: Array.from({ length: 40 }, (_, i) => ({ id: randomId(8), name: `党员${i + 1}`, kind: 'member' })) });
      const newer = meeting({ createdAt: '2020-01-02T00:00:00.000Z', status: 'closed' });
      await store.createMeeting(older);
      await store.createMeeting(newer);
      const all = await store.listMeetings();
      const ids = all.map((x) => x.id);
      expect(ids.indexOf(newer.id)).toBeLessThan(ids.indexOf(older.id));
      expect(all.find((x) => x.id === older.id)!.subjects.map((s) => s.name)).toEqual(older.subjects.map((s) => s.name));
      expect((await store.listMeetings({ status: 'closed' })).map((x) => x.id)).toContain(newer.id);
      expect((await store.listMeetings({ status: 'closed' })).map((x) => x.id)).not.toContain(older.id);
    });
  });
}
