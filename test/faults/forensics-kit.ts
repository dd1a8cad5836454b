import Database from 'better-sqlite3';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { nodeSha256 } from '../../src/runtime/node-platform';

/**
 * A hostile operator's tools: a copy of every file beside MINPING_DB, the raw tokens (seen at
 * printing) and the receipts (a voter made to show one). The attack replays every WAL frame
 * commit by commit over the main file, diffs what each commit changed, and pairs the slips a
 * commit spent with the ballots it wrote; it also reads where rows sit in the file.
 */

export interface Vote {
  token: string;
  receipt: string;
  /** The grade digits the slip chose, in ballot order (what the attack tries to learn). */
  grades: string;
}

const SUFFIXES = ['', '-wal', '-shm', '-journal'];
const contents = (dbFile: string) => SUFFIXES.map((suffix) => (existsSync(dbFile + suffix) ? readFileSync(dbFile + suffix) : null));

/**
 * Copies MINPING_DB and everything beside it that SQLite keeps (-wal, -shm, -journal) into `to`:
 * one moment of them, as a filesystem snapshot would take it — read until two reads in a row
 * agree, so no copy is torn by a write landing mid-copy.
 */
export function copyFiles(dbFile: string, to: string): string {
  mkdirSync(to, { recursive: true });
  const copy = join(to, basename(dbFile));
  let files = contents(dbFile);
  for (let tries = 0; tries < 100; tries++) {
    const again = contents(dbFile);
    const same = again.every((b, i) => (b === null ? files[i] === null : files[i] !== null && b.equals(files[i]!)));
    files = again;
    if (same) break;
  }
  files.forEach((bytes, i) => bytes && writeFileSync(copy + SUFFIXES[i], bytes));
  return copy;
}

interface Frame {
  pgno: number;
  commit: boolean;
  salt: string;
  page: Buffer;
}

/** Every frame in the WAL file, valid or stale, in file order. */
function walFrames(wal: Buffer, pageSize: number, mainSize: number): Frame[] {
  const frames: Frame[] = [];
  if (wal.length < 32) return frames;
  for (let at = 32; at + 24 + pageSize <= wal.length; at += 24 + pageSize) {
    frames.push({
      pgno: wal.readUInt32BE(at),
      commit: wal.readUInt32BE(at + 4) !== 0,
      salt: wal.subarray(at + 8, at + 16).toString('hex'),
      page: wal.subarray(at + 24, at + 24 + pageSize),
    });
  }
  // A frame copied while being written can carry any page number: a real file has no page past
  // the main file's and the WAL's pages together.
  const pages = Math.ceil(mainSize / pageSize) + frames.length;
  return frames.filter((f) => f.pgno > 0 && f.pgno <= pages);
}

interface State {
  tokens: Map<string, { state: string; receipt: string | null }>;
  ballots: Map<string, string>; // slot id → the row as text (grades and all)
  grades: Map<string, string>;
}

/** Opens one reconstructed image of the database (legacy journal mode, so no WAL is needed). */
function readState(image: Buffer): State | null {
  const copy = Buffer.from(image);
  copy[18] = 1;
  copy[19] = 1;
  let db: Database.Database;
  try {
    db = new Database(copy);
  } catch {
    return null;
  }
  try {
    const tokens = new Map<string, { state: string; receipt: string | null }>();
    for (const t of db.prepare('select hash, state, receipt from tokens').all() as { hash: string; state: string; receipt: string | null }[]) tokens.set(t.hash, t);
    const ballots = new Map<string, string>();
    const grades = new Map<string, string>();
    for (const b of db.prepare('select * from ballots').all() as Record<string, string>[]) {
      ballots.set(b.id, JSON.stringify(b));
      grades.set(b.id, b.grades);
    }
    return { tokens, ballots, grades };
  } catch {
    return null;
  } finally {
    db.close();
  }
}

export interface AttackResult {
  votes: number;
  /** Commits that both spent slips and wrote ballots: the pairing groups the WAL kept. */
  linkingCommits: number;
  /** Slips whose choices the WAL replay predicted right. */
  byReplay: number;
  /** Slips whose choices matching spent slips to ballots by their order in the file predicted right (forward or backward, the better). */
  byFileOrder: number;
  /** Kendall's tau of physical position against arrival: ballots, spent slips, receipts. */
  tau: { ballots: number; tokens: number; receipts: number };
}

export function kendallTau(order: number[]): number {
  let concordant = 0;
  let discordant = 0;
  for (let i = 0; i < order.length; i++) for (let j = i + 1; j < order.length; j++) (order[i] < order[j] ? concordant++ : discordant++);
  return (concordant - discordant) / ((order.length * (order.length - 1)) / 2) || 0;
}

const readable = (grades: string | undefined, n: number) => !!grades && grades.length === n && /^[0-3]+$/.test(grades);

