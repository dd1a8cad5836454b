import { DomainError } from '../domain/errors';
import { resolveRule, type RuleInput } from '../domain/rule';
import { randomId } from '../lib/random';
import { publicationFloor, type Services } from './context';
import { loadMeeting } from './load-meeting';
import { record } from './record';
import { checkEntryLinks } from './seasons/seasons';
import type { Meeting } from '../domain/meeting';
import type { Actor } from '../domain/people';

export interface CreateMeetingInput {
  title: string;
  organization?: string | null;
  rule?: RuleInput;
  categories?: { key: string; label?: string; eligible: number }[];
  eligible?: number;
  /** `entry`: a season entry this subject's ballots feed (its season must still be a draft). */
  subjects: { name: string; kind?: string | null; entry?: string | null }[];
}

function roster(input: CreateMeetingInput) {
  const cats = input.categories ?? [];
  if (cats.length === 0) {
    if (input.eligible === undefined) throw new DomainError('invalid_input', '请填写应参加人数（eligible）或按类别填写名册（categories）');
    return { eligible: input.eligible, categories: [] };
  }
  const keys = new Set(cats.map((c) => c.key));
  if (keys.size !== cats.length) throw new DomainError('invalid_input', '类别编号（key）不能重复');
  const sum = cats.reduce((s, c) => s + c.eligible, 0);
  if (input.eligible !== undefined && input.eligible !== sum) {
    throw new DomainError('invalid_input', `应参加人数 ${input.eligible} 与各类别人数之和 ${sum} 不一致`);
  }
  return { eligible: sum, categories: cats.map((c) => ({ key: c.key, label: c.label ?? c.key, eligible: c.eligible })) };
}

export async function createMeeting(services: Services, input: CreateMeetingInput, actor: Actor): Promise<Meeting> {
  const rule = resolveRule(input.rule, publicationFloor(services.config));
  const { eligible, categories } = roster(input);
  for (const key of Object.keys(rule.categoryQuorum ?? {})) {
    const q = rule.categoryQuorum![key];
    if (!categories.some((c) => c.key === key) || (q.of && !categories.some((c) => c.key === q.of))) {
      throw new DomainError('invalid_rule', `规则中的类别“${q.of && key !== q.of ? `${key}/${q.of}` : key}”不在本次测评的名册中`);
    }
  }
  await checkEntryLinks(services, input.subjects);
  const id = randomId();
  await services.store.createMeeting({
    id,
    title: input.title,
    organization: input.organization ?? null,
    rule,
    status: 'draft',
    eligible,
    categories,
    subjects: input.subjects.map((s) => ({ id: randomId(8), name: s.name, kind: s.kind ?? null, entryId: s.entry ?? null })),
    createdBy: actor.id,
    createdAt: new Date().toISOString(),
    ballotSalt: randomId(32), // 256 random bits
  });
  await record(services, id, 'meeting_created', actor, {
    title: input.title,
    eligible,
    categories: categories.map((c) => ({ key: c.key, eligible: c.eligible })),
    subjects: input.subjects.length,
  });
  return loadMeeting(services, id, actor);
}
