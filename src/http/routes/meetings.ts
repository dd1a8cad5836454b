import { Hono, type Context } from 'hono';
import type { MeetingAction } from '../../domain/meeting-state';
import { changeState } from '../../services/change-state';
import { createMeeting } from '../../services/create-meeting';
import { issueTokens } from '../../services/issue-tokens';
import { loadMeeting, meetingJson } from '../../services/load-meeting';
import { voidToken } from '../../services/void-token';
import { requireRole, STAFF, SUPERVISOR } from '../auth';
import { JSON_BYTES, jsonInput, limitBody } from '../body';
import type { AppEnv } from '../env';
import { createMeetingSchema, issueTokensSchema, tokenSchema } from '../schemas';
import { renderSlipSheet } from '../slips';

/** /api/meetings; its body limit covers every group mounted there (results, paper ballots, stream). */
export const meetingRoutes = new Hono<AppEnv>()
  .use(limitBody(JSON_BYTES))
  .post('/', requireRole(SUPERVISOR), jsonInput(createMeetingSchema), async (c) => {
    const input = c.req.valid('json');
    return c.json(meetingJson(await createMeeting(c.get('services'), input, c.get('actor'))), 201);
  })
  .get('/', requireRole(STAFF), async (c) => {
    const meetings = await c.get('services').store.listMeetings();
    return c.json({ meetings: meetings.map(meetingJson) });
  })
  .get('/:id', requireRole(STAFF), async (c) => c.json(meetingJson(await loadMeeting(c.get('services'), c.req.param('id')))))
  .post('/:id/tokens', requireRole(SUPERVISOR), jsonInput(issueTokensSchema), async (c) => {
    const input = c.req.valid('json');
    const issued = await issueTokens(c.get('services'), c.req.param('id'), input, c.get('actor'));
    c.get('hub').poke(c.req.param('id'));
    if (input.format === 'html') return renderSlipSheet(c, issued, input.layout ?? 'slip');
    return c.json({ tokens: issued.tokens, urls: issued.urls, ...(issued.category && { category: issued.category }) }, 201);
  })
  .post('/:id/tokens/void', requireRole(SUPERVISOR), jsonInput(tokenSchema), async (c) => {
    const voided = await voidToken(c.get('services'), c.req.param('id'), c.req.valid('json').token, c.get('actor'));
    c.get('hub').poke(c.req.param('id'));
    return c.json(voided);
  })
  .post('/:id/open', requireRole(SUPERVISOR), (c) => stateChange(c, 'open'))
  .post('/:id/close', requireRole(SUPERVISOR), (c) => stateChange(c, 'close'));

async function stateChange(c: Context<AppEnv>, action: MeetingAction) {
  const meeting = await changeState(c.get('services'), c.req.param('id') ?? '', action, c.get('actor'));
  c.get('hub').poke(meeting.id, 'state');
  return c.json(meetingJson(meeting));
}