/** Every state the copy can be replayed to: the main file, then after each commit its WAL holds. */
export function replay(copy: string): { states: State[]; final: Buffer } {
  const main = readFileSync(copy);
  const pageSize = main.readUInt16BE(16) === 1 ? 65536 : main.readUInt16BE(16);
  const wal = existsSync(`${copy}-wal`) ? readFileSync(`${copy}-wal`) : Buffer.alloc(0);
  const frames = walFrames(wal, pageSize, main.length);
  // The main file, then each commit's frames on top, generation by generation (salt).
  const images: Buffer[] = [Buffer.from(main)];
  let image = Buffer.from(main);
  let salt = frames[0]?.salt;
  let pendingFrames: Frame[] = [];
  for (const f of frames) {
    if (f.salt !== salt) {
      salt = f.salt;
      image = Buffer.from(main);
      pendingFrames = [];
    }
    pendingFrames.push(f);
    if (!f.commit) continue;
    for (const p of pendingFrames) {
      const end = p.pgno * pageSize;
      if (image.length < end) image = Buffer.concat([image, Buffer.alloc(end - image.length)]);
      p.page.copy(image, (p.pgno - 1) * pageSize);
    }
    pendingFrames = [];
    images.push(Buffer.from(image));
  }
  return { states: images.map(readState).filter((s): s is State => s !== null), final: images.at(-1)! };
}

/** Slot rows of any replayed state whose grades are exactly `grades`. */
export function slotsReading(copy: string, grades: string): string[] {
  const ids = new Set<string>();
  for (const s of replay(copy).states) for (const [id, g] of s.grades) if (g === grades) ids.add(id);
  return [...ids];
}

/**
 * The attack on one copy. `votes` in arrival order; the attack itself uses only the tokens and
 * receipts, the grades only score its guesses.
 */
export function attack(copy: string, votes: Vote[], rng: () => number = Math.random): AttackResult {
  const { states, final: bytes } = replay(copy);
  if (votes.length === 0) return { votes: 0, linkingCommits: 0, byReplay: 0, byFileOrder: 0, tau: { ballots: 0, tokens: 0, receipts: 0 } };
  const subjects = votes[0].grades.length;
  const hashes = new Map(votes.map((v) => [nodeSha256(v.token), v]));

  // Grades of a slot: the last readable ones any image shows.
  const lastGrades = new Map<string, string>();
  for (const s of states) for (const [id, g] of s.grades) if (readable(g, subjects)) lastGrades.set(id, g);

  // Diff consecutive images: the slips a commit spent, the ballot rows it changed.
  const guess = new Map<string, string>();
  let linkingCommits = 0;
  for (let i = 1; i < states.length; i++) {
    const before = states[i - 1];
    const after = states[i];
    const spent = [...after.tokens].filter(([h, t]) => hashes.has(h) && t.state === 'used' && before.tokens.get(h)?.state !== 'used').map(([h]) => h);
    const written = [...after.ballots].filter(([id, row]) => before.ballots.get(id) !== row).map(([id]) => id);
    if (spent.length === 0 || written.length === 0) continue;
    linkingCommits++;
    // Within one commit the attacker cannot tell the slips apart: a random slot of the commit each.
    for (const h of spent) {
      const id = written[Math.floor(rng() * written.length)];
      const g = lastGrades.get(id);
      if (g) guess.set(h, g);
    }
  }
  const byReplay = votes.filter((v) => guess.get(nodeSha256(v.token)) === v.grades).length;

  // Physical order: where each spent slip, receipt and readable ballot sits in the file as the
  // last commit left it (cell offsets: SQLite fills a page from its end, in insert order).
  const final = states.at(-1);
  const arrivalOfGrades = new Map(votes.map((v, i) => [v.grades, i]));
  const ballotsByOffset = final
    ? [...final.grades]
        .filter(([, g]) => readable(g, subjects) && arrivalOfGrades.has(g))
        .map(([id, g]) => ({ at: bytes.indexOf(Buffer.from(id)), g }))
        .sort((a, b) => a.at - b.at)
    : [];
  const tokensByOffset = votes.map((v, i) => ({ at: bytes.indexOf(Buffer.from(nodeSha256(v.token))), i })).sort((a, b) => a.at - b.at);
  const receiptsByOffset = votes.map((v, i) => ({ at: bytes.indexOf(Buffer.from(v.receipt)), i })).sort((a, b) => a.at - b.at);
  const rankPairs = (ballots: { g: string }[]) => tokensByOffset.filter((t, k) => ballots[k]?.g === votes[t.i].grades).length;
  const byFileOrder = Math.max(rankPairs(ballotsByOffset), rankPairs([...ballotsByOffset].reverse()));
  return {
    votes: votes.length,
    linkingCommits,
    byReplay,
    byFileOrder,
    tau: {
      ballots: kendallTau(ballotsByOffset.map((b) => arrivalOfGrades.get(b.g)!)),
      tokens: kendallTau(tokensByOffset.map((t) => t.i)),
      receipts: kendallTau(receiptsByOffset.map((r) => r.i)),
    },
  };
}

/**
 * What random guessing gets, with room: a random pairing of n slips matches ~1 on average
 * (Poisson(1): 6 or more happens 6 times in 10,000).
 */
export const CHANCE_BOUND = 5;

export const describeAttack = (label: string, r: AttackResult) =>
  `${label}: replay paired ${r.byReplay}/${r.votes} (${r.linkingCommits} commits pair slips with ballots), file order ${r.byFileOrder}/${r.votes}, tau ballots ${r.tau.ballots.toFixed(2)} slips ${r.tau.tokens.toFixed(2)} receipts ${r.tau.receipts.toFixed(2)}`;
