import type { Child } from 'hono/jsx';
import { ABSTAIN_LABEL, GRADE_LABELS, GRADES, type GradeCounts } from '../../src/domain/grades';
import { withheldText, type PublishedResults, type Results } from '../../src/domain/results';
import type { Rule } from '../../src/domain/rule';
import { percentText } from '../../src/domain/satisfaction';
import { GradeBar, GradeLegend, SatisfactionChart } from './bars';
import { quorumText, thresholdText } from './format';

/** Valid or not, and why, in one sentence at the top: the first thing anyone asks. */
export function ValidityBanner({ results: r, rule }: { results: Results; rule: Rule }) {
  const q = quorumText(rule);
  const turnout = `应参加 ${r.eligible} 人，实际参加投票 ${r.cast} 人（${percentText(r.cast, r.eligible)}${r.spoilt ? `，其中废票 ${r.spoilt} 张` : ''}）`;
  const text = r.valid
    ? `结果有效：${turnout}，达到 ${q}（至少 ${r.required} 人）${rule.categoryQuorum ? '，各类别人数也符合要求' : ''}。`
    : r.quorumMet
      ? `结果无效：${turnout}，但有类别的参加人数未达到规定比例。`
      : `结果无效：${turnout}，未达到 ${q}（至少 ${r.required} 人）。`;
  return <p class={`banner ${r.valid ? 'valid' : 'invalid'}`}>{text}</p>;
}

/** Under the publication floor: the subjects are named, nothing about how they were graded. */
function WithheldNote({ results: r }: { results: Results }) {
  return (
    <>
      <p class="banner invalid" id="withheld">
        {withheldText(r.cast, r.minGroup)}
      </p>
      <ul>
        {r.subjects.map((s) => (
          <li>{s.name}</li>
        ))}
      </ul>
    </>
  );
}

const satisfiedIn = (counts: GradeCounts, rule: Rule) => rule.satisfiedGrades.reduce((n, g) => n + counts[g], 0);

/** Per subject: counts by grade, satisfaction and the threshold, chart first, table after. */
/** Roster and turnout by voter category; `children` adds rows (the minutes' 合计). */
export function CategoryTurnout({ results: r, children }: { results: Results; children?: Child }) {
  return (
    <table>
      <thead>
        <tr>
          <th>类别</th>
          <th class="n">应参加</th>
          <th class="n">实际参加</th>
          <th class="n">参加率</th>
        </tr>
      </thead>
      <tbody>
        {r.categories.map((c) => (
          <tr>
            <td>{c.label}</td>
            <td class="n">{c.eligible}</td>
            <td class="n">{c.cast}</td>
            <td class="n">{percentText(c.cast, c.eligible)}</td>
          </tr>
        ))}
        {children}
      </tbody>
    </table>
  );
}

export function SubjectResults({ results: r, rule }: { results: Results; rule: Rule }) {
  if (r.withheld) return <WithheldNote results={r} />;
  return (
    <>
      <SatisfactionChart
        rows={r.subjects.map((s) => ({ name: s.name, satisfaction: s.satisfaction, percentText: s.satisfactionPercent, met: s.meetsThreshold }))}
        threshold={rule.threshold.percent}
        thresholdLabel={thresholdText(rule)}
      />
      <p class="muted">
        满意度 =（{rule.satisfiedGrades.map((g) => GRADE_LABELS[g]).join(' + ')}）÷ 参评票数（含弃权）；门槛 {thresholdText(rule)}。
        {r.spoilt > 0 && `废票 ${r.spoilt} 张计入参加投票人数，不计入任何测评对象。`}
      </p>
      <GradeLegend />
      <div class="scroll">
        <SubjectCounts results={r} thresholdLabel="达到门槛" bars />
      </div>
    </>
  );
}

/** Counts per subject, 弃权 included; `bars` adds each subject's distribution (the screen, not the minutes). */
export function SubjectCounts({ results: r, thresholdLabel, bars, id }: { results: PublishedResults; thresholdLabel: string; bars?: boolean; id?: string }) {
  return (
    <table id={id}>
      <thead>
        <tr>
          <th>测评对象</th>
          {GRADES.map((g) => (
            <th class="n">{GRADE_LABELS[g]}</th>
          ))}
          <th class="n">{ABSTAIN_LABEL}</th>
          <th class="n">参评票数</th>
          <th class="n">满意度</th>
          <th>{thresholdLabel}</th>
          {bars && <th>分布</th>}
        </tr>
      </thead>
      <tbody>
        {r.subjects.map((s) => (
          <tr>
            <td>{s.name}</td>
            {GRADES.map((g) => (
              <td class="n">{s.counts[g]}</td>
            ))}
            <td class="n">{s.counts.abstain}</td>
            <td class="n">{s.cast}</td>
            <td class="n">{s.satisfactionPercent}</td>
            <td class={s.meetsThreshold ? 'yes' : 'no'}>{s.meetsThreshold ? '是' : '否'}</td>
            {bars && (
              <td>
                <GradeBar counts={s.counts} cast={s.cast} />
              </td>
            )}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** Per category, only as the results give it: small groups already merged so no one is unmasked. */
export function CategoryBreakdown({ results: r, rule }: { results: Results; rule: Rule }) {
  if (r.withheld) return null;
  const subjects = r.subjects.filter((s) => s.byCategory && s.byCategory.length > 0);
  if (subjects.length === 0) return null;
  return (
    <>
      <h2>分类别结果</h2>
      <p class="muted">人数少于 {r.minGroup} 票的类别已并入“其他”，以免推断出个人投票。</p>
      {subjects.map((s) => (
        <div class="scroll">
          <table>
            <caption>{s.name}</caption>
            <thead>
              <tr>
                <th>类别</th>
                {GRADES.map((g) => (
                  <th class="n">{GRADE_LABELS[g]}</th>
                ))}
                <th class="n">{ABSTAIN_LABEL}</th>
                <th class="n">票数</th>
                <th class="n">满意度</th>
              </tr>
            </thead>
            <tbody>
              {s.byCategory!.map((g) => (
                <tr>
                  <td>{g.label}</td>
                  {GRADES.map((grade) => (
                    <td class="n">{g.counts[grade]}</td>
                  ))}
                  <td class="n">{g.counts.abstain}</td>
                  <td class="n">{g.cast}</td>
                  <td class="n">{percentText(satisfiedIn(g.counts, rule), g.cast)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ))}
    </>
  );
}
