import type { AuditEvent } from '../domain/audit';
import type { MeetingStatus } from '../domain/meeting-state';
import type { Channel, StoredBallot } from '../domain/results';
import type { CategoryRow, Meeting, SubjectRow } from '../domain/meeting';
import type { User } from '../domain/people';
import type { SeasonStore } from './seasons';

/** A draft rewritten whole; `expectIssued` is the issued count the edit was checked against. */
export type DraftEdit = Pick<Meeting, 'id' | 'title' | 'organization' | 'rule' | 'eligible' | 'categories' | 'subjects' | 'noticeDays' | 'contact' | 'issuer'> & {
  expectIssued: number;
};

/** A meeting's slips by state (发出 = all three; 收回 = used; 作废 = void; 未用 = unused). */
export interface SlipCounts {
  unused: number;
  used: number;
  void: number;
}

export type NewMeeting = Omit<Meeting, 'issued' | 'categories' | 'openedAt' | 'closedAt' | 'noticeDays' | 'contact' | 'issuer'> &
  Partial<Pick<Meeting, 'noticeDays' | 'contact' | 'issuer'>> & {
  categories: Omit<CategoryRow, 'issued'>[];
  /**
   * The ballot-box digest's random key: kept with the meeting, never in a Meeting read or an
   * event. The app always sets it (create-meeting); a meeting without one gets no ballot digest.
   */
  ballotSalt?: string;
};

export interface TokenRow {
  meetingId: string;
  category: string;
  state: 'unused' | 'used' | 'void';
  receipt: string | null;
}

/** A ballot to store: its category is not here but taken from the token's row as it is spent. */
export interface NewBallot {
  tokenHash: string;
  /** The token must belong to this meeting, or nothing is spent. */
  meetingId: string;
  id: string;
  channel: Channel;
  grades: string;
  receipt: string;
}

/** How a consume-and-store attempt ended; only 'cast' stored anything. */
export type CastOutcome = 'cast' | 'used' | 'void' | 'not_open' | 'unknown';

export type IssueOutcome = 'issued' | 'over_roster';

/** A staff sign-in from the web pages: the hash of the cookie's random id, never the id. */
export interface NewSession {
  hash: string;
  userId: string;
  createdAt: string;
  expiresAt: string;
}

export interface SessionRow {
  userId: string;
  expiresAt: string;
  /** null when the id names no user row (the environment's admin key has none). */
  user: User | null;
}

/** What a ballot for a meeting fills in: its subjects, in ballot order. */
export interface BallotForm {
  meetingId: string;
  subjects: SubjectRow[];
}

export interface Store {
  /** Seasons (考评), one implementation over both drizzle handles (seasons.ts). */
  readonly seasons: SeasonStore;

  createUser(user: User & { keyHash: string }): Promise<void>;
  userByKeyHash(keyHash: string): Promise<User | null>;
  listUsers(): Promise<User[]>;
  revokeUser(id: string): Promise<boolean>;
  countUsers(): Promise<number>;

  /** Starts a staff web session; sessions already expired by `createdAt` are cleared on the way. */
  createSession(session: NewSession): Promise<void>;
  /** A session still live at `now` (ISO time), with its user. */
  sessionByHash(hash: string, now: string): Promise<SessionRow | null>;
  deleteSession(hash: string): Promise<void>;

  createMeeting(meeting: NewMeeting): Promise<void>;
  getMeeting(id: string): Promise<Meeting | null>;
  listMeetings(filter?: { status?: MeetingStatus }): Promise<Meeting[]>;
  /** Co-supervisors (the creator is not listed: meetings.createdBy is always an owner). Idempotent. */
  addCoSupervisor(meetingId: string, userId: string, at: string): Promise<void>;
  removeCoSupervisor(meetingId: string, userId: string): Promise<void>;
  coSupervisors(meetingId: string): Promise<User[]>;
  /** Ids of the meetings `userId` was added to as a co-supervisor. */
  coSupervisedMeetings(userId: string): Promise<string[]>;
  /** The key of the meeting's ballot-box digest; null for an unknown meeting. */
  ballotSalt(meetingId: string): Promise<string | null>;
  /** Conditional update: only moves from `from`; false when the state had changed. */
  setStatus(id: string, from: MeetingStatus, to: MeetingStatus, at: string): Promise<boolean>;

  /** Inserts the hashes and raises the issued count in one step, refusing past the roster. */
  issueTokens(meetingId: string, category: string, hashes: string[]): Promise<IssueOutcome>;
  tokenByHash(hash: string): Promise<TokenRow | null>;
  /** Marks an unused token void and frees its roster place; false when it was not unused. */
  voidToken(meetingId: string, hash: string): Promise<boolean>;
  /** Voids every unused token of the meeting (or of one category), freeing their places; how many. */
  voidUnused(meetingId: string, category: string | null): Promise<number>;
  slipCounts(meetingId: string): Promise<SlipCounts>;
  /** Rewrites a draft still holding `expectIssued` slips; false when it is no longer that draft. */
  updateDraft(edit: DraftEdit): Promise<boolean>;
  /** Deletes a draft with its roster, subjects and slips (not its audit trail); false when no draft. */
  deleteDraft(id: string): Promise<boolean>;

  /**
   * The form of the meeting `subjectId` is graded in (subject ids are unique across meetings);
   * null for an unknown subject. Subjects never change, so a store may answer from memory.
   */
  ballotForm(subjectId: string): Promise<BallotForm | null>;
  /** The one atomic step: spend the unused token of an open meeting and store its ballot. */
  castBallot(ballot: NewBallot): Promise<CastOutcome>;
  /** Ballots per category (key '' for a meeting without categories). */
  castCounts(meetingId: string): Promise<Record<string, number>>;
  ballots(meetingId: string): Promise<StoredBallot[]>;
  receipts(meetingId: string): Promise<string[]>;
  /**
   * After a close: every ballot of the meeting is fully written and the store's history (the
   * SQLite WAL) emptied, or shown as pending and retried (historyPending). Optional: a store
   * whose files we cannot reach (D1) has nothing to do here.
   */
  forgetArrivalOrder?(meetingId: string): Promise<void>;
  /**
   * Storage history not yet cleaned up that could pair slips with ballots of `meetingId` (any
   * meeting when omitted): since when and why; null when there is none.
   */
  historyPending?(meetingId?: string): Promise<HistoryPending | null>;

  lastAuditEvent(meetingId: string): Promise<AuditEvent | null>;
  /** false when another writer took this seq first. */
  insertAuditEvent(event: AuditEvent): Promise<boolean>;
  auditEvents(meetingId: string): Promise<AuditEvent[]>;
}

/** The files still hold history that could pair slips with ballots: since when, why, for which meetings (null: all). */
export interface HistoryPending {
  since: string;
  reason: string;
  meetings: string[] | null;
}
