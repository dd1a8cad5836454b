import { DomainError } from '../domain/errors';
import type { Meeting } from '../domain/meeting';
import type { Actor, MeetingSupervisors, User } from '../domain/people';
import type { Services } from './context';
import { loadMeeting } from './load-meeting';
import { record } from './record';

/*
 * A meeting's supervisors: its creator (always) and the co-supervisors added to it. Only the
 * creator or an admin changes who they are; a stranger gets the same 404 as everywhere else.
 */

async function ownerMeeting(services: Services, meetingId: string, actor: Actor): Promise<Meeting> {
  const meeting = await loadMeeting(services, meetingId, actor);
  if (actor.role !== 'admin' && meeting.createdBy !== actor.id) {
    throw new DomainError('not_meeting_owner');
  }
  return meeting;
}

export async function meetingSupervisors(services: Services, meeting: Meeting): Promise<MeetingSupervisors> {
  const [added, users] = await Promise.all([services.store.coSupervisors(meeting.id), services.store.listUsers()]);
  const owner = users.find((u) => u.id === meeting.createdBy);
  return {
    meetingId: meeting.id,
    owner: { id: meeting.createdBy, name: owner?.name ?? (meeting.createdBy === 'env-admin' ? '管理员' : null) },
    supervisors: added.map((u) => ({ id: u.id, name: u.name })),
  };
}

/** The supervisor accounts that could still be added: live, not the creator, not added yet. */
export async function addableSupervisors(services: Services, meeting: Meeting): Promise<User[]> {
  const [added, users] = await Promise.all([services.store.coSupervisors(meeting.id), services.store.listUsers()]);
  const taken = new Set([meeting.createdBy, ...added.map((u) => u.id)]);
  return users.filter((u) => u.role === 'supervisor' && !u.revoked && !taken.has(u.id));
}

export async function addCoSupervisor(services: Services, meetingId: string, userId: string, actor: Actor) {
  const meeting = await ownerMeeting(services, meetingId, actor);
  const user = (await services.store.listUsers()).find((u) => u.id === userId);
  if (!user || user.role !== 'supervisor' || user.revoked) {
    throw new DomainError('invalid_supervisor');
  }
  const already = user.id === meeting.createdBy || (await services.store.coSupervisors(meetingId)).some((u) => u.id === user.id);
  if (!already) {
    await services.store.addCoSupervisor(meetingId, user.id, new Date().toISOString());
    await record(services, meetingId, 'supervisor_added', actor, { userId: user.id, name: user.name });
  }
  return meetingSupervisors(services, meeting);
}

export async function removeCoSupervisor(services: Services, meetingId: string, userId: string, actor: Actor) {
  const meeting = await ownerMeeting(services, meetingId, actor);
  if (userId === meeting.createdBy) throw new DomainError('owner_not_removable');
  const added = await services.store.coSupervisors(meetingId);
  const user = added.find((u) => u.id === userId);
  if (user) {
    await services.store.removeCoSupervisor(meetingId, userId);
    await record(services, meetingId, 'supervisor_removed', actor, { userId, name: user.name });
  }
  return meetingSupervisors(services, meeting);
}
