import { Hono } from 'hono';
import { changeState } from '../../services/change-state';
import { createMeeting } from '../../services/create-meeting';
import { issueTokens } from '../../services/issue-tokens';
import { loadMeeting, meetingJson, rosterWarnings } from '../../services/load-meeting';
import { voidToken } from '../../services/void-token';
import { requireRole, STAFF, SUPERVISOR } from '../auth';
import { readJson } from '../body';
import type { AppEnv } from '../env';
import { createMeetingSchema, issueTokensSchema, tokenSchema } from '../schemas';
import { renderSlipSheet } from '../slips';

export const meetingRoutes = new Hono<AppEnv>()
  .post('/', requireRole(SUPERVISOR), async (c) => {
    const input = await readJson(c, createMeetingSchema);
    const meeting = await createMeeting(c.get('services'), input, c.get('actor'));
    const warnings = rosterWarnings(c.get('services').config, meeting);
    return c.json({ ...meetingJson(meeting), ...(warnings.length && { warnings }) }, 201);
  })
  .get('/', requireRole(STAFF), async (c) => {
    const meetings = await c.get('services').store.listMeetings();
    return c.json({ meetings: meetings.map(meetingJson) });
  })
  .get('/:id', requireRole(STAFF), async (c) => c.json(meetingJson(await loadMeeting(c.get('services'), c.req.param('id')))))
  .post('/:id/tokens', requireRole(SUPERVISOR), async (c) => {
    const input = await readJson(c, issueTokensSchema);
    const issued = await issueTokens(c.get('services'), c.req.param('id'), input, c.get('actor'));
    if (input.format === 'html') return renderSlipSheet(c, issued, input.layout ?? 'slip');
    return c.json({ tokens: issued.tokens, urls: issued.urls, ...(issued.category && { category: issued.category }) }, 201);
  })
  .post('/:id/tokens/void', requireRole(SUPERVISOR), async (c) => {
    const { token } = await readJson(c, tokenSchema);
    return c.json(await voidToken(c.get('services'), c.req.param('id'), token, c.get('actor')));
  })
  .post('/:id/open', requireRole(SUPERVISOR), async (c) =>
    c.json(meetingJson(await changeState(c.get('services'), c.req.param('id'), 'open', c.get('actor')))),
  )
  .post('/:id/close', requireRole(SUPERVISOR), async (c) =>
    c.json(meetingJson(await changeState(c.get('services'), c.req.param('id'), 'close', c.get('actor')))),
  );
