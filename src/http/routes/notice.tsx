import { Hono } from 'hono';
import { DomainError } from '../../domain/errors';
import { headOf } from '../../services/anchor';
import { loadMeeting } from '../../services/load-meeting';
import { qrSvg } from '../../../web/print/qr';
import { meetingResults, publicReceipts } from '../../services/results';
import { NoticePage } from '../../../web/staff/notice-page';
import type { AppEnv } from '../env';
import { htmlPage } from '../html-page';
import { pageError } from './staff/kit';

/** GET /notice/:id — the public notice (公示) of a closed meeting: results and every receipt. */
export const noticePages = new Hono<AppEnv>().onError(pageError).get('/:id', async (c) => {
  const meeting = await loadMeeting(c.get('services'), c.req.param('id'), 'public');
  if (meeting.status !== 'closed') throw new DomainError('results_sealed', '本次测评尚未结束投票：结束后才公示结果和回执码，请稍后再来查看');
  const services = c.get('services');
  const [results, receipts, head] = await Promise.all([meetingResults(services, meeting), publicReceipts(services, meeting), headOf(services, meeting.id)]);
  const printed = head ? { head, qr: await qrSvg(head) } : null;
  return htmlPage(c, <NoticePage meeting={meeting} results={results} receipts={receipts} head={printed} />);
});
