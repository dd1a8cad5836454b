import { Hono } from 'hono';
import { createMiddleware } from 'hono/factory';
import { changeState } from '../../services/change-state';
import { addCoSupervisor, meetingSupervisors, removeCoSupervisor } from '../../services/co-supervisors';
import { createMeeting } from '../../services/create-meeting';
import { issueTokens } from '../../services/issue-tokens';
import { loadMeeting, meetingJson, rosterWarnings, visibleMeetings } from '../../services/load-meeting';
import { voidToken } from '../../services/void-token';
import { requireRole, STAFF, SUPERVISOR } from '../auth';
import { readJson } from '../body';
import type { AppEnv } from '../env';
import { coSupervisorSchema, createMeetingSchema, issueTokensSchema, tokenSchema } from '../schemas';
import { renderSlipSheet } from '../slips';

/**
 * After requireRole, before the body is read: a meeting that is not the actor's is a 404, so a
 * stranger learns nothing, not even that the body was wrong. (The service checks again when it
 * loads the meeting; this only puts the refusal first.)
 */
export const meetingGate = createMiddleware<AppEnv>(async (c, next) => {
  await loadMeeting(c.get('services'), c.req.param('id') ?? '', c.get('actor'));
  await next();
});

export const meetingRoutes = new Hono<AppEnv>()
  .post('/', requireRole(SUPERVISOR), async (c) => {
    const input = await readJson(c, createMeetingSchema);
    const meeting = await createMeeting(c.get('services'), input, c.get('actor'));
    const warnings = rosterWarnings(c.get('services').config, meeting);
    return c.json({ ...meetingJson(meeting), ...(warnings.length && { warnings }) }, 201);
  })
  .get('/', requireRole(STAFF), async (c) => {
    const meetings = await visibleMeetings(c.get('services'), c.get('actor'));
    return c.json({ meetings: meetings.map(meetingJson) });
  })
  .get('/:id', requireRole(STAFF), async (c) => c.json(meetingJson(await loadMeeting(c.get('services'), c.req.param('id'), c.get('actor')))))
  .post('/:id/tokens', requireRole(SUPERVISOR), meetingGate, async (c) => {
    const input = await readJson(c, issueTokensSchema);
    const issued = await issueTokens(c.get('services'), c.req.param('id'), input, c.get('actor'));
    if (input.format === 'html') return renderSlipSheet(c, issued, input.layout ?? 'slip');
    return c.json({ tokens: issued.tokens, urls: issued.urls, ...(issued.category && { category: issued.category }) }, 201);
  })
  .post('/:id/tokens/void', requireRole(SUPERVISOR), meetingGate, async (c) => {
    const { token } = await readJson(c, tokenSchema);
    return c.json(await voidToken(c.get('services'), c.req.param('id'), token, c.get('actor')));
  })
  .post('/:id/open', requireRole(SUPERVISOR), async (c) =>
    c.json(meetingJson(await changeState(c.get('services'), c.req.param('id'), 'open', c.get('actor')))),
  )
  .post('/:id/close', requireRole(SUPERVISOR), async (c) =>
    c.json(meetingJson(await changeState(c.get('services'), c.req.param('id'), 'close', c.get('actor')))),
  )
  .get('/:id/supervisors', requireRole(SUPERVISOR), async (c) => {
    const services = c.get('services');
    return c.json(await meetingSupervisors(services, await loadMeeting(services, c.req.param('id'), c.get('actor'))));
  })
  .post('/:id/supervisors', requireRole(SUPERVISOR), meetingGate, async (c) => {
    const { userId } = await readJson(c, coSupervisorSchema);
    return c.json(await addCoSupervisor(c.get('services'), c.req.param('id'), userId, c.get('actor')));
  })
  .delete('/:id/supervisors/:userId', requireRole(SUPERVISOR), async (c) =>
    c.json(await removeCoSupervisor(c.get('services'), c.req.param('id'), c.req.param('userId'), c.get('actor'))),
  );
