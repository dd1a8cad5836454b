import { ruleNames, rules, type RuleName } from '../../src/domain/scoring';
import type { FillMode } from '../../src/domain/scoring/types';
import { CsrfField, Flash, StaffPage } from '../staff/layout';
import { ParamFields } from './param-fields';
import { ResultSection, type ExportPayload, type ResultView } from './result-section';
import type { Actor } from '../../src/domain/people';

export interface ScoringPageProps {
  actor: Actor;
  csrf: string;
  rule: RuleName;
  /** The params to show in the form: the last used, or typed ones that were refused. */
  params?: Record<string, unknown>;
  fill: FillMode;
  error?: string;
  /** What the chosen rule's form needs (built in src/http/scoring-view.ts). */
  ruleView: RuleView;
  result?: ResultView;
  payload?: ExportPayload;
}

export interface RuleView {
  label: string;
  notes: string[];
  /** The params the form lays out (the rule's defaults, or the design's example for `weighted`). */
  startingParams: Record<string, unknown>;
  /** Whether a sheet of this rule has a satisfaction column to fill from meetings. */
  fillsSatisfaction: boolean;
  /** Preset 考核细则 for this rule, and the one chosen. */
  sheets: Array<{ name: string; label: string }>;
  sheet?: string;
  /** Params the form does not lay out, as JSON text for the 更多参数 box. */
  more: string;
}

const FILLS: Array<[FillMode, string]> = [
  ['blank', '自动填入：满意度留空的行，从已结束的测评会中取'],
  ['force', '全部按测评会覆盖：表中已填的满意度也换成测评会的'],
  ['none', '不填入：只用表中填写的满意度'],
];

function RuleTabs({ rule }: { rule: RuleName }) {
  return (
    <nav class="actions" aria-label="评分规则">
      {ruleNames.map((name) => (
        <a class={name === rule ? 'btn' : 'btn secondary'} href={`/staff/scoring?rule=${name}`} aria-current={name === rule ? 'page' : undefined}>
          {rules[name].label}
        </a>
      ))}
    </nav>
  );
}

/** Template links carry the params only where they decide the columns: `weighted`'s weights, or a 考核细则. */
function templateHref(rule: RuleName, params: Record<string, unknown> | undefined, ext: string) {
  const query = rule === 'weighted' && params ? `?params=${encodeURIComponent(JSON.stringify(params))}` : '';
  return `/staff/scoring/templates/${rule}.${ext}${query}`;
}

const sheetHref = (rule: RuleName, sheet: string) => `/staff/scoring/templates/${rule}.xlsx?params=${encodeURIComponent(JSON.stringify({ sheet }))}`;

export function ScoringPage(p: ScoringPageProps) {
  const { rule } = p;
  return (
    <StaffPage title="评分计算" actor={p.actor} csrf={p.csrf}>
      <h1>评分计算</h1>
      <p class="muted">选择评分规则，下载模板填好各项得分，上传后计算总分、等次或星级和排名，可下载 Excel 或 CSV。</p>
      <RuleTabs rule={rule} />
      {p.error && <Flash tone="err">{p.error}</Flash>}
      <form class="card" method="post" action="/staff/scoring/upload" enctype="multipart/form-data">
        <CsrfField token={p.csrf} />
        <input type="hidden" name="rule" value={rule} />
        <h2>{p.ruleView.label}</h2>
        {p.ruleView.notes.map((line) => (
          <p>{line}</p>
        ))}
        <p class="actions">
          <a class="btn secondary" href={templateHref(rule, p.params, 'xlsx')} id="template-xlsx">
            下载模板（.xlsx）
          </a>
          <a class="btn secondary" href={templateHref(rule, p.params, 'csv')} id="template-csv">
            下载模板（.csv）
          </a>
          {p.ruleView.sheets.map((s) => (
            <a class="btn secondary" href={sheetHref(rule, s.name)} id={`template-${s.name}`}>
              下载逐项模板（{s.name}）
            </a>
          ))}
        </p>
        {p.ruleView.sheets.length > 0 && (
          <fieldset>
            <legend>考核细则</legend>
            <label class="inline">
              <input type="radio" name="p.sheet" value="" checked={!p.ruleView.sheet} /> 不用细则：表中直接填写各项得分合计
            </label>
            {p.ruleView.sheets.map((s) => (
              <label class="inline">
                <input type="radio" name="p.sheet" value={s.name} checked={p.ruleView.sheet === s.name} /> {s.label}
              </label>
            ))}
          </fieldset>
        )}
        <label for="file">上传填好的表格（.xlsx 或 UTF-8 编码的 .csv，不超过 10 MB）</label>
        <input id="file" type="file" name="file" accept=".xlsx,.xls,.csv" required />
        {p.ruleView.fillsSatisfaction && (
          <fieldset>
            <legend>群众满意度</legend>
            {FILLS.map(([value, text]) => (
              <label class="inline">
                <input type="radio" name="fill" value={value} checked={value === p.fill} /> {text}
              </label>
            ))}
            <p class="muted">按“测评对象名称”（留空则按编号）和“所在单位”匹配测评会；同一对象有多场时取最近结束的一场。</p>
          </fieldset>
        )}
        <details open={rule === 'weighted' || Boolean(p.error)}>
          <summary>调整参数（权重、分数线、名额比例等）</summary>
          <ParamFields rule={rule} start={p.ruleView.startingParams} values={p.params} />
          <label for="more">更多参数（JSON，可留空）</label>
          <textarea id="more" name="more" rows={3}>
            {p.ruleView.more}
          </textarea>
          <p class="muted">
            例如各档名额 {'{"quotas": {"5": {"max": 0.1}, "1": {"min": 0.1}}}'}、不定星级分数线 {'{"noStarBelow": 50}'}、按满意率扣分{' '}
            {'{"satisfactionRules": [{"below": 60, "deduct": 5}, {"below": 50, "noStar": true}]}'}、第一书记按满意度定等次{' '}
            {'{"satisfactionLevels": [{"below": 0.8, "grade": "基本称职"}]}'}。
          </p>
        </details>
        <div class="actions">
          <button type="submit" id="compute">
            计算
          </button>
        </div>
      </form>
      {p.result && p.payload && <ResultSection view={p.result} csrf={p.csrf} payload={p.payload} />}
    </StaffPage>
  );
}
