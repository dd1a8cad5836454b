import type { Meeting } from '../../src/domain/meeting';

const DAY_MS = 86_400_000;
const BEIJING_MS = 8 * 3_600_000;

/** A stored ISO time as a Beijing calendar date, the way a notice is dated: 2026年12月1日. */
export function dateText(iso: string | null, plusDays = 0): string {
  if (!iso) return '—';
  const d = new Date(Date.parse(iso) + BEIJING_MS + plusDays * DAY_MS);
  return `${d.getUTCFullYear()}年${d.getUTCMonth() + 1}月${d.getUTCDate()}日`;
}

/** 公示期: from the close, `noticeDays` days (the close day counts as the first). */
export function noticePeriod(m: Pick<Meeting, 'closedAt' | 'noticeDays'>) {
  return { from: dateText(m.closedAt), until: dateText(m.closedAt, m.noticeDays - 1), days: m.noticeDays };
}

/** The period, where to report a problem, and who issues the notice (落款). */
export function NoticePeriod({ meeting: m }: { meeting: Meeting }) {
  const p = noticePeriod(m);
  return (
    <p class="notice-period" id="notice-period">
      公示期：{p.from} 至 {p.until}（{p.days} 天）。公示期间如有异议，可向{m.issuer ?? '组织测评的单位'}反映
      {m.contact && <>，监督电话：{m.contact}</>}。
    </p>
  );
}

export function NoticeSignature({ meeting: m }: { meeting: Meeting }) {
  return (
    <div class="signature" id="notice-signature">
      {m.issuer && <p>{m.issuer}</p>}
      <p>{dateText(m.closedAt)}</p>
    </div>
  );
}
