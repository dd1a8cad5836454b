import type { Season } from '../../src/domain/season';
import type { SeasonResult } from '../../src/domain/season-result';
import { dateText, outcomeText, percentText, reasonTexts, SEASON_STATUS, totalText } from './labels';
import { SeasonDoc } from './layout';

export interface SeasonNoticeProps {
  season: Season;
  result: SeasonResult;
  digest?: string;
}

/** The season's public notice (公示): every entry with its total and outcome, the period and whom to call. */
export function SeasonNoticePage({ season: s, result, digest }: SeasonNoticeProps) {
  const outcomeHead = result.output === 'stars' ? '星级' : '等次';
  return (
    <SeasonDoc title={`公示 · ${s.title}`}>
      <h1>{s.title} 结果公示</h1>
      <ul class="meta">
        <li>
          状态：<span class="state">{SEASON_STATUS[s.status]}</span>
        </li>
        <li id="period">
          公示期：{dateText(s.noticeFrom)} 至 {dateText(s.noticeUntil)}（{s.noticeDays} 天）
        </li>
        {s.contact && <li id="contact">公示期内如有异议，请反映：{s.contact}</li>}
      </ul>
      <table id="notice">
        <thead>
          <tr>
            <th class="n">名次</th>
            <th>考评对象</th>
            <th class="n">满意度</th>
            <th class="n">总分</th>
            <th>{outcomeHead}</th>
          </tr>
        </thead>
        <tbody>
          {result.rows.map((r) => (
            <tr>
              <td class="n">{r.rank ?? '—'}</td>
              <td>
                {r.name}
                {r.organization && <span class="muted">（{r.organization}）</span>}
                {reasonTexts(r).length > 0 && <div class="why">{reasonTexts(r).join('；')}</div>}
              </td>
              <td class="n">{percentText(r)}</td>
              <td class="n">{totalText(r)}</td>
              <td>{outcomeText(result, r)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <p class="muted">满意度来自关联测评会的无记名投票（只计已结束、有效且投票人数达到公布下限的测评会）；总分按四舍五入保留两位小数。</p>
      {digest && <p class="muted">结果摘要（SHA-256）：<code>{digest}</code></p>}
      <p class="sign">发布日期：{dateText(s.noticeFrom)}</p>
      <p class="no-print">
        <a href={`/seasons/${s.id}/board`}>三色公示榜</a> · 打印：使用浏览器的“打印”，纸张选 A4。
      </p>
    </SeasonDoc>
  );
}
