import type { Results } from '../../src/domain/results';
import { timeText } from './format';
import { StaffPage } from './layout';
import { HeadHash } from './head-hash';
import { SubjectResults, ValidityBanner } from './results-parts';
import type { Meeting } from '../../src/domain/meeting';

/**
 * 公示: the results and every receipt, sorted, for anyone to check that their ballot was
 * counted. A receipt is never linked to what it voted. Prints on A4.
 */
export interface NoticeHead {
  head: string;
  /** The head hash as QR SVG markup. */
  qr: string;
}

export function NoticePage({ meeting: m, results: r, receipts, head }: { meeting: Meeting; results: Results; receipts: string[]; head: NoticeHead | null }) {
  return (
    <StaffPage title={`公示 · ${m.title}`}>
      <h1>{m.title} 测评结果公示</h1>
      <p>
        被测评单位：{m.organization ?? '—'}；投票时间：{timeText(m.openedAt)} 至 {timeText(m.closedAt)}
      </p>
      <ValidityBanner results={r} rule={m.rule} />
      <SubjectResults results={r} rule={m.rule} />
      <h2>回执码（共 {receipts.length} 个）</h2>
      {r.withheld ? (
        <p>票数少于公布下限，不列出回执码：票数这样少时，回执码和结果放在一起可能暴露个人投票。</p>
      ) : (
        <>
          <p>每张选票一个回执码，按字母顺序排列。投票后手机上显示的回执码若在此列出，说明您的选票已计入；回执码与选票内容无关联。</p>
          <ul class="receipts" id="receipts">
            {receipts.map((code) => (
              <li>{code}</li>
            ))}
          </ul>
        </>
      )}
      {head && <HeadHash meetingId={m.id} head={head.head} qr={head.qr} />}
      <p class="no-print muted">打印：使用浏览器的“打印”（Ctrl+P），纸张选 A4。</p>
    </StaffPage>
  );
}
