import { and, eq, sql } from 'drizzle-orm';
import type { BatchItem } from 'drizzle-orm/batch';
import { ballots, categories, meetings, subjects, tokens } from '../../db/schema';
import { chunk } from '../lib/chunk';
import { randomId } from '../lib/random';
import type { D1Db } from './d1-meetings';
import { categoryRoom, meetingRoom, spendable } from './guards';
import { CHANNEL_PLACEHOLDER, inKeyOrder, RECEIPT_PLACEHOLDER } from './slots';
import type { NewBallot } from './types';

/**
 * D1 refuses BEGIN, so each atomic step is one `db.batch`, which D1 runs as one transaction on
 * its single writer. A later statement cannot read an earlier one's result in JavaScript, so
 * it is guarded in SQL on `changes()`: the rows changed by the statement just before it.
 */
const previousChanged = (n: number) => sql`changes() = ${sql.raw(String(Math.trunc(n)))}`;

/**
 * Hashes travel as one JSON array parameter (D1 allows only 100 bound parameters). 1000 hashes
 * make ~67 KB, under D1's 100 KB statement limit even if parameters were counted in it.
 */
const TOKENS_PER_INSERT = 1000;

type Batch = [BatchItem<'sqlite'>, ...BatchItem<'sqlite'>[]];
const changesOf = (results: unknown[]) => results.map((r) => (r as D1Result).meta.changes);

/**
 * Spends the unused token of an open meeting and fills one random empty slot of its category in
 * place (slots.ts), in one batch; false when nothing happened. D1 gives no control of its WAL
 * or checkpoints, so there is no sealed phase here (see README, "What D1 cannot promise").
 */
export async function spendAndStore(db: D1Db, b: NewBallot): Promise<boolean> {
  // The token this very attempt spent: its receipt is random, so it pins the fill to this batch.
  const spentHere = sql`${tokens.hash} = ${b.tokenHash} and ${tokens.receipt} = ${b.receipt} and ${tokens.state} = 'used'`;
  // Any empty slot of the token's category, each as likely: the first one after a random point
  // would fill runs in the order votes came (see vacancies.js). D1 gives no page layout to
  // protect, so a scan of the category's slots is the price of a uniform pick.
  const vacant = sql`select ${ballots.id} from ${ballots} where ${ballots.meetingId} = ${b.meetingId} and ${ballots.category} = (select ${tokens.category} from ${tokens} where ${tokens.hash} = ${b.tokenHash}) and ${ballots.state} = 'vacant' order by random() limit 1`;
  const [spent, filled, appended] = changesOf(
    await db.batch([
      db.update(tokens).set({ state: 'used', receipt: b.receipt }).where(spendable(b.tokenHash, b.meetingId)),
      // Filled only if the UPDATE above spent the token: one random empty slot of the token's own category.
      db
        .update(ballots)
        .set({ state: 'filled', channel: b.channel, grades: b.grades })
        .where(
          sql`${previousChanged(1)} and exists (select 1 from ${tokens} where ${spentHere}) and ${ballots.meetingId} = ${b.meetingId} and ${ballots.id} = (${vacant}) and ${ballots.category} = (select ${tokens.category} from ${tokens} where ${tokens.hash} = ${b.tokenHash}) and ${ballots.state} = 'vacant'`,
        ),
      // No empty slot left (issuance writes one per slip, so only a bug gets here): a new row,
      // never a spent token without its ballot.
      db
        .insert(ballots)
        .select(
          sql`select ${b.id}, ${tokens.meetingId}, ${tokens.category}, 'filled', ${b.channel}, ${b.grades} from ${tokens} where ${spentHere} and ${previousChanged(0)} and not exists (select 1 from ${ballots} where ${ballots.meetingId} = ${b.meetingId} and ${ballots.id} = ${b.id})`,
        ),
    ]),
  );
  const stored = filled + appended;
  if (spent !== stored) throw new Error(`D1 batch broke spend-and-store: ${spent} token(s) spent, ${stored} ballot(s) stored`);
  return spent === 1;
}

/**
 * Raises the issued count under the roster check and inserts the hashes, all or nothing: the
 * first UPDATE is the roster check, and every later statement runs only if the one before it
 * changed the rows it should have, so a refused check inserts no token at all.
 */
export async function issueBatch(db: D1Db, meetingId: string, category: string, hashes: string[]): Promise<boolean> {
  const n = hashes.length;
  const steps: BatchItem<'sqlite'>[] = [];
  const expected: number[] = [];
  if (category) {
    steps.push(db.update(categories).set({ issued: sql`${categories.issued} + ${n}` }).where(categoryRoom(meetingId, category, n)));
    steps.push(db.update(meetings).set({ issued: sql`${meetings.issued} + ${n}` }).where(and(eq(meetings.id, meetingId), previousChanged(1))));
    expected.push(1, 1);
  } else {
    steps.push(db.update(meetings).set({ issued: sql`${meetings.issued} + ${n}` }).where(meetingRoom(meetingId, n)));
    expected.push(1);
  }
  // Each slip gets its row (with the receipt placeholder) and an empty ballot slot of its
  // category with a random id, both at their final sizes (slots.ts).
  for (const part of chunk(hashes, TOKENS_PER_INSERT)) {
    steps.push(
      db
        .insert(tokens)
        .select(sql`select value, ${meetingId}, ${category}, 'unused', ${RECEIPT_PLACEHOLDER} from json_each(${JSON.stringify(part)}) where ${previousChanged(expected.at(-1)!)}`),
    );
    expected.push(part.length);
    steps.push(
      db
        .insert(ballots)
        .select(
          sql`select value, ${meetingId}, ${category}, 'vacant', ${CHANNEL_PLACEHOLDER}, replace(hex(zeroblob((select count(*) from ${subjects} where ${subjects.meetingId} = ${meetingId}))), '00', '-') from json_each(${JSON.stringify(inKeyOrder(part.map(() => randomId())))}) where ${previousChanged(part.length)}`,
        ),
    );
    expected.push(part.length);
  }
  const changed = changesOf(await db.batch(steps as Batch));
  if (changed.every((c) => c === 0)) return false;
  if (changed.some((c, i) => c !== expected[i])) throw new Error(`D1 batch broke token issuance: changed ${changed} where ${expected} was due`);
  return true;
}
