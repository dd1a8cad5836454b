import { effectiveParams, rules, type FieldSpec, type RuleName } from '../domain/scoring';
import { toCsv } from '../lib/csv';
import { workbookBytes, type Cell } from '../lib/workbook';
import { headerText, sheetColumns, startingParams, takesSatisfaction } from './scoring-columns';
import { paramsTable } from './scoring-export';
import { a4Landscape } from './scoring-print';
import { EXAMPLE_MARK } from './scoring-sheet';

/** How each preset computes, in the words of the local regulations, for the template's 说明 sheet. */
export const RULE_NOTES: Record<RuleName, string[]> = {
  'upgrade-composite': [
    '综合得分 =（自评分 × 2 + 群众测评分 × 3 + 上级考评分 × 5）÷ 10，群众测评分 = 满意度 × 100；权重可在参数中调整。',
    '默认等次：90分以上“好”，80分以上“较好”，60分以上“一般”，其余“较差”；有“一票否决”情形的直接定为“较差”。',
  ],
  'first-secretary': [
    '总得分 = 工作目标考评得分 × 群众满意度，按类别分别排名。',
    '每个类别前30%为“优秀”，其次30%为“良好”，其余为“称职”；基本工作目标等得分低于80分或所任职党组织定级降位的，不得评为“优秀”；有直接确定为不称职情形的定为“不称职”，不占名额。',
    '群众满意度测评为基本称职或不称职的，直接确定为基本称职或不称职（分数线在参数 satisfactionLevels 中设定）；工作目标考评可按考核细则逐项填写（参数 sheet）。',
  ],
  'star-rating': [
    '总分 =（基础项 + 加分项 − 减分项）× 70% + 评议项 × 30%，加分项最多计20分。',
    '90分以上五星，80–90分四星，70–80分三星，60–70分二星，60分以下一星；基础项低于80分或有减分的最高四星；五星不超过总数的30%。',
    '有“一票否决”情形的不定星级；可在参数中设定不定星级的分数线（noStarBelow）、按满意率扣分或不定星级（satisfactionRules）和各星级名额（quotas）。',
  ],
  weighted: ['总分 = Σ（权重 × 该列得分）÷ 权重之和；各列名称和权重、等次分数线都在参数中设定。'],
};

const EXAMPLES: Record<string, Cell> = {
  self: 88,
  superior: 92,
  satisfaction: 0.9333,
  work: 95,
  base: 86,
  bonus: 6,
  deductions: 0,
  review: 85,
  category: '行政村',
  subject: '示例村党支部',
  organization: '示例村',
};

function exampleCell(f: FieldSpec): Cell {
  if (f.kind === 'id') return `${EXAMPLE_MARK}01`;
  if (f.name in EXAMPLES) return EXAMPLES[f.name];
  if (f.kind === 'flag') return '否';
  if (f.group) return f.kind === 'number' && f.required ? (f.max ?? 0) : null; // an item of a 考核细则: its full mark, or nothing observed
  if (f.options) return null; // 直接定级: blank = scored
  return f.kind === 'number' ? 85 : null;
}

function rangeText(f: FieldSpec): string {
  if (f.kind === 'flag') return '是 / 否';
  if (f.options) return f.options.join(' / ');
  if (f.kind !== 'number') return '文字';
  if (f.fraction) return '0–1，或如 28/30';
  if (f.min === undefined && f.max === undefined) return '数字';
  return `${f.min ?? ''}–${f.max ?? ''}${f.integer ? '（整数）' : ''}`;
}

/** One word for the column's 是否必填, the same as the 填写方法 lines say. */
function requiredText(f: FieldSpec, fillable: boolean): string {
  if (f.name === 'satisfaction' && f.required && fillable) return '必填；勾选“自动填入满意度”时可留空';
  return f.required ? '必填' : '选填';
}

function notesSheet(rule: RuleName, params: unknown, columns: FieldSpec[]): Cell[][] {
  const meta = rules[rule];
  const fillable = takesSatisfaction(columns);
  return [
    ['评分规则', `${meta.label}（${meta.name}）`],
    ...RULE_NOTES[rule].map((line): Cell[] => ['计算方法', line]),
    ...paramsTable(rule, effectiveParams(rule, params)),
    [],
    ['填写方法', '在“评分数据”表的表头下方，每个测评对象填一行。表头第一行不要改动：上传时按列名识别各列。'],
    ['', `编号以“${EXAMPLE_MARK}”开头的行是示例，不参与计算，可以删除。`],
    ...(fillable
      ? [['', '满意度填小数（如 0.9333）或票数之比（如 28/30）；勾选“自动填入满意度”时可留空：按测评对象名称（留空则用编号）和所在单位，从已结束的测评会中按票数取满意度。'] as Cell[]]
      : []),
    ['', '保存为 .xlsx 上传；也可另存为“CSV UTF-8（逗号分隔）”上传（不支持 GBK 编码的 CSV）。'],
    [],
    ['列名', '分项', '是否必填', '填写范围', '说明'],
    ...columns.map((f): Cell[] => [f.label, f.group ?? null, requiredText(f, fillable), rangeText(f), f.note ?? '']),
  ];
}

/** The upload template: the header row plus an example row; params default to the rule's own. */
export function templateTable(rule: RuleName, params?: unknown) {
  const used = params ?? startingParams(rule);
  const columns = sheetColumns(rule, used);
  return { columns, params: used, rows: [columns.map(headerText), columns.map(exampleCell)] as Cell[][] };
}

export function templateXlsx(rule: RuleName, params?: unknown): ArrayBuffer {
  const t = templateTable(rule, params);
  return a4Landscape(
    workbookBytes([
      { name: '评分数据', rows: t.rows, widths: t.columns.map((f) => Math.min(40, Math.max(12, headerText(f).length * 2))) },
      { name: '填写说明', rows: notesSheet(rule, t.params, t.columns), widths: [30, 24, 16, 16, 60] },
    ]),
  );
}

export function templateCsv(rule: RuleName, params?: unknown): string {
  return toCsv(templateTable(rule, params).rows);
}

export const templateName = (rule: RuleName, ext: 'xlsx' | 'csv') => `评分模板-${rules[rule].label}.${ext}`;
