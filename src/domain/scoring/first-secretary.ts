import { lt, mul, roundHalfUp, toNumber, toText, type Dec } from './decimal';
import { paramNumber, paramObject, invalidParams } from './params';
import { fillPlaces, paramRounding, paramShare, quota, type Placement, type QuotaRounding } from './quota';
import { competitionRanks, rankOrder } from './rank';
import { ID_FIELD } from './rows';
import { invalidSatisfaction, SATISFACTION_INVALID, satisfactionField, satisfactionInvalidReason, scoreField } from './fields';
import { reason, type FieldSpec, type ParsedRow, type RuleDef, type ScoredRow } from './types';

// 第一书记 三定一诺双评: work-target score × mass satisfaction, graded by quota within each category.
const FIELDS: FieldSpec[] = [
  ID_FIELD,
  { name: 'category', label: '类别', kind: 'text', required: true, note: '名次和名额按类别分别计算' },
  scoreField('work', '工作目标考评得分', '基本分100分，加上奖分、减去扣分，可超过100分'),
  scoreField('base', '基本工作目标和执行工作制度及工作纪律得分'),
  satisfactionField('群众满意度'),
  { name: 'downgraded', label: '所任职党组织年度考评定级降位', kind: 'flag', required: false, note: '是/否，留空为否' },
  { name: 'dismissed', label: '有直接确定为不称职的情形', kind: 'flag', required: false, note: '是/否，留空为否' },
  SATISFACTION_INVALID,
];

const DEFAULTS = {
  shares: { excellent: 0.3, good: 0.3 },
  excellentMinBase: 80,
  quotaRounding: 'floor' as QuotaRounding,
};

interface Params {
  excellentShare: Dec;
  goodShare: Dec;
  minBase: Dec;
  rounding: QuotaRounding;
}

function readShares(v: unknown): { excellent: Dec; good: Dec } {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) {
    throw invalidParams('参数 shares 应为对象，如 {"excellent": 0.3, "good": 0.3}');
  }
  const o = paramObject(v, ['excellent', 'good'], 'first-secretary 的 shares');
  return {
    excellent: paramShare(o.excellent ?? DEFAULTS.shares.excellent, 'shares.excellent'),
    good: paramShare(o.good ?? DEFAULTS.shares.good, 'shares.good'),
  };
}

/** Grades one category; writes into `out` at each row's input position. */
function scoreCategory(rows: ParsedRow[], p: Params, category: string, out: ScoredRow[]): void {
  const totals = rows.map((r) => roundHalfUp(mul(r.num.work, r.num.satisfaction), 2));
  const ranks = competitionRanks(totals);
  const order = rankOrder(totals);
  const n = rows.length;
  const excellentQuota = quota(n, p.excellentShare, p.rounding);
  const goodQuota = quota(n, p.goodShare, p.rounding);
  const grades: string[] = rows.map(() => '称职');
  const reasons: string[][] = rows.map(() => []);

  const blocked = rows.map((r, i) => {
    const lowBase = lt(r.num.base, p.minBase);
    if (lowBase) {
      reasons[i].push(reason('block_excellent', `基本工作目标和执行工作制度及工作纪律得分低于${toText(p.minBase)}分，不得评为优秀`));
    }
    if (r.flag.downgraded) {
      reasons[i].push(reason('block_excellent', '所任职党组织年度考评定级降位，不得评为优秀'));
    }
    if (invalidSatisfaction(r)) reasons[i].push(satisfactionInvalidReason('优秀'));
    return lowBase || r.flag.downgraded || invalidSatisfaction(r);
  });
  rows.forEach((r, i) => {
    if (!r.flag.dismissed) return;
    grades[i] = '不称职';
    reasons[i].unshift(reason('dismissed', '有直接确定为不称职的情形，定为不称职，不占名额'));
  });

  // One pass per grade, best rank first: a blocked row's 优秀 place goes to the next
  // eligible row, and the blocked row still competes for 良好 at its own rank.
  const fill = (eligible: number[], grade: string, code: string, q: { count: number; text: string }) => {
    const placements: Placement[] = fillPlaces(eligible.map((i) => totals[i]), q.count);
    const left = q.count - placements.filter((x) => x === 'placed').length;
    const tied = placements.filter((x) => x === 'tie').length;
    const where = `“${category}”类${grade}名额为${q.text}`;
    eligible.forEach((i, k) => {
      if (placements[k] === 'placed') grades[i] = grade;
      else if (placements[k] === 'tie') {
        reasons[i].push(reason(code, `${where}，尚余${left}名；${tied}名同分并列于名额边界，全部评为${grade}将超出名额，均不评为${grade}`));
      } else reasons[i].push(reason(code, `${where}，排名在名额之外，未评为${grade}`));
    });
  };
  fill(order.filter((i) => !rows[i].flag.dismissed && !blocked[i]), '优秀', 'quota_excellent', excellentQuota);
  fill(order.filter((i) => !rows[i].flag.dismissed && grades[i] !== '优秀'), '良好', 'quota_good', goodQuota);

  rows.forEach((r, i) => {
    out[r.index] = { ...r.raw, total: toNumber(totals[i]), grade: grades[i], rank: ranks[i], reasons: reasons[i] };
  });
}

export const firstSecretary: RuleDef<Params> = {
  meta: { name: 'first-secretary', label: '第一书记考核（三定一诺双评）', output: 'grade', fields: FIELDS, defaultParams: DEFAULTS },

  params(raw) {
    const p = paramObject(raw, ['shares', 'excellentMinBase', 'quotaRounding'], 'first-secretary');
    const shares = readShares(p.shares ?? {});
    const minBase = paramNumber(p.excellentMinBase ?? DEFAULTS.excellentMinBase, 'excellentMinBase', { min: 0, max: 100 });
    const rounding = paramRounding(p.quotaRounding ?? DEFAULTS.quotaRounding, 'quotaRounding');
    return {
      effective: {
        shares: { excellent: toNumber(shares.excellent), good: toNumber(shares.good) },
        excellentMinBase: toNumber(minBase),
        quotaRounding: rounding,
      },
      compiled: { excellentShare: shares.excellent, goodShare: shares.good, minBase, rounding },
    };
  },

  fields: () => FIELDS,

  score(rows, p) {
    const byCategory = new Map<string, ParsedRow[]>();
    for (const r of rows) {
      const group = byCategory.get(r.text.category);
      if (group) group.push(r);
      else byCategory.set(r.text.category, [r]);
    }
    const out = new Array<ScoredRow>(rows.length);
    for (const [category, group] of byCategory) scoreCategory(group, p, category, out);
    return out;
  },
};
