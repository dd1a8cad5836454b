import { Hono } from 'hono';
import { DomainError } from '../../../domain/errors';
import { createMeeting } from '../../../services/create-meeting';
import { visibleMeetings } from '../../../services/load-meeting';
import { entryChoices } from '../../../services/seasons/seasons';
import { blankDraft, MeetingForm, MORE_CATEGORIES, MORE_SUBJECTS, type MeetingDraft } from '../../../../web/staff/meeting-form';
import { MeetingsPage } from '../../../../web/staff/meetings-page';
import { requireRole, SUPERVISOR } from '../../auth';
import { readForm, validate, type FormBody } from '../../body';
import type { AppEnv, C } from '../../env';
import { statusOf } from '../../error-status';
import { htmlPage } from '../../html-page';
import { createMeetingSchema } from '../../schemas';
import { staffView } from './kit';

const MAX_CATEGORIES = 50;
const MAX_SUBJECTS = 200;

function draftOf(form: FormBody): MeetingDraft {
  const { fields } = form;
  const col = (name: string, i: number) => fields[name]?.[i] ?? '';
  return {
    title: form.field('title'),
    organization: form.field('organization'),
    rule: form.field('rule') || 'standard',
    eligible: form.field('eligible'),
    categories: (fields.cat_label ?? []).slice(0, MAX_CATEGORIES).map((label, i) => ({ label, eligible: col('cat_eligible', i) })),
    subjects: (fields.subj_name ?? []).slice(0, MAX_SUBJECTS).map((name, i) => ({ name, kind: col('subj_kind', i), entry: col('subj_entry', i) })),
  };
}

const bad = (message: string) => new DomainError('invalid_input', message);
const count = (text: string) => (/^\s*\d{1,7}\s*$/.test(text) && Number(text) > 0 ? Number(text) : null);

/** The typed rows → the contract's create-meeting body; blank rows are skipped. */
function inputOf(d: MeetingDraft) {
  if (!d.title.trim()) throw bad('请填写测评会名称');
  const cats = d.categories.filter((c) => c.label.trim() || c.eligible.trim());
  const categories = cats.map((c, i) => {
    const eligible = count(c.eligible);
    if (!c.label.trim() || eligible === null) throw bad(`名册第 ${i + 1} 个类别：请同时填写类别名称和应参加人数（正整数）`);
    return { key: c.label.trim(), label: c.label.trim(), eligible };
  });
  if (new Set(categories.map((c) => c.key)).size !== categories.length) throw bad('名册中的类别名称不能重复');
  const eligible = categories.length ? undefined : count(d.eligible);
  if (eligible === null) throw bad('请按类别填写名册，或填写不分类别的应参加总人数（正整数）');
  const subjects = d.subjects.filter((s) => s.name.trim()).map((s) => ({ name: s.name.trim(), kind: s.kind.trim() || null, entry: s.entry || null }));
  if (subjects.length === 0) throw bad('请至少填写一个测评对象');
  return validate(createMeetingSchema, {
    title: d.title,
    organization: d.organization.trim() || null,
    rule: d.rule,
    ...(categories.length ? { categories } : { eligible }),
    subjects,
  });
}

/** "Add rows" and "remove" buttons re-render the form: rows come and go with JavaScript off. */
function edited(d: MeetingDraft, op: string): MeetingDraft {
  const [what, index] = op.split(':');
  const i = Number(index);
  if (what === 'more_cats') d.categories.push(...Array.from({ length: MORE_CATEGORIES }, () => ({ label: '', eligible: '' })));
  if (what === 'more_subjects') d.subjects.push(...Array.from({ length: MORE_SUBJECTS }, () => ({ name: '', kind: '' })));
  if (what === 'rm_cat') d.categories.splice(i, 1);
  if (what === 'rm_subj') d.subjects.splice(i, 1);
  d.categories = d.categories.slice(0, MAX_CATEGORIES);
  d.subjects = d.subjects.slice(0, MAX_SUBJECTS);
  return d;
}

async function formPage(c: C, draft: MeetingDraft, error?: string, status: 200 | 400 | 409 = 200) {
  return htmlPage(c, <MeetingForm {...await staffView(c)} draft={draft} error={error} entries={await entryChoices(c.get('services'))} />, status);
}

/** /staff/meetings: the list. */
export const meetingListPages = new Hono<AppEnv>().get('/', async (c) =>
  htmlPage(c, <MeetingsPage {...await staffView(c)} meetings={await visibleMeetings(c.get('services'), c.get('actor'))} />),
);

/**
 * /staff/new-meeting: a new meeting. Not /staff/meetings/new: a fixed word where meeting ids
 * go would push Hono from its precompiled RegExpRouter to the slower TrieRouter for every
 * request, votes included.
 */
export const newMeetingPages = new Hono<AppEnv>()
  .get('/', requireRole(SUPERVISOR), (c) => formPage(c, blankDraft()))
  .post('/', requireRole(SUPERVISOR), async (c) => {
    const form = await readForm(c);
    const draft = draftOf(form);
    const op = form.field('op') || 'create';
    if (op !== 'create') return formPage(c, edited(draft, op));
    try {
      const meeting = await createMeeting(c.get('services'), inputOf(draft), c.get('actor'));
      return c.redirect(`/staff/meetings/${meeting.id}?done=created`, 303);
    } catch (err) {
      const status = err instanceof DomainError ? statusOf(err) : 500;
      if (err instanceof DomainError && (status === 400 || status === 409)) return formPage(c, draft, err.message, status);
      throw err;
    }
  });
