import type { MeetingStatus } from './meeting-state';
import type { Rule } from './rule';

/** One voter category of the roster (党员 40, 村民代表 30 …) and how many slips it has had. */
export interface CategoryRow {
  key: string;
  label: string;
  eligible: number;
  issued: number;
}

/** Something on the ballot: the branch, the first secretary, a party member. */
export interface SubjectRow {
  id: string;
  name: string;
  kind: string | null;
  /** The season entry this subject feeds (written at creation; not read on the vote path). */
  entryId?: string | null;
}

/** A meeting (测评会) as the product reads it. */
export interface Meeting {
  id: string;
  title: string;
  organization: string | null;
  rule: Rule;
  status: MeetingStatus;
  eligible: number;
  issued: number;
  categories: CategoryRow[];
  subjects: SubjectRow[];
  createdBy: string;
  createdAt: string;
  openedAt: string | null;
  closedAt: string | null;
}
