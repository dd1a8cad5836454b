import { Hono } from 'hono';
import { auditReport } from '../../../services/audit-report';
import { loadMeeting } from '../../../services/load-meeting';
import { meetingResults } from '../../../services/results';
import { meetingTurnout } from '../../../services/turnout';
import { AuditPage } from '../../../../web/staff/audit-page';
import { Dashboard } from '../../../../web/staff/dashboard';
import { secondsSince } from '../../../../web/staff/format';
import { ResultsPage } from '../../../../web/staff/results-page';
import { requireRole, STAFF, SUPERVISOR } from '../../auth';
import type { AppEnv, C } from '../../env';
import { htmlPage } from '../../html-page';
import { staffView } from './kit';

const meetingOf = (c: C) => loadMeeting(c.get('services'), c.req.param('id') ?? '', c.get('actor'));

/** /staff/meetings/:id/live, /results, /audit: what a meeting looks like while and after it runs. */
export const meetingViews = new Hono<AppEnv>()
  .get('/:id/live', requireRole(SUPERVISOR), async (c) => {
    const meeting = await meetingOf(c);
    const turnout = await meetingTurnout(c.get('services'), meeting);
    const elapsed = meeting.status === 'draft' ? 0 : secondsSince(meeting.openedAt, meeting.closedAt ? Date.parse(meeting.closedAt) : Date.now());
    return htmlPage(c, <Dashboard {...await staffView(c)} meeting={meeting} turnout={turnout} projector={c.req.query('projector') === '1'} elapsedSeconds={elapsed} />);
  })
  .get('/:id/results', requireRole(STAFF), async (c) => {
    const meeting = await meetingOf(c);
    const results = await meetingResults(c.get('services'), meeting); // 409 until close: sealed
    return htmlPage(c, <ResultsPage {...await staffView(c)} meeting={meeting} results={results} />);
  })
  .get('/:id/audit', requireRole(STAFF), async (c) => {
    const meeting = await meetingOf(c);
    return htmlPage(c, <AuditPage {...await staffView(c)} meeting={meeting} report={await auditReport(c.get('services'), meeting)} />);
  });
