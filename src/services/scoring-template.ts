import { rules, type FieldSpec, type RuleName } from '../domain/scoring';
import { toCsv } from '../lib/csv';
import { workbookBytes, type Cell } from '../lib/workbook';
import { headerText, sheetColumns, startingParams } from './scoring-columns';
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
  ],
  'star-rating': [
    '总分 =（基础项 + 加分项 − 减分项）× 70% + 评议项 × 30%，加分项最多计20分。',
    '90分以上五星，80–90分四星，70–80分三星，60–70分二星，60分以下一星；基础项低于80分或有减分的最高四星；五星不超过总数的30%。',
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
  return f.kind === 'number' ? 85 : null;
}

function rangeText(f: FieldSpec): string {
  if (f.kind === 'flag') return '是 / 否';
  if (f.kind !== 'number') return '文字';
  if (f.min === undefined && f.max === undefined) return '数字';
  return `${f.min ?? ''}–${f.max ?? ''}`;
}

function notesSheet(rule: RuleName, params: unknown, columns: FieldSpec[]): Cell[][] {
  const meta = rules[rule];
  return [
    ['评分规则', `${meta.label}（${meta.name}）`],
    ...RULE_NOTES[rule].map((line): Cell[] => ['计算方法', line]),
    ['参数', JSON.stringify(params)],
    [],
    ['填写方法', '在“评分数据”表的表头下方，每个测评对象填一行。表头第一行不要改动：上传时按括号中的字段名识别各列。'],
    ['', `编号以“${EXAMPLE_MARK}”开头的行是示例，不参与计算，可以删除。`],
    ['', '满意度可以留空：上传时勾选“自动填入满意度”，按测评对象名称（留空则用编号）和所在单位，从已结束的测评会中取满意度系数。'],
    ['', '保存为 .xlsx 上传；也可另存为“CSV UTF-8（逗号分隔）”上传（不支持 GBK 编码的 CSV）。'],
    [],
    ['列名', '字段', '是否必填', '填写范围', '说明'],
    ...columns.map((f): Cell[] => [f.label, f.name, f.required ? '必填' : '选填', rangeText(f), f.note ?? '']),
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
  return workbookBytes([
    { name: '评分数据', rows: t.rows, widths: t.columns.map((f) => Math.min(40, Math.max(12, headerText(f).length * 2))) },
    { name: '填写说明', rows: notesSheet(rule, t.params, t.columns), widths: [14, 24, 10, 12, 60] },
  ]);
}

export function templateCsv(rule: RuleName, params?: unknown): string {
  return toCsv(templateTable(rule, params).rows);
}

export const templateName = (rule: RuleName, ext: 'xlsx' | 'csv') => `评分模板-${rules[rule].label}.${ext}`;
