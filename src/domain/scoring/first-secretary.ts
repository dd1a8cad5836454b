import { fromInt, lt, mul, roundHalfUp, toNumber, toText, type Dec } from './decimal';
import { directField } from './direct';
import { invalidSatisfaction, SATISFACTION_INVALID, satisfactionField, satisfactionInvalidReason, scoreField } from './fields';
import { outcomeRanks, type Standing } from './outcomes';
import { invalidParams, paramNumber, paramObject, paramText } from './params';
import { fillPlaces, paramRounding, paramShare, quota, type Placement, type QuotaRounding } from './quota';
import { ID_FIELD } from './rows';
import { reason, type FieldSpec, type ParsedRow, type RuleDef, type ScoredRow } from './types';

// 第一书记 三定一诺双评 (001 §19): work-target score × mass satisfaction, graded by quota within each category.
export const GRADES = ['优秀', '良好', '称职', '基本称职', '不称职'] as const;
const STRAIGHT = new Set(['基本称职', '不称职']);

const FIELDS: FieldSpec[] = [
  ID_FIELD,
  { name: 'category', label: '类别', kind: 'text', required: true, note: '名次和名额按类别分别计算' },
  scoreField('work', '工作目标考评得分', '基本分100分，加上奖分、减去扣分，可超过100分'),
  scoreField('base', '基本工作目标和执行工作制度及工作纪律得分'),
  satisfactionField('群众满意度'),
  { name: 'downgraded', label: '所任职党组织年度考评定级降位', kind: 'flag', required: false, note: '是/否，留空为否' },
  { name: 'dismissed', label: '有直接确定为不称职的情形', kind: 'flag', required: false, note: '是/否，留空为否' },
  directField(GRADES),
  SATISFACTION_INVALID,
];

const DEFAULTS = {
  shares: { excellent: 0.3, good: 0.3 },
  excellentMinBase: 80,
  quotaRounding: 'floor' as QuotaRounding,
};

interface Level {
  below: Dec;
  grade: string;
}

interface Params {
  excellentShare: Dec;
  goodShare: Dec;
  minBase: Dec;
  rounding: QuotaRounding;
  /** Lowest `below` first: the first one a satisfaction is under decides. */
  levels: Level[];
}

function readShares(v: unknown, quotas: unknown): { excellent: Dec; good: Dec } {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) {
    throw invalidParams('参数 shares 应为对象，如 {"excellent": 0.3, "good": 0.3}');
  }
  const o = paramObject(v, ['excellent', 'good'], 'first-secretary 的 shares');
  // quotas {"优秀": {max}, "良好": {max}} says the same with grade names, as other rules do.
  const q = paramObject(quotas, ['优秀', '良好'], 'first-secretary 的 quotas（只有优秀、良好有名额）');
  const max = (grade: string, share: unknown) => {
    if (q[grade] === undefined) return undefined;
    if (share !== undefined) throw invalidParams(`参数 quotas.${grade} 与 shares 说的是同一个比例，只能填一个`);
    return paramObject(q[grade], ['max'], `quotas.${grade}`).max;
  };
  const excellent = max('优秀', o.excellent) ?? o.excellent ?? DEFAULTS.shares.excellent;
  const good = max('良好', o.good) ?? o.good ?? DEFAULTS.shares.good;
  return { excellent: paramShare(excellent, 'shares.excellent'), good: paramShare(good, 'shares.good') };
}

/** 001 §19 names the grades 基本称职/不称职 by satisfaction but no cut-offs: none by default. */
function readLevels(raw: unknown): Level[] {
  if (raw === undefined || raw === null) return [];
  if (!Array.isArray(raw) || raw.length > 10) {
    throw invalidParams('参数 satisfactionLevels 应为数组，如 [{"below": 0.7, "grade": "不称职"}, {"below": 0.8, "grade": "基本称职"}]');
  }
  const levels = raw.map((x, i) => {
    const o = paramObject(x, ['below', 'grade'], `satisfactionLevels[${i}]`);
    const grade = paramText(o.grade, `satisfactionLevels[${i}].grade`);
    if (!STRAIGHT.has(grade)) throw invalidParams(`参数 satisfactionLevels[${i}].grade 应为 基本称职 或 不称职`);
    return { below: paramNumber(o.below, `satisfactionLevels[${i}].below`, { min: 0, max: 1 }), grade };
  });
  return levels.sort((a, b) => (lt(a.below, b.below) ? -1 : lt(b.below, a.below) ? 1 : 0));
}

