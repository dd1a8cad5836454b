import { transition, type MeetingAction } from '../domain/meeting-state';
import { DomainError } from '../domain/errors';
import type { Services } from './context';
import { closeAnchor } from './anchor';
import { loadMeeting } from './load-meeting';
import { record } from './record';
import type { Actor } from '../domain/people';

/** open / close: the state machine decides, one conditional UPDATE makes it so. */
export async function changeState(services: Services, meetingId: string, action: MeetingAction, actor: Actor) {
  const meeting = await loadMeeting(services, meetingId, actor);
  const to = transition(meeting.status, action);
  if (to === 'open' && meeting.subjects.length === 0) throw new DomainError('invalid_state', '测评会没有测评对象，不能开始投票');
  const at = new Date().toISOString();
  if (!(await services.store.setStatus(meetingId, meeting.status, to, at))) {
    throw new DomainError('invalid_state', '测评会状态刚刚被他人更改，请刷新后重试');
  }
  // Closed now: the last votes that got in are written in full (their second commit), and the
  // storage's history is emptied (or shown pending) — before anything reads the ballots.
  if (to === 'closed') await services.store.forgetArrivalOrder?.(meetingId);
  if (to === 'open') await record(services, meetingId, 'meeting_opened', actor);
  // Closed now, its ballots final: the close event anchors them and the results they publish.
  else await record(services, meetingId, 'meeting_closed', actor, { ...(await closeAnchor(services, await loadMeeting(services, meetingId, 'public'))) });
  return loadMeeting(services, meetingId, actor);
}
