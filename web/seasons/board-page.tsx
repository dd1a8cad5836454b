import type { Season } from '../../src/domain/season';
import type { SeasonResult } from '../../src/domain/season-result';
import { COLOR_LABELS, dateText, legend, outcomeText, totalText } from './labels';
import { SeasonDoc } from './layout';

/**
 * 三色公示榜: one card per entry in green, yellow or red, with the colour also written on
 * the card (a grey printout or a colour-blind reader still reads it). `projector` for the wall.
 */
export function SeasonBoardPage({ season: s, result, projector }: { season: Season; result: SeasonResult; projector?: boolean }) {
  return (
    <SeasonDoc title={`三色公示 · ${s.title}`} projector={projector}>
      <h1>{s.title} 三色公示榜</h1>
      <p class="meta">
        公示期：{dateText(s.noticeFrom)} 至 {dateText(s.noticeUntil)}
        {s.contact && <> · 监督电话：{s.contact}</>}
      </p>
      <ul class="legend" id="legend">
        {legend(result).map((l) => (
          <li>
            <span class={`swatch ${l.color}`} />
            {COLOR_LABELS[l.color]}：{l.text}
          </li>
        ))}
      </ul>
      <ul class="board" id="board">
        {result.rows.map((r) => (
          <li class={`card ${r.color}`} data-color={r.color}>
            <span class="tag">{COLOR_LABELS[r.color]}</span>
            <h3>{r.name}</h3>
            <div class="outcome">{outcomeText(result, r)}</div>
            <div>总分 {totalText(r)}</div>
          </li>
        ))}
      </ul>
      <p class="no-print">
        <a href={`/seasons/${s.id}/notice`}>公示表</a> · <a href={`/seasons/${s.id}/board?projector=1`}>投影模式</a> · 打印：纸张选 A4。
      </p>
    </SeasonDoc>
  );
}
