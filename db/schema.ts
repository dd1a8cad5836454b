import { index, integer, primaryKey, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';

export const users = sqliteTable('users', {
  id: text('id').primaryKey(),
  name: text('name').notNull(),
  role: text('role', { enum: ['admin', 'supervisor', 'scorer'] }).notNull(),
  keyHash: text('key_hash').notNull().unique(),
  revoked: integer('revoked', { mode: 'boolean' }).notNull().default(false),
  createdAt: text('created_at').notNull(),
});

export const meetings = sqliteTable('meetings', {
  id: text('id').primaryKey(),
  title: text('title').notNull(),
  organization: text('organization'),
  rule: text('rule', { mode: 'json' }).notNull(),
  status: text('status', { enum: ['draft', 'open', 'closed'] }).notNull(),
  eligible: integer('eligible').notNull(),
  /**
   * Slips issued and not voided (the roster's count): for a meeting without categories; with
   * categories, see categories.issued. A voided slip frees its place.
   */
  issued: integer('issued').notNull().default(0),
  createdBy: text('created_by').notNull(),
  createdAt: text('created_at').notNull(),
  openedAt: text('opened_at'),
  closedAt: text('closed_at'),
  /** The public notice: its period in days from close, the 监督电话 line and the issuing unit (落款). */
  noticeDays: integer('notice_days').notNull().default(7),
  contact: text('contact'),
  issuer: text('issuer'),
  /**
   * Random key of the ballot-box digest in the close event (HMAC), so that the digest of a
   * handful of ballots cannot be reversed by trying every combination. Never in an event.
   */
  ballotSalt: text('ballot_salt'),
});

/**
 * Who else runs a meeting besides its creator (meetings.created_by, always an owner): the
 * co-supervisors the creator or an admin added. Any other supervisor cannot see the meeting.
 */
export const meetingSupervisors = sqliteTable(
  'meeting_supervisors',
  {
    meetingId: text('meeting_id').notNull().references(() => meetings.id),
    userId: text('user_id').notNull().references(() => users.id),
    addedAt: text('added_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.meetingId, t.userId] }), index('meeting_supervisors_user').on(t.userId)],
);

export const categories = sqliteTable(
  'categories',
  {
    meetingId: text('meeting_id').notNull().references(() => meetings.id),
    key: text('key').notNull(),
    label: text('label').notNull(),
    position: integer('position').notNull(),
    eligible: integer('eligible').notNull(),
    /** Slips issued and not voided in this category. */
    issued: integer('issued').notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.meetingId, t.key] })],
);

export const subjects = sqliteTable(
  'subjects',
  {
    id: text('id').primaryKey(),
    meetingId: text('meeting_id').notNull().references(() => meetings.id),
    position: integer('position').notNull(),
    name: text('name').notNull(),
    kind: text('kind'),
    /** The season entry (考评对象) this subject's ballots feed, if any. */
    entryId: text('entry_id'),
  },
  (t) => [index('subjects_meeting').on(t.meetingId, t.position), index('subjects_entry').on(t.entryId)],
);

/**
 * Only the SHA-256 of a token is kept; the raw token exists on the printed slip alone.
 * A row keeps one size all its life (see src/store/slots.ts): an unused or void slip carries a
 * receipt placeholder two characters shorter than a receipt, as 'unused' is two longer than
 * 'used', so spending rewrites the row in place and the file keeps no trace of spend order.
 */
export const tokens = sqliteTable(
  'tokens',
  {
    hash: text('hash').primaryKey(),
    meetingId: text('meeting_id').notNull().references(() => meetings.id),
    category: text('category').notNull().default(''),
    state: text('state', { enum: ['unused', 'used', 'void'] }).notNull().default('unused'),
    /** Kept on the spent slip so its holder can see the vote counted; never linked to choices. A placeholder until spent. */
    receipt: text('receipt'),
  },
  // Written at issuance and never again: spending a token changes no indexed column, so a vote
  // dirties the token's own page only (the vote path is bound by pages written).
  (t) => [index('tokens_meeting').on(t.meetingId)],
);

/**
 * Ballot slots. WITHOUT ROWID, keyed by meeting, category and a random id (added by hand to the
 * migration; drizzle cannot say it). One slot per slip is written at issuance, empty ('vacant',
 * placeholders of the final sizes); a vote fills a random empty slot of its category in place,
 * so neither the rows nor the bytes of the file follow the order ballots arrived in, and no
 * index changes on the vote path. No token, no time, no address. `grades` holds one digit per
 * subject; a 'sealed' slot holds them one-time padded for the instant between the two commits
 * of a vote (src/store/ballot-batch.js); an 'orphan' is a sealed slot whose pad a crash took:
 * it counts in turnout and in no subject.
 */
