import { Hono } from 'hono';
import { transition, type MeetingAction } from '../../../domain/meeting-state';
import { changeState } from '../../../services/change-state';
import { issueTokens } from '../../../services/issue-tokens';
import { loadMeeting } from '../../../services/load-meeting';
import { meetingTurnout } from '../../../services/turnout';
import { voidToken } from '../../../services/void-token';
import { ConfirmPage } from '../../../../web/staff/confirm-page';
import { MeetingPage } from '../../../../web/staff/meeting-page';
import { requireRole, STAFF, SUPERVISOR } from '../../auth';
import { validate } from '../../body';
import type { AppEnv } from '../../env';
import { isFormRefusal, statusOf } from '../../error-status';
import { htmlPage } from '../../html-page';
import { issueTokensSchema } from '../../schemas';
import { renderSlipSheet } from '../../slips';
import { field, formOf, staffView, type C } from './kit';

const DONE: Record<string, string> = {
  created: '测评会已创建。下一步：发放并打印测评码，然后开始投票。',
  voided: '测评码已作废，不能再用于投票。',
};

const meetingOf = (c: C) => loadMeeting(c.get('services'), c.req.param('id') ?? '');

async function meetingPage(c: C, extra: { flash?: string; error?: string } = {}, status: 200 | 400 | 404 | 409 = 200) {
  return htmlPage(c, <MeetingPage {...await staffView(c)} meeting={await meetingOf(c)} {...extra} />, status);
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
    return c.redirect(`/staff/meetings/${meeting.id}/${action === 'open' ? 'live' : 'results'}`, 303);
  };
}

/** /staff/meetings/:id: the meeting, its slips, open and close (each confirmed), lost slips. */
export const meetingPages = new Hono<AppEnv>()
  .get('/:id', requireRole(STAFF), (c) => meetingPage(c, { flash: DONE[c.req.query('done') ?? ''] }))
  .post('/:id/slips', requireRole(SUPERVISOR), (c) =>
    orOnPage(c, async () => {
      const form = await formOf(c);
      const input = validate(issueTokensSchema, {
        count: Number(field(form, 'count')),
        category: field(form, 'category') || undefined,
        layout: field(form, 'layout') || 'slip',
      });
      const issued = await issueTokens(c.get('services'), c.req.param('id'), input, c.get('actor'));
      return renderSlipSheet(c, issued, input.layout ?? 'slip');
    }),
  )
  .post('/:id/void', requireRole(SUPERVISOR), (c) =>
    orOnPage(c, async () => {
      const form = await formOf(c);
      await voidToken(c.get('services'), c.req.param('id'), field(form, 'code'), c.get('actor'));
      return c.redirect(`/staff/meetings/${c.req.param('id')}?done=voided`, 303);
    }),
  )
  .get('/:id/open', requireRole(SUPERVISOR), confirmRoute('open'))
  .post('/:id/open', requireRole(SUPERVISOR), changeRoute('open'))
  .get('/:id/close', requireRole(SUPERVISOR), confirmRoute('close'))
  .post('/:id/close', requireRole(SUPERVISOR), changeRoute('close'));
