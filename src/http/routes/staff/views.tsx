import { Hono } from 'hono';
import { auditReport } from '../../../services/audit-report';
import { loadMeeting } from '../../../services/load-meeting';
import { meetingResults } from '../../../services/results';
import { meetingSlips, meetingTurnout } from '../../../services/turnout';
import { AuditPage } from '../../../../web/staff/audit-page';
import { Dashboard } from '../../../../web/staff/dashboard';
import { secondsSince } from '../../../../web/staff/format';
import { ResultsPage } from '../../../../web/staff/results-page';
import { MinutesPage } from '../../../../web/staff/minutes-page';
import { qrSvg } from '../../../../web/print/qr';
import { headOf } from '../../../services/anchor';
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
    const slips = await meetingSlips(c.get('services'), meeting.id);
    return htmlPage(c, <ResultsPage {...await staffView(c)} meeting={meeting} results={results} slips={slips} />);
  })
  .get('/:id/minutes', requireRole(STAFF), async (c) => {
    const meeting = await meetingOf(c);
    const services = c.get('services');
    const [results, slips, hash] = await Promise.all([meetingResults(services, meeting), meetingSlips(services, meeting.id), headOf(services, meeting.id)]);
    const head = hash ? { hash, qr: await qrSvg(hash) } : null;
    return htmlPage(c, <MinutesPage {...await staffView(c)} meeting={meeting} results={results} slips={slips} head={head} />);
  })
  .get('/:id/audit', requireRole(STAFF), async (c) => {
    const meeting = await meetingOf(c);
    return htmlPage(c, <AuditPage {...await staffView(c)} meeting={meeting} report={await auditReport(c.get('services'), meeting)} />);
  });
