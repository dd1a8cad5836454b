import { Hono } from 'hono';
import { DomainError } from '../../../domain/errors';
import { copyMeeting, deleteDraft, editDraft, notDraft } from '../../../services/edit-meeting';
import { loadMeeting } from '../../../services/load-meeting';
import { entryChoices } from '../../../services/seasons/seasons';
import { MeetingForm, type MeetingDraft } from '../../../../web/staff/meeting-form';
import { AskPage } from '../../../../web/staff/ask-page';
import { requireRole, SUPERVISOR } from '../../auth';
import { readForm } from '../../body';
import type { AppEnv, C } from '../../env';
import { statusOf } from '../../error-status';
import { htmlPage } from '../../html-page';
import { staffView } from './kit';
import { draftOf, draftOfMeeting, edited, inputOf } from './meetings';

const idOf = (c: C) => c.req.param('id') ?? '';
const target = (id: string) => ({ action: `/staff/meetings/${id}/edit`, heading: '修改测评会（草稿）', submit: '保存修改', cancel: `/staff/meetings/${id}` });

async function editPage(c: C, draft: MeetingDraft, error?: string, status: 200 | 400 | 409 = 200) {
  const entries = await entryChoices(c.get('services'));
  return htmlPage(c, <MeetingForm {...await staffView(c)} draft={draft} error={error} entries={entries} target={target(idOf(c))} />, status);
}

async function draftMeeting(c: C) {
  const meeting = await loadMeeting(c.get('services'), idOf(c), c.get('actor'));
  if (meeting.status !== 'draft') throw notDraft();
  return meeting;
}

/** /staff/meetings/:id/edit, /copy, /delete: a draft changed or removed, a closed one copied for the next round. */
export const draftPages = new Hono<AppEnv>()
  .get('/:id/edit', requireRole(SUPERVISOR), async (c) => editPage(c, draftOfMeeting(await draftMeeting(c))))
  .post('/:id/edit', requireRole(SUPERVISOR), async (c) => {
    await draftMeeting(c); // someone else's meeting is a 404, an open one a 409, before the form is read
    const form = await readForm(c);
    const draft = draftOf(form);
    const op = form.field('op') || 'create';
    if (op !== 'create') return editPage(c, edited(draft, op));
    try {
      await editDraft(c.get('services'), idOf(c), inputOf(draft), c.get('actor'));
      return c.redirect(`/staff/meetings/${idOf(c)}?done=edited`, 303);
    } catch (err) {
      const status = err instanceof DomainError ? statusOf(err) : 0;
      if (status === 400 || status === 409) return editPage(c, draft, (err as DomainError).message, status);
      throw err;
    }
  })
  .post('/:id/copy', requireRole(SUPERVISOR), async (c) => {
    const copy = await copyMeeting(c.get('services'), idOf(c), {}, c.get('actor'));
    return c.redirect(`/staff/meetings/${copy.id}/edit`, 303);
  })
  .get('/:id/delete', requireRole(SUPERVISOR), async (c) => {
    const m = await draftMeeting(c);
    const lines = [`将删除草稿“${m.title}”及其名册、测评对象${m.issued ? `，已发放的 ${m.issued} 张测评码也将全部失效` : ''}。`, '删除后不能恢复（审计记录保留）。'];
    return htmlPage(c, <AskPage {...await staffView(c)} title="确认删除测评会" lines={lines} action={`/staff/meetings/${m.id}/delete`} confirm="确认删除" back={`/staff/meetings/${m.id}`} />);
  })
  .post('/:id/delete', requireRole(SUPERVISOR), async (c) => {
    await deleteDraft(c.get('services'), idOf(c), c.get('actor'));
    return c.redirect('/staff/meetings', 303);
  });
