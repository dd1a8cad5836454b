import type { Context } from 'hono';
import { qrSvg } from '../../web/print/qr';
import { SlipSheet } from '../../web/print/slip-sheet';
import { printCssHash } from '../../web/print/assets';
import { CONTENT_SECURITY_POLICY } from './security';
import { isLoopbackUrl } from '../lib/loopback';
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
    warning:
      back && isLoopbackUrl(c.get('services').config.publicUrl)
        ? `注意：这些二维码指向 ${c.get('services').config.publicUrl}（服务器本机地址），手机扫码打不开。请先设置 MINPING_PUBLIC_URL 为手机能访问的地址再打印；已生成的这些测评码可在测评会页面“作废全部未用的测评码”。`
        : undefined,
  });
  c.header('Referrer-Policy', 'no-referrer');
  // Its CSS is inline (the sheet stands alone once saved): allowed by hash, nothing else.
  c.header('Content-Security-Policy', CONTENT_SECURITY_POLICY.replace("style-src 'self'", `style-src 'self' ${await printCssHash()}`));
  return htmlPage(c, sheet, 201);
}
