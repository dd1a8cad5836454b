import { DomainError } from '../domain/errors';
import { randomId } from '../lib/random';
import type { Meeting } from '../domain/meeting';
import type { Actor } from '../domain/people';
import type { Services } from './context';
import { createMeeting, meetingPlan, type CreateMeetingInput } from './create-meeting';
import { publicationFloor } from './context';
import { checkEntryLinks } from './seasons/seasons';
import { loadMeeting } from './load-meeting';
import { record } from './record';

export const notDraft = () => new DomainError('meeting_not_draft', '测评会已开始投票，不能再修改或删除；下一轮测评请用“复制”新建一个草稿');
const changedMeanwhile = () => new DomainError('meeting_changed', '测评会刚刚被他人更改（开始投票、发码或作废），请刷新后重试');

export type MeetingEdit = Partial<CreateMeetingInput>;

/** The meeting as the input it could have been created from. */
function asInput(m: Meeting): CreateMeetingInput {
  return {
    title: m.title,
    organization: m.organization,
    rule: m.rule.preset ?? m.rule,
    ...(m.categories.length ? { categories: m.categories.map(({ key, label, eligible }) => ({ key, label, eligible })) } : { eligible: m.eligible }),
    subjects: m.subjects.map(({ name, kind, entryId }) => ({ name, kind, entry: entryId ?? null })),
    noticeDays: m.noticeDays,
    contact: m.contact,
    issuer: m.issuer,
  };
}

/**
 * Slips already printed for a draft must stay valid: each keeps its category, and no roster
 * may shrink below what was already handed out.
 */
function keepIssued(m: Meeting, plan: ReturnType<typeof meetingPlan>) {
  if (m.issued === 0) return plan.categories.map((c) => ({ ...c, issued: 0 }));
  if ((m.categories.length > 0) !== (plan.categories.length > 0)) {
    throw new DomainError('roster_in_use', `已发放 ${m.issued} 张测评码：不能在“按类别”和“不分类别”之间切换；请先作废全部未用的测评码`);
  }
  if (!plan.categories.length && plan.eligible < m.issued) {
    throw new DomainError('roster_in_use', `已发放 ${m.issued} 张测评码，应参加人数不能少于 ${m.issued}`);
  }
  for (const c of m.categories.filter((x) => x.issued > 0)) {
    const kept = plan.categories.find((x) => x.key === c.key);
    if (!kept || kept.eligible < c.issued) {
      throw new DomainError('roster_in_use', `类别“${c.label}”已发放 ${c.issued} 张测评码：不能删除该类别，人数也不能少于 ${c.issued}`);
    }
  }
  return plan.categories.map((c) => ({ ...c, issued: m.categories.find((x) => x.key === c.key)?.issued ?? 0 }));
}

/** PATCH: the fields given replace the draft's; a roster is replaced whole (categories or a bare eligible). */
export async function editDraft(services: Services, id: string, edit: MeetingEdit, actor: Actor): Promise<Meeting> {
  const m = await loadMeeting(services, id, actor);
  if (m.status !== 'draft') throw notDraft();
  const base = asInput(m);
  const rosterGiven = edit.categories !== undefined || edit.eligible !== undefined;
  const merged: CreateMeetingInput = {
    ...base,
    ...Object.fromEntries(Object.entries(edit).filter(([, v]) => v !== undefined)),
    ...(rosterGiven && { categories: edit.categories, eligible: edit.eligible }),
  };
  const plan = meetingPlan(merged, publicationFloor(services.config));
  await checkEntryLinks(services, merged.subjects);
  const categories = keepIssued(m, plan);
  // A subject keeps its id when its name stays: links to it (a season entry) survive an edit.
  const subjects = plan.subjects.map((s) => ({ id: m.subjects.find((x) => x.name === s.name)?.id ?? randomId(8), ...s }));
  const done = await services.store.updateDraft({ id, ...plan, categories, subjects, expectIssued: m.issued });
  if (!done) {
    const now = await loadMeeting(services, id, actor);
    throw now.status !== 'draft' ? notDraft() : changedMeanwhile();
  }
  await record(services, id, 'meeting_edited', actor, {
    title: plan.title,
    eligible: plan.eligible,
    categories: plan.categories.map((c) => ({ key: c.key, eligible: c.eligible })),
    subjects: plan.subjects.length,
  });
  return loadMeeting(services, id, actor);
}

export async function deleteDraft(services: Services, id: string, actor: Actor): Promise<void> {
  const m = await loadMeeting(services, id, actor);
  if (m.status !== 'draft') throw notDraft();
  if (!(await services.store.deleteDraft(id))) throw notDraft();
  await record(services, id, 'meeting_deleted', actor, { title: m.title });
}

/** The next round: a new draft with the same roster, subjects and rule (no slips, no ballots). */
export async function copyMeeting(services: Services, id: string, input: { title?: string }, actor: Actor): Promise<Meeting> {
  const m = await loadMeeting(services, id, actor);
  return createMeeting(services, { ...asInput(m), title: input.title ?? `${m.title}（副本）` }, actor);
}
