import { Hono, type Context } from 'hono';
import { createMiddleware } from 'hono/factory';
import type { MeetingAction } from '../../domain/meeting-state';
import { changeState } from '../../services/change-state';
import { addCoSupervisor, meetingSupervisors, removeCoSupervisor } from '../../services/co-supervisors';
import { createMeeting } from '../../services/create-meeting';
import { issueTokens } from '../../services/issue-tokens';
import { loadMeeting, meetingJson, rosterWarnings, visibleMeetings } from '../../services/load-meeting';
import { voidToken } from '../../services/void-token';
import { requireRole, STAFF, SUPERVISOR } from '../auth';
import { JSON_BYTES, jsonInput, limitBody } from '../body';
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

/** /api/meetings; its body limit covers every group mounted there (results, paper ballots, stream). */
export const meetingRoutes = new Hono<AppEnv>()
  .use(limitBody(JSON_BYTES))
  .post('/', requireRole(SUPERVISOR), jsonInput(createMeetingSchema), async (c) => {
    const meeting = await createMeeting(c.get('services'), c.req.valid('json'), c.get('actor'));
    const warnings = rosterWarnings(c.get('services').config, meeting);
    return c.json({ ...meetingJson(meeting), ...(warnings.length && { warnings }) }, 201);
  })
  .get('/', requireRole(STAFF), async (c) => {
    const meetings = await visibleMeetings(c.get('services'), c.get('actor'));
    return c.json({ meetings: meetings.map(meetingJson) });
  })
  .get('/:id', requireRole(STAFF), async (c) => c.json(meetingJson(await loadMeeting(c.get('services'), c.req.param('id'), c.get('actor')))))
  .post('/:id/tokens', requireRole(SUPERVISOR), meetingGate, jsonInput(issueTokensSchema), async (c) => {
    const input = c.req.valid('json');
    const issued = await issueTokens(c.get('services'), c.req.param('id'), input, c.get('actor'));
    c.get('hub').poke(c.req.param('id'));
    if (input.format === 'html') return renderSlipSheet(c, issued, input.layout ?? 'slip');
    return c.json({ tokens: issued.tokens, urls: issued.urls, ...(issued.category && { category: issued.category }) }, 201);
  })
  .post('/:id/tokens/void', requireRole(SUPERVISOR), meetingGate, jsonInput(tokenSchema), async (c) => {
    const voided = await voidToken(c.get('services'), c.req.param('id'), c.req.valid('json').token, c.get('actor'));
    c.get('hub').poke(c.req.param('id'));
    return c.json(voided);
  })
  .post('/:id/open', requireRole(SUPERVISOR), (c) => stateChange(c, 'open'))
  .post('/:id/close', requireRole(SUPERVISOR), (c) => stateChange(c, 'close'))
  .get('/:id/supervisors', requireRole(SUPERVISOR), async (c) => {
    const services = c.get('services');
    return c.json(await meetingSupervisors(services, await loadMeeting(services, c.req.param('id'), c.get('actor'))));
  })
  .post('/:id/supervisors', requireRole(SUPERVISOR), meetingGate, jsonInput(coSupervisorSchema), async (c) =>
    c.json(await addCoSupervisor(c.get('services'), c.req.param('id'), c.req.valid('json').userId, c.get('actor'))),
  )
  .delete('/:id/supervisors/:userId', requireRole(SUPERVISOR), async (c) =>
    c.json(await removeCoSupervisor(c.get('services'), c.req.param('id'), c.req.param('userId'), c.get('actor'))),
  );

async function stateChange(c: Context<AppEnv>, action: MeetingAction) {
  const meeting = await changeState(c.get('services'), c.req.param('id') ?? '', action, c.get('actor'));
  c.get('hub').poke(meeting.id, 'state');
  return c.json(meetingJson(meeting));
}
