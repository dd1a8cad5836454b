import { transition, type MeetingAction } from '../domain/meeting-state';
import { DomainError } from '../domain/errors';
import type { Services } from './context';
import { loadMeeting } from './load-meeting';
import { record } from './record';
import type { Actor } from '../domain/people';

/** open / close: the state machine decides, one conditional UPDATE makes it so. */
export async function changeState(services: Services, meetingId: string, action: MeetingAction, actor: Actor) {
  const meeting = await loadMeeting(services, meetingId);
  const to = transition(meeting.status, action);
  if (to === 'open' && meeting.subjects.length === 0) throw new DomainError('invalid_state', '测评会没有测评对象，不能开始投票');
  const at = new Date().toISOString();
  if (!(await services.store.setStatus(meetingId, meeting.status, to, at))) {
    throw new DomainError('invalid_state', '测评会状态刚刚被他人更改，请刷新后重试');
  }
  const cast = Object.values(await services.store.castCounts(meetingId)).reduce((a, b) => a + b, 0);
  await record(services, meetingId, to === 'open' ? 'meeting_opened' : 'meeting_closed', actor, to === 'closed' ? { cast } : {});
  // The ballots are final now: drop the physical trace of the order they came in.
  if (to === 'closed') await services.store.forgetArrivalOrder?.(meetingId);
  return loadMeeting(services, meetingId);
}
