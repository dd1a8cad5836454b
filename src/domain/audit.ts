/** Staff actions worth a trace. Never a token, never what a ballot says. */
export type AuditType =
  | 'meeting_created'
  | 'tokens_issued'
  | 'meeting_opened'
  | 'meeting_closed'
  | 'token_voided'
  | 'paper_ballot_keyed'
  | 'supervisor_added'
  | 'supervisor_removed';

export interface AuditEvent {
  meetingId: string;
  seq: number;
  type: AuditType;
  actor: string;
  at: string;
  data: Record<string, unknown>;
  prevHash: string;
  hash: string;
}

/** A SHA-256 of text as lowercase hex: Web Crypto on Workers, node:crypto on Node (lib/sha256.ts). */
export type Sha256 = (text: string) => string | Promise<string>;

export const GENESIS_HASH = '0'.repeat(64);

/** Keys sorted at every level, so the same event always hashes the same. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined);
    entries.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

export async function eventHash(event: Omit<AuditEvent, 'hash'>, hash: Sha256): Promise<string> {
  const { meetingId, seq, type, actor, at, data, prevHash } = event;
  return await hash(prevHash + canonicalJson({ meetingId, seq, type, actor, at, data }));
}

export interface ChainCheck {
  ok: boolean;
  count: number;
  /** The first event whose link or content does not verify. */
  brokenAt?: number;
}

export async function verifyChain(events: AuditEvent[], hash: Sha256): Promise<ChainCheck> {
  let prev = GENESIS_HASH;
  for (let i = 0; i < events.length; i++) {
    const e = events[i];
    if (e.seq !== i + 1 || e.prevHash !== prev || (await eventHash(e, hash)) !== e.hash) {
      return { ok: false, count: events.length, brokenAt: e.seq };
    }
    prev = e.hash;
  }
  return { ok: true, count: events.length };
}
