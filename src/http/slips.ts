import type { Context } from 'hono';
import { qrSvg } from '../../web/print/qr';
import { SlipSheet } from '../../web/print/slip-sheet';
import { printCssHash } from '../../web/print/assets';
import { CONTENT_SECURITY_POLICY } from './security';
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
export async function renderSlipSheet(c: Context<AppEnv>, issued: IssuedSlips, layout: 'slip' | 'paper', back?: string): Promise<Response> {
  const qrs = await Promise.all(issued.urls.map(qrSvg));
  const sheet = SlipSheet({
    title: issued.meeting.title,
    entryUrl: `${c.get('services').config.publicUrl.replace(/\/+$/, '')}/b`,
    categoryLabel: issued.meeting.categories.find((x) => x.key === issued.category)?.label,
    slips: issued.tokens.map((token, i) => ({ token, qr: qrs[i] })),
    subjects: issued.meeting.subjects,
    layout,
    back,
  });
  c.header('Referrer-Policy', 'no-referrer');
  // Its CSS is inline (the sheet stands alone once saved): allowed by hash, nothing else.
  c.header('Content-Security-Policy', CONTENT_SECURITY_POLICY.replace("style-src 'self'", `style-src 'self' ${await printCssHash()}`));
  return htmlPage(c, sheet, 201);
}
