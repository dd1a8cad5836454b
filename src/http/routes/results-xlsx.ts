import { Hono } from 'hono';
import { workbookBytes } from '../../lib/workbook';
import { withPrintSetup } from '../../lib/workbook-print';
import { loadMeeting } from '../../services/load-meeting';
import { meetingResults } from '../../services/results';
import { resultsSheets } from '../../services/results-workbook';
import { meetingSlips } from '../../services/turnout';
import { requireRole, STAFF } from '../auth';
import type { AppEnv } from '../env';
import { xlsxBody } from './scoring';

/** GET /api/meetings/:id/results.xlsx — the results workbook, printable as it opens (runs on Workers too). */
export const resultsXlsxRoutes = new Hono<AppEnv>().get('/:id/results.xlsx', requireRole(STAFF), async (c) => {
  const services = c.get('services');
  const meeting = await loadMeeting(services, c.req.param('id'), c.get('actor'));
  const [results, slips] = await Promise.all([meetingResults(services, meeting), meetingSlips(services, meeting.id)]);
  const bytes = withPrintSetup(workbookBytes(resultsSheets(meeting, results, slips)), [1, 2]);
  return xlsxBody(c, bytes, `${meeting.title}-测评结果.xlsx`);
});
