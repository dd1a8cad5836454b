import { eventHash, GENESIS_HASH, verifyChain, type AuditEvent, type ChainCheck } from '../../domain/audit';
import type { SeasonEvent, SeasonEventType } from '../../store/seasons';
import type { Actor } from '../../domain/people';
import { nowOf, type Services } from '../context';

// The meeting chain's hashing, reused: a season event hashes as a meeting event keyed by the season.
const asAudit = (e: SeasonEvent) => ({ ...e, meetingId: e.seasonId }) as unknown as AuditEvent;

/** Appends to the season's own hash chain; two writers racing for a seq: one wins, the other retries on top. */
export async function recordSeason(services: Services, seasonId: string, type: SeasonEventType, actor: Actor, data: Record<string, unknown> = {}): Promise<SeasonEvent> {
  const store = services.store.seasons;
  for (let attempt = 0; attempt < 50; attempt++) {
    const last = await store.lastEvent(seasonId);
    const draft = { seasonId, seq: (last?.seq ?? 0) + 1, type, actor: `${actor.role}:${actor.id}`, at: nowOf(services).toISOString(), data: { by: actor.name, ...data }, prevHash: last?.hash ?? GENESIS_HASH };
    const event = { ...draft, hash: await eventHash(asAudit({ ...draft, hash: '' }), services.sha256) };
    if (await store.insertEvent(event)) return event;
  }
  throw new Error('season chain contention did not settle');
}

export interface SeasonAudit extends ChainCheck {
  events: SeasonEvent[];
  /** Problems a person can act on: a broken link, or a stored result that is not the one published. */
  problems: string[];
}

/** The chain verifies, and the frozen result still hashes to the digest its publish event recorded. */
export async function auditSeason(services: Services, seasonId: string): Promise<SeasonAudit> {
  const events = await services.store.seasons.events(seasonId);
  const chain = await verifyChain(events.map(asAudit), services.sha256);
  const problems: string[] = [];
  if (!chain.ok) problems.push(`考评记录链在第 ${chain.brokenAt} 条处断开：记录被改动或删除`);
  const published = events.find((e) => e.type === 'season_published');
  const frozen = await services.store.seasons.frozen(seasonId);
  if (published || frozen) {
    const digest = frozen ? await services.sha256(frozen.result) : null;
    if (!frozen || !published || digest !== published.data.digest || frozen.digest !== published.data.digest) {
      problems.push('库中保存的公示结果与发布时记录的摘要不一致：公示结果已被改动');
    }
  }
  return { ...chain, ok: chain.ok && problems.length === 0, events, problems };
}
