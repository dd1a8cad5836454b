import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { eventHash, GENESIS_HASH, verifyChain, type AuditEvent } from '../../src/domain/audit';

const sha = (t: string) => createHash('sha256').update(t).digest('hex');

async function chain(n: number): Promise<AuditEvent[]> {
  const events: AuditEvent[] = [];
  let prev = GENESIS_HASH;
  for (let seq = 1; seq <= n; seq++) {
    const draft = { meetingId: 'm', seq, type: 'tokens_issued' as const, actor: 'supervisor:u1', at: `2026-11-23T10:0${seq}:00Z`, data: { count: seq }, prevHash: prev };
    const e = { ...draft, hash: await eventHash(draft, sha) };
    events.push(e);
    prev = e.hash;
  }
  return events;
}

describe('the audit hash chain', () => {
  it('verifies an untouched chain', async () => {
    expect(await verifyChain(await chain(5), sha)).toEqual({ ok: true, count: 5 });
  });

  it.each<[string, (events: AuditEvent[]) => void, number]>([
    ['an edited count', (e) => (e[2].data = { count: 99 }), 3],
    ['an edited type', (e) => (e[1].type = 'meeting_closed'), 2],
    ['an edited time', (e) => (e[3].at = '2026-01-01T00:00:00Z'), 4],
    ['a deleted event', (e) => e.splice(1, 1), 3],
    ['swapped events', (e) => ([e[0], e[1]] = [e[1], e[0]]), 2],
    ['a rehashed event whose successor still points at the old hash', (e) => {
      e[1].data = { count: 42 };
      e[1].hash = 'f'.repeat(64);
    }, 2],
  ])('detects %s', async (_what, tamper, brokenAt) => {
    const events = await chain(5);
    tamper(events);
    const check = await verifyChain(events, sha);
    expect(check.ok).toBe(false);
    expect(check.brokenAt).toBe(brokenAt);
  });
});