/** Grades one category; writes into `out` at each row's input position. */
function scoreCategory(rows: ParsedRow[], p: Params, category: string, out: ScoredRow[]): void {
  const scored = rows.map((r) => r.num.work !== undefined && r.num.satisfaction !== undefined);
  const totals = rows.map((r, i) => (scored[i] ? roundHalfUp(mul(r.num.work, r.num.satisfaction), 2) : null));
  const n = rows.length;
  const excellentQuota = quota(n, p.excellentShare, p.rounding);
  const goodQuota = quota(n, p.goodShare, p.rounding);
  const grades: string[] = rows.map(() => '称职');
  const reasons: string[][] = rows.map(() => []);
  // Rows whose grade is settled without places: dismissed, straight by satisfaction, or rated directly.
  const settled = rows.map(() => false);

  rows.forEach((r, i) => {
    const level = r.num.satisfaction && p.levels.find((l) => lt(r.num.satisfaction, l.below));
    if (r.flag.dismissed) {
      grades[i] = '不称职';
      settled[i] = true;
      reasons[i].push(reason('dismissed', '有直接确定为不称职的情形，定为不称职，不占名额'));
    } else if (level) {
      grades[i] = level.grade;
      settled[i] = true;
      const pct = toText(roundHalfUp(mul(r.num.satisfaction, fromInt(100)), 2));
      reasons[i].push(reason('satisfaction_level', `群众满意度${pct}%低于${toText(mul(level.below, fromInt(100)))}%，测评为${level.grade}，直接确定为${level.grade}，不占名额`));
    } else if (r.text.direct !== undefined) {
      grades[i] = r.text.direct;
      settled[i] = true;
      reasons[i].push(reason('direct', `直接定级为${r.text.direct}${r.text.direct === '优秀' || r.text.direct === '良好' ? '，占用名额' : ''}`));
    }
  });

  const blocked = rows.map((r, i) => {
    const lowBase = r.num.base !== undefined && lt(r.num.base, p.minBase);
    if (lowBase) {
      reasons[i].push(reason('block_excellent', `基本工作目标和执行工作制度及工作纪律得分低于${toText(p.minBase)}分，不得评为优秀`));
    }
    if (r.flag.downgraded) reasons[i].push(reason('block_excellent', '所任职党组织年度考评定级降位，不得评为优秀'));
    if (invalidSatisfaction(r)) reasons[i].push(satisfactionInvalidReason('优秀'));
    return lowBase || r.flag.downgraded || invalidSatisfaction(r);
  });

  // Places in order of total, best first: a blocked row's 优秀 place goes to the next
  // eligible row, and the blocked row still competes for 良好 at its own rank. A direct
  // 优秀/良好 takes its place before anyone is placed.
  const order = rows.map((_, i) => i).filter((i) => totals[i] !== null && !settled[i]);
  order.sort((a, b) => (lt(totals[a]!, totals[b]!) ? 1 : lt(totals[b]!, totals[a]!) ? -1 : 0));
  const fill = (eligible: number[], grade: string, code: string, q: { count: number; text: string }) => {
    const taken = rows.filter((_, i) => settled[i] && grades[i] === grade).length;
    const capacity = Math.max(0, q.count - taken);
    const placements: Placement[] = fillPlaces(eligible.map((i) => totals[i]!), capacity);
    const left = capacity - placements.filter((x) => x === 'placed').length;
    const tied = placements.filter((x) => x === 'tie').length;
    const where = `“${category}”类${grade}名额为${q.text}${taken ? `，直接定级占${taken}名` : ''}`;
    eligible.forEach((i, k) => {
      if (placements[k] === 'placed') grades[i] = grade;
      else if (placements[k] === 'tie') {
        reasons[i].push(reason(code, `${where}，尚余${left}名；${tied}名同分并列于名额边界，全部评为${grade}将超出名额，均不评为${grade}`));
      } else reasons[i].push(reason(code, `${where}，排名在名额之外，未评为${grade}`));
    });
  };
  fill(order.filter((i) => !blocked[i]), '优秀', 'quota_excellent', excellentQuota);
  fill(order.filter((i) => grades[i] !== '优秀'), '良好', 'quota_good', goodQuota);

  const standings: Standing[] = rows.map((_, i) => ({
    total: totals[i],
    at: GRADES.indexOf(grades[i] as (typeof GRADES)[number]),
    fixed: settled[i],
    reasons: reasons[i],
  }));
  const ranks = outcomeRanks(standings);
  rows.forEach((r, i) => {
    out[r.index] = { ...r.raw, total: totals[i] && toNumber(totals[i]!), grade: grades[i], rank: ranks[i], reasons: reasons[i] };
  });
}

export const firstSecretary: RuleDef<Params> = {
  meta: { name: 'first-secretary', label: '第一书记考核（三定一诺双评）', output: 'grade', fields: FIELDS, defaultParams: DEFAULTS },

  params(raw) {
    const p = paramObject(raw, ['shares', 'quotas', 'excellentMinBase', 'quotaRounding', 'satisfactionLevels'], 'first-secretary');
    const shares = readShares(p.shares ?? {}, p.quotas);
    const minBase = paramNumber(p.excellentMinBase ?? DEFAULTS.excellentMinBase, 'excellentMinBase', { min: 0, max: 1000 });
    const rounding = paramRounding(p.quotaRounding ?? DEFAULTS.quotaRounding, 'quotaRounding');
    const levels = readLevels(p.satisfactionLevels);
    return {
      effective: {
        shares: { excellent: toNumber(shares.excellent), good: toNumber(shares.good) },
        excellentMinBase: toNumber(minBase),
        quotaRounding: rounding,
        satisfactionLevels: levels.map((l) => ({ below: toNumber(l.below), grade: l.grade })),
      },
      compiled: { excellentShare: shares.excellent, goodShare: shares.good, minBase, rounding, levels },
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
