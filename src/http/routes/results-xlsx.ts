import { Hono } from 'hono';
import { workbookBytes, type Cell } from '../../lib/workbook';
import { resultsTable } from '../../services/csv-views';
import { loadMeeting } from '../../services/load-meeting';
import { meetingResults } from '../../services/results';
import { requireRole, STAFF } from '../auth';
import type { AppEnv } from '../env';
import { xlsxBody } from './scoring';

/** The percentage is text in the CSV ("93.33"); in Excel a number, so a scorer can compute with it. */
const asNumber = (cell: Cell): Cell => (typeof cell === 'string' && /^\d+(\.\d+)?$/.test(cell) ? Number(cell) : cell);

/** GET /api/meetings/:id/results.xlsx — the table of results.csv as an Excel workbook (runs on Workers too). */
export const resultsXlsxRoutes = new Hono<AppEnv>().get('/:id/results.xlsx', requireRole(STAFF), async (c) => {
  const meeting = await loadMeeting(c.get('services'), c.req.param('id'), c.get('actor'));
  const [header, ...rows] = resultsTable(await meetingResults(c.get('services'), meeting));
  const percent = header.indexOf('满意度(%)');
  const typed = rows.map((r) => r.map((cell, i) => (i === percent ? asNumber(cell) : cell)));
  const bytes = workbookBytes([{ name: '测评结果', rows: [header, ...typed], widths: header.map((_, i) => (i === 0 ? 24 : 12)) }]);
  return xlsxBody(c, bytes, `${meeting.title}-测评结果.xlsx`);
});
