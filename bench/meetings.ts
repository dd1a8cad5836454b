import { issue, newMeeting } from '../test/helpers/scenario';
import type { Client } from '../test/helpers/target';

const GRADES = ['very_satisfied', 'satisfied', 'basically_satisfied', 'dissatisfied'] as const;
/** The API's cap on one issuance request. */
const ISSUE_CHUNK = 100_000;

export interface BenchMeeting {
  id: string;
  subjects: string[];
}

export async function createMeeting(staff: Client, title: string, eligible: number, subjects: number): Promise<BenchMeeting> {
  const m = await newMeeting(staff, {
    title,
    eligible,
    subjects: Array.from({ length: subjects }, (_, i) => ({ name: `测评对象${i + 1}` })),
  });
  return { id: m.id, subjects: m.subjects };
}

export async function issueTokens(staff: Client, meetingId: string, count: number): Promise<string[]> {
  let tokens: string[] = [];
  while (tokens.length < count) tokens = tokens.concat(await issue(staff, meetingId, Math.min(ISSUE_CHUNK, count - tokens.length)));
  return tokens;
}

export async function setState(staff: Client, meetingId: string, action: 'open' | 'close') {
  const res = await staff.post(`/api/meetings/${meetingId}/${action}`);
  if (res.status !== 200) throw new Error(`${action} meeting: ${res.status} ${res.text}`);
}

/** Ballots cast as the results report them once the meeting is closed. */
export async function countedBallots(staff: Client, meetingId: string): Promise<number> {
  const res = await staff.get(`/api/meetings/${meetingId}/results`);
  if (res.status !== 200) throw new Error(`results: ${res.status} ${res.text}`);
  return res.body.cast;
}

/** murmur3's finalizer: a well-mixed 32-bit number from a small one. */
function mix(x: number): number {
  x = Math.imul(x ^ (x >>> 16), 0x85ebca6b);
  x = Math.imul(x ^ (x >>> 13), 0xc2b2ae35);
  return (x ^ (x >>> 16)) >>> 0;
}

/** A grade that looks random per ballot and subject, so 20-subject ballots are all distinct. */
const gradeOf = (i: number, j: number) => GRADES[mix(i * 64 + j + 1) & 3];

/**
 * Ballot bodies, each with the next unused token and a spread of grades. Bodies are built up
 * front (as bytes) so the load generator spends its core sending, not serialising.
 */
export function ballotFeed(meeting: BenchMeeting, tokens: string[]) {
  const bodies = tokens.map((token, i) =>
    Buffer.from(JSON.stringify({ token, choices: Object.fromEntries(meeting.subjects.map((s, j) => [s, gradeOf(i, j)])) })),
  );
  let next = 0;
  return {
    /** Past the end it repeats the last token, which the server refuses (counted as non-2xx). */
    body: () => bodies[Math.min(next++, bodies.length - 1)],
  };
}
