import { Hono } from 'hono';
import { formatToken, normalizeToken } from '../../../domain/codes';
import { DomainError } from '../../../domain/errors';
import { checkPaperSlip, keyPaperBallot, paperKeyedCount } from '../../../services/key-paper-ballot';
import { loadMeeting } from '../../../services/load-meeting';
import { meetingTurnout } from '../../../services/turnout';
import { MessagePage } from '../../../../web/staff/message-page';
import { PaperPage, type PaperPageProps } from '../../../../web/staff/paper-page';
import { requireRole, SUPERVISOR } from '../../auth';
import { readForm } from '../../body';
import type { AppEnv, C } from '../../env';
import { isFormRefusal, statusOf } from '../../error-status';
import { htmlPage } from '../../html-page';
import { staffView } from './kit';
import type { Meeting } from '../../../domain/meeting';

type Keyed = Pick<PaperPageProps, 'code' | 'chosen' | 'missing' | 'flash' | 'error'>;

const meetingOf = (c: C) => loadMeeting(c.get('services'), c.req.param('id') ?? '', c.get('actor'));

/** The page, with the running counts; a meeting not open takes no slips, so no form then. */
async function paperPage(c: C, meeting: Meeting, keyed: Keyed = {}, status: 200 | 201 | 400 | 404 | 409 = 200) {
  const view = await staffView(c);
  if (meeting.status !== 'open') {
    const message = meeting.status === 'draft' ? '测评会尚未开始投票：开始投票后才能录入纸质票。' : '测评会已结束投票，不能再录入纸质票。';
    const back = { href: `/staff/meetings/${meeting.id}`, label: '返回测评会' };
    return htmlPage(c, <MessagePage title="现在不能录入纸质票" message={message} back={back} {...view} />, 409);
  }
  const [turnout, paper] = await Promise.all([meetingTurnout(c.get('services'), meeting), paperKeyedCount(c.get('services'), meeting.id)]);
  return htmlPage(c, <PaperPage {...view} meeting={meeting} cast={turnout.cast} paper={paper} {...keyed} />, status);
}

/** The refusals in words for the one keying in, who sets the slip aside and goes on. */
function refusalText(err: DomainError): string {
  const receipt = (err.details as { receipt?: string } | undefined)?.receipt;
  if (err.code === 'token_unknown') return '测评码无效，或不是本次测评会的测评码：请核对纸质票上的二维码或字母数字后重试。';
  if (err.code === 'token_used')
    return `此测评码已使用${receipt ? `（回执码 ${receipt}）` : ''}：这张纸质票不能再录入（持票人可能已用手机投过票）。请把它单独放好，继续录入下一张。`;
  if (err.code === 'token_void') return '此测评码已作废：这张纸质票不计票。请把它单独放好，继续录入下一张。';
  return err.message;
}

const shown = (code: string) => {
  const token = normalizeToken(code);
  return token ? formatToken(token) : code;
};

async function keyIn(c: C) {
  const form = await readForm(c);
  const meeting = await meetingOf(c);
  const code = form.field('code').trim();
  const chosen = Object.fromEntries(meeting.subjects.map((s) => [s.id, form.field(s.id)]).filter(([, g]) => g));
  const services = c.get('services');
  try {
    if (meeting.status !== 'open') return await paperPage(c, meeting);
    if (!code) throw new DomainError('invalid_input', '请先扫描纸质票上的二维码，或输入票上印的测评码。');
    if (Object.keys(chosen).length === 0) {
      // A scanner's Enter right after the code: check the slip, keep it, and wait for the marks.
      const token = await checkPaperSlip(services, meeting.id, code, c.get('actor'));
      return await paperPage(c, meeting, { code: formatToken(token.token), flash: '测评码有效：请按纸质票勾选各测评对象的等次，然后点“录入这张票”。' });
    }
    const { receipt } = await keyPaperBallot(services, meeting.id, { token: code, choices: chosen }, c.get('actor'));
    c.get('hub').poke(meeting.id);
    return await paperPage(c, meeting, { flash: `已录入 1 张纸质票（回执码 ${receipt}）` }, 201);
  } catch (err) {
    if (!isFormRefusal(err)) throw err;
    if (err.code === 'meeting_not_open') return paperPage(c, await meetingOf(c)); // closed meanwhile
    const spent = err.code === 'token_used' || err.code === 'token_void';
    const d = (err.details ?? {}) as { missing?: string[]; invalid?: string[] };
    const missing = [...(d.missing ?? []), ...(d.invalid ?? [])];
    return paperPage(c, meeting, { code: spent ? '' : shown(code), chosen, missing, error: refusalText(err) }, statusOf(err) as 400 | 404 | 409);
  }
}

/** /staff/meetings/:id/paper: marked paper slips keyed in at counting, one after another. */
export const paperPages = new Hono<AppEnv>()
  .get('/:id/paper', requireRole(SUPERVISOR), async (c) => paperPage(c, await meetingOf(c)))
  .post('/:id/paper', requireRole(SUPERVISOR), keyIn);
