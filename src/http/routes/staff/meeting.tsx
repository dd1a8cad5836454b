import { Hono } from 'hono';
import { transition, type MeetingAction } from '../../../domain/meeting-state';
import { changeState } from '../../../services/change-state';
import { addableSupervisors, addCoSupervisor, meetingSupervisors, removeCoSupervisor } from '../../../services/co-supervisors';
import { issueTokens } from '../../../services/issue-tokens';
import { loadMeeting, rosterWarnings } from '../../../services/load-meeting';
import { meetingTurnout } from '../../../services/turnout';
import { voidToken } from '../../../services/void-token';
import { ConfirmPage } from '../../../../web/staff/confirm-page';
import { MeetingPage } from '../../../../web/staff/meeting-page';
import { requireRole, STAFF, SUPERVISOR } from '../../auth';
import { readForm, validate } from '../../body';
import type { AppEnv, C } from '../../env';
import { isFormRefusal, statusOf } from '../../error-status';
import { htmlPage } from '../../html-page';
import { issueTokensSchema } from '../../schemas';
import { renderSlipSheet } from '../../slips';
import { staffView } from './kit';

const DONE: Record<string, string> = {
  created: '测评会已创建。下一步：发放并打印测评码，然后开始投票。',
  voided: '测评码已作废，不能再用于投票。',
  supervisor_added: '已添加协同监督员：他现在可以看到并操作本测评会。',
  supervisor_removed: '已移除协同监督员：他不再能看到本测评会。',
};

const meetingOf = (c: C) => loadMeeting(c.get('services'), c.req.param('id') ?? '', c.get('actor'));

async function meetingPage(c: C, extra: { flash?: string; error?: string } = {}, status: 200 | 400 | 404 | 409 = 200) {
  const meeting = await meetingOf(c);
  const services = c.get('services');
  const warnings = rosterWarnings(services.config, meeting);
  const actor = c.get('actor');
  const supervisors =
    actor.role === 'scorer'
      ? undefined
      : {
          people: await meetingSupervisors(services, meeting),
          addable: actor.role === 'admin' || actor.id === meeting.createdBy ? await addableSupervisors(services, meeting) : null,
        };
  return htmlPage(c, <MeetingPage {...await staffView(c)} meeting={meeting} warnings={warnings} supervisors={supervisors} {...extra} />, status);
}

/** A refusal of a form on the meeting page is shown on that page, next to the form. */
async function orOnPage(c: C, act: () => Promise<Response>) {
  try {
    return await act();
  } catch (err) {
    if (isFormRefusal(err)) return meetingPage(c, { error: err.message }, statusOf(err) as 400 | 404 | 409);
    throw err;
  }
}

function confirmRoute(action: MeetingAction) {
  return async (c: C) => {
    const meeting = await meetingOf(c);
    transition(meeting.status, action); // refuses now rather than after "confirm"
    const turnout = await meetingTurnout(c.get('services'), meeting);
    return htmlPage(c, <ConfirmPage {...await staffView(c)} meeting={meeting} action={action} turnout={turnout} />);
  };
}

function changeRoute(action: MeetingAction) {
  return async (c: C) => {
    const meeting = await changeState(c.get('services'), c.req.param('id') ?? '', action, c.get('actor'));
    c.get('hub').poke(meeting.id, 'state');
    return c.redirect(`/staff/meetings/${meeting.id}/${action === 'open' ? 'live' : 'results'}`, 303);
  };
}

/** /staff/meetings/:id: the meeting, its slips, open and close (each confirmed), lost slips. */
export const meetingPages = new Hono<AppEnv>()
  .get('/:id', requireRole(STAFF), (c) => meetingPage(c, { flash: DONE[c.req.query('done') ?? ''] }))
  .post('/:id/slips', requireRole(SUPERVISOR), (c) =>
    orOnPage(c, async () => {
      const form = await readForm(c);
      const input = validate(issueTokensSchema, {
        count: Number(form.field('count')),
        category: form.field('category') || undefined,
        layout: form.field('layout') || 'slip',
      });
      const issued = await issueTokens(c.get('services'), c.req.param('id'), input, c.get('actor'));
      c.get('hub').poke(c.req.param('id'));
      return renderSlipSheet(c, issued, input.layout ?? 'slip');
    }),
  )
  .post('/:id/void', requireRole(SUPERVISOR), (c) =>
    orOnPage(c, async () => {
      const form = await readForm(c);
      await voidToken(c.get('services'), c.req.param('id'), form.field('code'), c.get('actor'));
      c.get('hub').poke(c.req.param('id'));
      return c.redirect(`/staff/meetings/${c.req.param('id')}?done=voided`, 303);
    }),
  )
  .post('/:id/supervisors', requireRole(SUPERVISOR), (c) =>
    orOnPage(c, async () => {
      await addCoSupervisor(c.get('services'), c.req.param('id'), (await readForm(c)).field('userId'), c.get('actor'));
      return c.redirect(`/staff/meetings/${c.req.param('id')}?done=supervisor_added#supervisors`, 303);
    }),
  )
  .post('/:id/supervisors/remove', requireRole(SUPERVISOR), (c) =>
    orOnPage(c, async () => {
      await removeCoSupervisor(c.get('services'), c.req.param('id'), (await readForm(c)).field('userId'), c.get('actor'));
      return c.redirect(`/staff/meetings/${c.req.param('id')}?done=supervisor_removed#supervisors`, 303);
    }),
  )
  .get('/:id/open', requireRole(SUPERVISOR), confirmRoute('open'))
  .post('/:id/open', requireRole(SUPERVISOR), changeRoute('open'))
  .get('/:id/close', requireRole(SUPERVISOR), confirmRoute('close'))
  .post('/:id/close', requireRole(SUPERVISOR), changeRoute('close'));
