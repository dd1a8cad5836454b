import { Hono } from 'hono';
import { csvResponse } from '../csv-response';
import { publishedResults } from '../../services/anchor';
import { auditReport } from '../../services/audit-report';
import { resultsCsv } from '../../services/csv-views';
import { loadMeeting } from '../../services/load-meeting';
import { meetingResults, publicReceipts } from '../../services/results';
import { meetingTurnout } from '../../services/turnout';
import { requireRole, STAFF, SUPERVISOR } from '../auth';
import type { AppEnv } from '../env';

export const resultRoutes = new Hono<AppEnv>()
  .get('/:id/turnout', requireRole(SUPERVISOR), async (c) => {
    const meeting = await loadMeeting(c.get('services'), c.req.param('id'), c.get('actor'));
    return c.json(await meetingTurnout(c.get('services'), meeting));
  })
  .get('/:id/results', requireRole(STAFF), async (c) => {
    const meeting = await loadMeeting(c.get('services'), c.req.param('id'), c.get('actor'));
    return c.json(publishedResults(meeting, await meetingResults(c.get('services'), meeting)));
  })
  .get('/:id/results.csv', requireRole(STAFF), async (c) => {
    const meeting = await loadMeeting(c.get('services'), c.req.param('id'), c.get('actor'));
    return csvResponse(c, `${meeting.title}-测评结果.csv`, resultsCsv(await meetingResults(c.get('services'), meeting)));
  })
  // Public after close: the notice (公示) lists every receipt, never what it voted.
  .get('/:id/receipts', async (c) => {
    const meeting = await loadMeeting(c.get('services'), c.req.param('id'), 'public');
    return c.json({ meetingId: meeting.id, receipts: await publicReceipts(c.get('services'), meeting) });
  })
  .get('/:id/audit', requireRole(STAFF), async (c) => {
    const services = c.get('services');
    const meeting = await loadMeeting(services, c.req.param('id'), c.get('actor'));
    return c.json({ meetingId: meeting.id, ...(await auditReport(services, meeting)) });
  });

