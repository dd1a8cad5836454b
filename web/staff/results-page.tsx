import type { Results } from '../../src/domain/results';
import { timeText } from './format';
import { StaffPage } from './layout';
import { ruleText, SlipsSummary } from './meeting-page';
import type { SlipSummary } from '../../src/domain/turnout';
import { CategoryBreakdown, CategoryTurnout, SubjectResults, ValidityBanner } from './results-parts';
import type { Meeting } from '../../src/domain/meeting';
import type { Actor } from '../../src/domain/people';

export function ResultsPage({ actor, csrf, meeting: m, results: r, slips }: { actor: Actor; csrf: string; meeting: Meeting; results: Results; slips: SlipSummary }) {
  const api = `/api/meetings/${m.id}`;
  return (
    <StaffPage title={`测评结果 · ${m.title}`} actor={actor} csrf={csrf}>
      <h1>测评结果：{m.title}</h1>
      <ValidityBanner results={r} rule={m.rule} />
      <p class="actions no-print">
        <a class="btn secondary" href={`${api}/results.csv`} download>
          下载 CSV
        </a>
        <a class="btn secondary" href={`${api}/results.xlsx`} download>
          下载 Excel
        </a>
        <a class="btn secondary" href={`/notice/${m.id}`}>
          公示页
        </a>
        <a class="btn secondary" href={`/staff/meetings/${m.id}/minutes`}>
          测评记录（签字存档）
        </a>
        <a class="btn secondary" href={`/staff/meetings/${m.id}/audit`}>
          审计记录
        </a>
      </p>
      <div class="card">
        <p>
          被测评单位：{m.organization ?? '—'}；规则：{ruleText(m)}
        </p>
        <p>
          投票时间：{timeText(m.openedAt)} 至 {timeText(m.closedAt)}
        </p>
        <p>
          投票方式：手机 <strong data-f="phone">{r.channels.phone}</strong> 票，纸质 <strong data-f="paper">{r.channels.paper}</strong> 票
        </p>
      </div>
      {r.categories.length > 0 && (
        <CategoryTurnout results={r} />
      )}
      <h2>测评码</h2>
      <SlipsSummary slips={slips} />
      <h2>各测评对象</h2>
      <SubjectResults results={r} rule={m.rule} />
      <CategoryBreakdown results={r} rule={m.rule} />
    </StaffPage>
  );
}
