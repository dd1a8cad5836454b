import type { Context } from 'hono';
import { qrSvg } from '../../web/print/qr';
import { SlipSheet } from '../../web/print/slip-sheet';
import type { AppEnv } from './env';
import { htmlPage } from './html-page';
import type { Meeting } from '../domain/meeting';

export interface IssuedSlips {
  meeting: Pick<Meeting, 'id' | 'title' | 'subjects' | 'categories'>;
  category: string;
  tokens: string[];
  urls: string[];
}

/**
 * The printable A4 sheet of QR slips for tokens just issued (the only time they exist in the
 * clear): small slips to cut and draw, or paper ballots with grade boxes for voters without phones.
 */
export async function renderSlipSheet(c: Context<AppEnv>, issued: IssuedSlips, layout: 'slip' | 'paper'): Promise<Response> {
  const qrs = await Promise.all(issued.urls.map(qrSvg));
  const sheet = SlipSheet({
    title: issued.meeting.title,
    entryUrl: `${c.get('services').config.publicUrl.replace(/\/+$/, '')}/b`,
    categoryLabel: issued.meeting.categories.find((x) => x.key === issued.category)?.label,
    slips: issued.tokens.map((token, i) => ({ token, qr: qrs[i] })),
    subjects: issued.meeting.subjects,
    layout,
  });
  c.header('Referrer-Policy', 'no-referrer');
  return htmlPage(c, sheet, 201);
}
