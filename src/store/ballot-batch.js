// Plain JavaScript, so the writer thread loads it with no TypeScript loader (under tsx, vitest
// or bare node alike); the main thread runs the same code for in-memory databases.
import { Vacancies } from './vacancies.js';

/**
 * Writes ballot batches. Each ballot spends its token with the conditional UPDATE … RETURNING
 * the token's category (no row: used, void, unknown, another meeting's, or meeting not open)
 * and fills an empty slot of that category, drawn uniformly (vacancies.js), in place (slots.ts).
 * Each ballot runs in its own savepoint, so one that throws rolls back alone.
 *
 * `cast` spends and fills in one commit (the in-memory store: no files to copy).
 *
 * `step` is the writer thread's: it writes a vote in two commits, so that no single copy of the
 * files pairs a slip with what it chose, even one taken between the two:
 * - A: spend each token and fill its slot 'sealed', the grades one-time padded digit by digit
 *   ((digit + pad) mod 10, the pad drawn here and never stored);
 * - then the caller empties the WAL (a truncating checkpoint), so A's commit — the only record
 *   pairing a token's page with its slot's — leaves no frame behind;
 * - B: each sealed slot rewritten in place with its plain grades, 'filled'; only then is the
 *   batch answered.
 * A copy taken inside the window pairs slips with slots whose grades are noise; one taken after
 * B sees grades in rows that keep no history of who filled them. One `step` commits B of the
 * batch before (`opening`, sealed and checkpointed) together with A of the next: a commit then
 * holds plain grades only for slots whose pairing has already left the WAL.
 */
export function ballotWriter(db, queries) {
  const spend = statement(db, queries.spend);
  const fill = statement(db, queries.fill);
  const append = statement(db, queries.append);
  const vacancies = new Vacancies(statement(db, queries.vacantIds), db.memory ? null : statement(db, queries.stamp));

  const place = (ballot, category, state, grades) => {
    const at = { meetingId: ballot.meetingId, category };
    const slot = vacancies.take(at);
    if (slot) {
      const changed = fill.run({ ...at, slot, from: 'vacant', state, channel: ballot.channel, grades }).changes;
      if (changed !== 1) throw new Error(`ballot slot not filled (${changed} rows)`);
      return { ...at, slot };
    }
    // No empty slot (should not happen: issuance writes one per slip): a new row, never a lost vote.
    append.run({ ...at, slot: ballot.id, state, channel: ballot.channel, grades });
    return { ...at, slot: ballot.id };
  };

  const one = db.transaction((ballot, seals) => {
    const token = spend.get(ballot);
    if (!token) return false;
    if (!seals) {
      place(ballot, token.category, 'filled', ballot.grades);
      return true;
    }
    const at = place(ballot, token.category, 'sealed', padded(ballot.grades));
    seals.push({ ...at, channel: ballot.channel, grades: ballot.grades });
    return true;
  });
  const each = (ballots, seals) =>
    ballots.map((ballot) => {
      try {
        return one(ballot, seals);
      } catch (err) {
        vacancies.forget();
        // Some errors (disk full, I/O) make SQLite roll back the whole transaction: then
        // nothing of the batch stands, and every caller must hear so.
        if (!db.inTransaction) throw err;
        return err instanceof Error ? err : new Error(String(err));
      }
    });
  const plain = db.transaction((ballots) => {
    vacancies.refresh();
    return each(ballots, null);
  });
  const sealedStep = db.transaction((opening, ballots, seals) => {
    vacancies.refresh();
    for (const s of opening) {
      const changed = fill.run({ ...s, from: 'sealed', state: 'filled' }).changes;
      if (changed !== 1) throw new Error(`sealed ballot slot not opened (${changed} rows)`);
    }
    return each(ballots, seals);
  });

  /** A commit that failed as a whole took nothing: the lists are read again. */
  const whole = (commit) => {
    try {
      return commit();
    } catch (err) {
      vacancies.forget();
      throw err;
    }
  };
  return {
    cast: (ballots) => whole(() => plain.immediate(ballots)),
    step: (opening, ballots) => {
      const seals = [];
      const results = whole(() => sealedStep.immediate(opening, ballots, seals));
      return { results, seals };
    },
  };
}

/** The in-memory store's writer: spend and fill in one transaction. */
export function castBatch(db, queries) {
  return ballotWriter(db, queries).cast;
}

/**
 * One-time pad over the grade digits: each digit d becomes (d + p) mod 10 for a fresh uniform
 * p, so a sealed grade string is uniform whatever was chosen. The pad is not kept: B writes the
 * plain grades it still has in memory.
 */
function padded(grades) {
  const pads = randomDigits(grades.length);
  let out = '';
  for (let i = 0; i < grades.length; i++) {
    const d = grades.charCodeAt(i) - 48;
    if (d < 0 || d > 9) throw new Error('grades must be digits');
    out += String.fromCharCode(48 + ((d + pads[i]) % 10));
  }
  return out;
}

/** Uniform digits 0–9 by rejection sampling of random bytes (250 = 25 × 10). */
function randomDigits(n) {
  const digits = [];
  while (digits.length < n) {
    for (const b of crypto.getRandomValues(new Uint8Array(n + 8))) {
      if (b < 250) digits.push(b % 10);
      if (digits.length === n) break;
    }
  }
  return digits;
}

/** A prepared statement whose `?`s are filled from an object's fields by the query's parameter list. */
function statement(db, query) {
  const prepared = db.prepare(query.sql);
  const values = (row) => query.params.map((p) => ('name' in p ? row[p.name] : p.value));
  let plucked = null;
  return {
    get: (row) => prepared.get(values(row)),
    /** The first column of every row: no object per row. */
    column: (row) => (plucked ??= db.prepare(query.sql).pluck()).all(values(row)),
    run: (row) => prepared.run(values(row)),
  };
}
