import { Hono } from 'hono';
import { changeState } from '../../services/change-state';
import { createMeeting } from '../../services/create-meeting';
import { issueTokens } from '../../services/issue-tokens';
import { loadMeeting, meetingJson } from '../../services/load-meeting';
import { voidToken, voidUnusedSlips } from '../../services/void-token';
import { requireRole, STAFF, SUPERVISOR } from '../auth';
import { readJson } from '../body';
import type { AppEnv } from '../env';
import { copyMeeting, deleteDraft, editDraft } from '../../services/edit-meeting';
import { copyMeetingSchema, createMeetingSchema, editMeetingSchema, issueTokensSchema, voidSchema } from '../schemas';
import { renderSlipSheet } from '../slips';

export const meetingRoutes = new Hono<AppEnv>()
  .post('/', requireRole(SUPERVISOR), async (c) => {
    const input = await readJson(c, createMeetingSchema);
    return c.json(meetingJson(await createMeeting(c.get('services'), input, c.get('actor'))), 201);
  })
  .get('/', requireRole(STAFF), async (c) => {
    const meetings = await c.get('services').store.listMeetings();
    return c.json({ meetings: meetings.map(meetingJson) });
  })
  .get('/:id', requireRole(STAFF), async (c) => c.json(meetingJson(await loadMeeting(c.get('services'), c.req.param('id')))))
  .patch('/:id', requireRole(SUPERVISOR), async (c) => {
    const edit = await readJson(c, editMeetingSchema);
    return c.json(meetingJson(await editDraft(c.get('services'), c.req.param('id'), edit, c.get('actor'))));
  })
  .delete('/:id', requireRole(SUPERVISOR), async (c) => {
    await deleteDraft(c.get('services'), c.req.param('id'), c.get('actor'));
    return c.body(null, 204);
  })
  .post('/:id/copy', requireRole(SUPERVISOR), async (c) => {
    const input = await readJson(c, copyMeetingSchema);
    return c.json(meetingJson(await copyMeeting(c.get('services'), c.req.param('id'), input, c.get('actor'))), 201);
  })
  .post('/:id/tokens', requireRole(SUPERVISOR), async (c) => {
    const input = await readJson(c, issueTokensSchema);
    const issued = await issueTokens(c.get('services'), c.req.param('id'), input, c.get('actor'));
    if (input.format === 'html') return renderSlipSheet(c, issued, input.layout ?? 'slip');
    return c.json({ tokens: issued.tokens, urls: issued.urls, ...(issued.category && { category: issued.category }) }, 201);
  })
  .post('/:id/tokens/void', requireRole(SUPERVISOR), async (c) => {
    const input = await readJson(c, voidSchema);
    if ('unused' in input) return c.json(await voidUnusedSlips(c.get('services'), c.req.param('id'), input.category ?? null, c.get('actor')));
    return c.json(await voidToken(c.get('services'), c.req.param('id'), input.token, c.get('actor')));
  })
  .post('/:id/open', requireRole(SUPERVISOR), async (c) =>
    c.json(meetingJson(await changeState(c.get('services'), c.req.param('id'), 'open', c.get('actor')))),
  )
  .post('/:id/close', requireRole(SUPERVISOR), async (c) =>
    c.json(meetingJson(await changeState(c.get('services'), c.req.param('id'), 'close', c.get('actor')))),
  );
