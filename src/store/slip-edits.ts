import { and, eq, sql, type SQL } from 'drizzle-orm';
import { ballots, categories, meetingSupervisors, meetings, subjects, tokens } from '../../db/schema';
import { gradesPlaceholder } from './slots';
import type { AnyDb } from './rows';
import type { DraftEdit, SlipCounts } from './types';

/**
 * Writes that free roster places or rewrite a draft, as lists of statements shared by both
 * stores: SQLite runs a list in one transaction, D1 as one batch (also one transaction). A
 * statement cannot see an earlier one's result in JavaScript, so each is guarded in SQL:
 * `changes()` (the rows the statement just before changed) or a state every statement checks.
 */
const previousChanged = sql`changes() = 1`;

/** Void one unused slip and give its place back to its category and the meeting. First statement's changes: 1 or 0. */
export function voidSlipStatements(db: AnyDb, meetingId: string, hash: string) {
  return [
    db.update(tokens).set({ state: 'void' }).where(and(eq(tokens.hash, hash), eq(tokens.meetingId, meetingId), eq(tokens.state, 'unused'))),
    db.update(meetings).set({ issued: sql`${meetings.issued} - 1` }).where(and(eq(meetings.id, meetingId), previousChanged)),
    db
      .update(categories)
      .set({ issued: sql`${categories.issued} - 1` })
      .where(and(eq(categories.meetingId, meetingId), sql`${categories.key} = (select ${tokens.category} from ${tokens} where ${tokens.hash} = ${hash})`, previousChanged)),
  ];
}

/** Void every unused slip of the meeting (or one category): a lost or unprinted sheet. Last statement's changes: how many. */
export function voidUnusedStatements(db: AnyDb, meetingId: string, category: string | null) {
  const unused = (extra?: SQL) =>
    sql`(select count(*) from ${tokens} where ${tokens.meetingId} = ${meetingId} and ${tokens.state} = 'unused'${extra ? sql` and ${extra}` : sql``})`;
  const ofCategory = category === null ? undefined : eq(tokens.category, category);
  return [
    db
      .update(categories)
      .set({ issued: sql`${categories.issued} - ${unused(sql`${tokens.category} = ${categories.key}`)}` })
      .where(and(eq(categories.meetingId, meetingId), category === null ? undefined : eq(categories.key, category))),
    db.update(meetings).set({ issued: sql`${meetings.issued} - ${unused(ofCategory)}` }).where(eq(meetings.id, meetingId)),
    db.update(tokens).set({ state: 'void' }).where(and(eq(tokens.meetingId, meetingId), eq(tokens.state, 'unused'), ofCategory)),
  ];
}

/** Slips of a meeting by state: one grouped read over the tokens' meeting index. */
export async function selectSlipCounts(db: AnyDb, meetingId: string): Promise<SlipCounts> {
  const rows = await db
    .select({ state: tokens.state, n: sql<number>`count(*)` })
    .from(tokens)
    .where(eq(tokens.meetingId, meetingId))
    .groupBy(tokens.state);
  const by = Object.fromEntries(rows.map((r) => [r.state, r.n]));
  return { unused: by.unused ?? 0, used: by.used ?? 0, void: by.void ?? 0 };
}

/** Still a draft with exactly the slips the edit was checked against: every statement re-checks it. */
const stillDraft = (id: string, issued: number) =>
  sql`exists (select 1 from ${meetings} where ${meetings.id} = ${id} and ${meetings.status} = 'draft' and ${meetings.issued} = ${issued})`;

/** Rewrite a draft: its fields, roster and subjects, all or nothing. First statement's changes: 1, or 0 when no longer that draft. */
export function draftEditStatements(db: AnyDb, e: DraftEdit) {
  const guard = stillDraft(e.id, e.expectIssued);
  // Rows travel as one JSON parameter each (D1 allows 100 bound parameters a statement).
  const cats = JSON.stringify(e.categories.map((c, i) => [c.key, c.label, i, c.eligible, c.issued]));
  const subs = JSON.stringify(e.subjects.map((s, i) => [s.id, i, s.name, s.kind, s.entryId ?? null]));
  const col = (i: number) => sql.raw(`json_extract(value, '$[${i}]')`);
  return [
    db
      .update(meetings)
      .set({ title: e.title, organization: e.organization, rule: e.rule, eligible: e.eligible, noticeDays: e.noticeDays, contact: e.contact, issuer: e.issuer })
      .where(and(eq(meetings.id, e.id), eq(meetings.status, 'draft'), eq(meetings.issued, e.expectIssued))),
    db.delete(categories).where(and(eq(categories.meetingId, e.id), guard)),
    db.delete(subjects).where(and(eq(subjects.meetingId, e.id), guard)),
    // Column order as in db/schema.ts: meeting_id, key, label, position, eligible, issued.
    db.insert(categories).select(sql`select ${e.id}, ${col(0)}, ${col(1)}, ${col(2)}, ${col(3)}, ${col(4)} from json_each(${cats}) where ${guard}`),
    // id, meeting_id, position, name, kind, entry_id.
    db.insert(subjects).select(sql`select ${col(0)}, ${e.id}, ${col(1)}, ${col(2)}, ${col(3)}, ${col(4)} from json_each(${subs}) where ${guard}`),
    // The empty ballot slots of slips already issued keep the length a filled one will have (slots.ts).
    db
      .update(ballots)
      .set({ grades: gradesPlaceholder(e.subjects.length) })
      .where(and(eq(ballots.meetingId, e.id), eq(ballots.state, 'vacant'), guard)),
  ];
}

/**
 * Delete a draft with its roster, subjects, slips and co-supervisors. Its audit trail stays (append-only),
 * ending with the deletion. Last statement's changes: 1, or 0 when it was no draft.
 */
export function draftDeleteStatements(db: AnyDb, id: string) {
  const draft = sql`exists (select 1 from ${meetings} where ${meetings.id} = ${id} and ${meetings.status} = 'draft')`;
  return [
    db.delete(tokens).where(and(eq(tokens.meetingId, id), draft)),
    // A draft's ballot rows are the empty slots of its slips (slots.ts): none holds a vote.
    db.delete(ballots).where(and(eq(ballots.meetingId, id), draft)),
    db.delete(categories).where(and(eq(categories.meetingId, id), draft)),
    db.delete(subjects).where(and(eq(subjects.meetingId, id), draft)),
    db.delete(meetingSupervisors).where(and(eq(meetingSupervisors.meetingId, id), draft)),
    db.delete(meetings).where(and(eq(meetings.id, id), eq(meetings.status, 'draft'))),
  ];
}
