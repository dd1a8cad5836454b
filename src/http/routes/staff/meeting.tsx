import { Hono } from 'hono';
import { DomainError } from '../../../domain/errors';
import { transition, type MeetingAction } from '../../../domain/meeting-state';
import { changeState } from '../../../services/change-state';
import { addableSupervisors, addCoSupervisor, meetingSupervisors, removeCoSupervisor } from '../../../services/co-supervisors';
import { issueTokens } from '../../../services/issue-tokens';
import { loadMeeting, rosterWarnings } from '../../../services/load-meeting';
import { meetingTurnout } from '../../../services/turnout';
import { voidToken, voidUnusedSlips } from '../../../services/void-token';
import { formatToken } from '../../../domain/codes';
import { tokenUsed, tokenVoid } from '../../../services/cast-ballot';
import { findToken, unknownToken } from '../../../services/find-token';
import { meetingSlips } from '../../../services/turnout';
import { AskPage } from '../../../../web/staff/ask-page';
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
  voided: '测评码已作废，不能再用于投票；它占用的名额已空出，可以补发一张。',
  'voided-unused': '未使用的测评码已全部作废，名额已空出：请重新发放并打印。',
  'none-unused': '没有未使用的测评码，无需作废。',
  edited: '修改已保存。',
  printed:
    '测评码只在生成时显示这一次，重新打开打印页不会再显示。打印好的测评码请妥善保管。若整张打印页丢失或没打印出来：用下面的“作废全部未用的测评码”作废它们，再重新发放、打印。',
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
  const slips = await meetingSlips(services, meeting.id);
  return htmlPage(
    c,
    <MeetingPage {...await staffView(c)} meeting={meeting} warnings={warnings} supervisors={supervisors} slips={slips} publicUrl={services.config.publicUrl} {...extra} />,
    status,
  );
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
  // Reloading the printed sheet's address: the codes are gone for good; say so on a page.
  .get('/:id/slips', requireRole(SUPERVISOR), async (c) => c.redirect(`/staff/meetings/${(await meetingOf(c)).id}?done=printed`, 303))
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
      return renderSlipSheet(c, issued, input.layout ?? 'slip', `/staff/meetings/${issued.meeting.id}?done=printed`);
    }),
  )
  .post('/:id/void', requireRole(SUPERVISOR), (c) =>
    orOnPage(c, async () => {
      const form = await readForm(c);
      const code = form.field('code');
      if (form.field('confirmed') !== '1') {
        // Asked first: a typo could void someone else's slip. The code is checked before asking.
        const meeting = await meetingOf(c);
        if (meeting.status === 'closed') throw new DomainError('meeting_closed', '测评会已结束，不能再作废测评码');
        const token = await findToken(c.get('services'), code);
        if (token.meetingId !== meeting.id) throw unknownToken();
        if (token.state !== 'unused') throw token.state === 'void' ? tokenVoid() : tokenUsed(null);
        const label = meeting.categories.find((x) => x.key === token.category)?.label;
        const lines = [`将作废测评码 ${formatToken(token.token)}${label ? `（${label}）` : ''}。`, '作废后这张小票不能再投票，也不能恢复；它占用的名额会空出，可以补发一张。'];
        return htmlPage(c, <AskPage {...await staffView(c)} title="确认作废测评码" lines={lines} action={`/staff/meetings/${meeting.id}/void`} confirm="确认作废" back={`/staff/meetings/${meeting.id}`} fields={{ code }} />);
      }
      await voidToken(c.get('services'), c.req.param('id'), code, c.get('actor'));
      c.get('hub').poke(c.req.param('id'));
      return c.redirect(`/staff/meetings/${c.req.param('id')}?done=voided`, 303);
    }),
  )
  .post('/:id/void-unused', requireRole(SUPERVISOR), (c) =>
    orOnPage(c, async () => {
      const form = await readForm(c);
      const category = form.field('category') || null;
      const meeting = await meetingOf(c);
      if (form.field('confirmed') !== '1') {
        const label = category ? `类别“${meeting.categories.find((x) => x.key === category)?.label ?? category}”的` : '';
        const lines = [
          `将作废${label}全部未使用的测评码（已投票的不受影响）。`,
          '用于整张打印页丢失或没打印出来的情况。已发到参会人员手中、还没投票的小票也会一并作废，不能恢复。',
          '作废后名额空出，请重新发放并打印。',
        ];
        const fields: Record<string, string> = category ? { category } : {};
        return htmlPage(c, <AskPage {...await staffView(c)} title="确认作废全部未用的测评码" lines={lines} action={`/staff/meetings/${meeting.id}/void-unused`} confirm="确认作废" back={`/staff/meetings/${meeting.id}`} fields={fields} />);
      }
      const { voided } = await voidUnusedSlips(c.get('services'), meeting.id, category, c.get('actor'));
      c.get('hub').poke(meeting.id);
      return c.redirect(`/staff/meetings/${meeting.id}?done=${voided ? 'voided-unused' : 'none-unused'}`, 303);
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