export const ballots = sqliteTable(
  'ballots',
  {
    id: text('id').notNull(),
    meetingId: text('meeting_id').notNull().references(() => meetings.id),
    category: text('category').notNull().default(''),
    state: text('state', { enum: ['vacant', 'sealed', 'filled', 'orphan'] }).notNull().default('filled'),
    channel: text('channel', { enum: ['phone', 'paper', '-----'] }).notNull(),
    grades: text('grades').notNull(),
  },
  (t) => [primaryKey({ columns: [t.meetingId, t.category, t.id] })],
);

/**
 * Storage chores the server owes the file (the one-time rewrite of a database migrated from
 * the old layout): done at start, retried until done, shown to staff while owed.
 */
export const upkeep = sqliteTable('upkeep', {
  task: text('task').primaryKey(),
  since: text('since').notNull(),
});

/** One link of a hash chain (a meeting's audit trail, a season's): its place, the event and both hashes. */
const chainLink = () => ({
  seq: integer('seq').notNull(),
  type: text('type').notNull(),
  actor: text('actor').notNull(),
  at: text('at').notNull(),
  data: text('data', { mode: 'json' }).notNull(),
  prevHash: text('prev_hash').notNull(),
  hash: text('hash').notNull(),
});

export const auditEvents = sqliteTable(
  'audit_events',
  {
    meetingId: text('meeting_id').notNull(),
    ...chainLink(),
  },
  (t) => [primaryKey({ columns: [t.meetingId, t.seq] }), uniqueIndex('audit_hash').on(t.hash)],
);

/**
 * Staff sign-ins from the web pages. Only the SHA-256 of the cookie's random id is kept, so a
 * copy of the database opens no session. `user_id` has no foreign key: the environment's admin
 * key has no user row (its sessions carry a fingerprint of that key instead, see session.ts).
 */
export const sessions = sqliteTable(
  'sessions',
  {
    hash: text('hash').primaryKey(),
    userId: text('user_id').notNull(),
    createdAt: text('created_at').notNull(),
    expiresAt: text('expires_at').notNull(),
  },
  (t) => [index('sessions_expires').on(t.expiresAt)],
);

/** A season (考评): one round of scoring under one rule, published for a notice period, then final. */
export const seasons = sqliteTable('seasons', {
  id: text('id').primaryKey(),
  title: text('title').notNull(),
  rule: text('rule').notNull(),
  params: text('params', { mode: 'json' }),
  rounds: text('rounds', { enum: ['pool', 'mean'] }).notNull(),
  previousId: text('previous_id'),
  noticeDays: integer('notice_days').notNull(),
  status: text('status', { enum: ['draft', 'notice', 'final'] }).notNull(),
  contact: text('contact'),
  /** Raised by every rows replacement; publishing freezes exactly the revision it computed from. */
  revision: integer('revision').notNull().default(0),
  noticeFrom: text('notice_from'),
  noticeUntil: text('notice_until'),
  finalizedAt: text('finalized_at'),
  createdBy: text('created_by').notNull(),
  createdAt: text('created_at').notNull(),
});

export const seasonEntries = sqliteTable(
  'season_entries',
  {
    id: text('id').primaryKey(),
    seasonId: text('season_id').notNull().references(() => seasons.id),
    position: integer('position').notNull(),
    key: text('key').notNull(),
    name: text('name').notNull(),
    organization: text('organization'),
    category: text('category'),
  },
  (t) => [uniqueIndex('season_entries_key').on(t.seasonId, t.key)],
);

/** The scorer's rows: the rule's other inputs, one per entry, replaced as a whole. */
export const seasonRows = sqliteTable(
  'season_rows',
  {
    seasonId: text('season_id').notNull().references(() => seasons.id),
    entryKey: text('entry_key').notNull(),
    position: integer('position').notNull(),
    data: text('data', { mode: 'json' }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.seasonId, t.entryKey] })],
);

/** The result as published: frozen JSON text and its SHA-256, which the season's chain also records. */
export const seasonResults = sqliteTable('season_results', {
  seasonId: text('season_id').primaryKey().references(() => seasons.id),
  result: text('result').notNull(),
  digest: text('digest').notNull(),
  publishedAt: text('published_at').notNull(),
});

/** The season's own hash chain: created, rows replaced, published (with the result's digest), finalized. */
export const seasonEvents = sqliteTable(
  'season_events',
  {
    seasonId: text('season_id').notNull(),
    ...chainLink(),
  },
  (t) => [primaryKey({ columns: [t.seasonId, t.seq] })],
);
