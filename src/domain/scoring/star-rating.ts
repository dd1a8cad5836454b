import { add, compare, div, fromInt, gt, HUNDRED, lt, min, mul, roundHalfUp, sub, toNumber, toText, ZERO, type Dec } from './decimal';
import { paramBands, pickBand, starsValue, type Bands } from './bands';
import { directField } from './direct';
import { invalidSatisfaction, SATISFACTION_INVALID, satisfactionField, satisfactionInvalidReason, scoreField } from './fields';
import { applyQuotas, outcomeRanks, paramQuotas, plainQuotas, type QuotaSpec, type Standing } from './outcomes';
import { invalidParams, paramNumber, paramObject, paramWeights, type Weights } from './params';
import { paramRounding, paramShare, type QuotaRounding } from './quota';
import { ID_FIELD, where } from './rows';
import { paramSatisfactionRules, satisfactionRulesPlain, type SatisfactionRule } from './satisfaction-rules';
import { reason, type FieldSpec, type ParsedRow, type RuleDef, type ScoredRow } from './types';

// 党支部评星定级 (003): base, bonus and deduction items (≥ 70%) plus the review item (≤ 30%).
const STARS = [5, 4, 3, 2, 1, 0] as const;
const STAR_WORDS = ['不定星级', '一星', '二星', '三星', '四星', '五星'];
export const starWord = (n: number) => STAR_WORDS[n] ?? `${n}星`;

const FIELDS: FieldSpec[] = [
  ID_FIELD,
  scoreField('base', '基础项得分'),
  scoreField('bonus', '加分项得分', '超过加分上限的按上限计，无加分填0'),
  scoreField('deductions', '减分项扣分', '填扣分的正数，无扣分填0'),
  scoreField('review', '评议项得分'),
  satisfactionField('民主评议满意率', false),
  { name: 'veto', label: '一票否决', kind: 'flag', required: false, note: '是/否，留空为否；否决的不定星级' },
  directField(STARS.map(String)),
  SATISFACTION_INVALID,
];

const DEFAULTS = {
  bonusCap: 20,
  weights: { score: 0.7, review: 0.3 },
  bands: [
    { min: 90, stars: 5 },
    { min: 80, stars: 4 },
    { min: 70, stars: 3 },
    { min: 60, stars: 2 },
  ],
  lowest: 1,
  fiveStarMinBase: 80,
  fiveStarShare: 0.3,
  quotaRounding: 'floor' as QuotaRounding,
};

// 003: 减分项“给予一次不少于20分的减分”；评议项“原则上按照不高于30%的比例计入总分”；加分“累计一般不超过20分”。
const IN_PRINCIPLE = { minDeduction: 20, reviewShare: fromInt(3), bonusCap: fromInt(20), fiveStarShare: fromInt(3) };

const PARAM_KEYS = [...Object.keys(DEFAULTS), 'quotas', 'noStarBelow', 'satisfactionRules', 'minDeduction'];

interface Params {
  bonusCap: Dec;
  weights: Weights;
  bands: Bands<number>;
  lowest: number;
  minBase: Dec;
  quotas: Map<number, QuotaSpec>;
  rounding: QuotaRounding;
  noStarBelow: Dec | null;
  satisfactionRules: SatisfactionRule[];
  minDeduction: Dec;
}

const name = (s: number) => String(s);
const at = (s: number) => STARS.indexOf(s as (typeof STARS)[number]);

function readQuotas(p: Record<string, unknown>, bottom: number): Map<number, QuotaSpec> {
  const quotas = paramQuotas(p.quotas, STARS, name, bottom);
  const given = quotas.get(0)?.max;
  // The answer echoes both, so the echoed params must read back: equal is fine, different is ambiguous.
  if (p.fiveStarShare !== undefined && given && compare(paramShare(p.fiveStarShare, 'fiveStarShare'), given) !== 0) {
    throw invalidParams('参数 fiveStarShare 与 quotas."5".max 说的是同一个五星比例，两者不同；只填一个');
  }
  // fiveStarShare is shorthand for quotas."5".max; the 30% default stays unless one is given.
  const share = quotas.get(0)?.max ?? paramShare(p.fiveStarShare ?? DEFAULTS.fiveStarShare, 'fiveStarShare');
  quotas.set(0, { ...quotas.get(0), max: share });
  return quotas;
}

/** The published total: rounded, then less any satisfaction deduction (满意率60%以下扣5分). */
function totalOf(r: ParsedRow, p: Params, reasons: string[]): { total: Dec; noStar: boolean } {
  const { base, bonus, deductions, review } = r.num;
  const w = p.weights.dec;
  if (gt(bonus, p.bonusCap)) {
    reasons.push(reason('bonus_cap', `加分项${toText(bonus)}分超过上限${toText(p.bonusCap)}分，按${toText(p.bonusCap)}分计`));
  }
  const score = sub(add(base, min(bonus, p.bonusCap)), deductions);
  let total = roundHalfUp(div(add(mul(w.score, score), mul(w.review, review)), p.weights.total), 2);
  let noStar = false;
  const s = r.num.satisfaction;
  if (s) {
    const percent = mul(s, HUNDRED);
    for (const rule of p.satisfactionRules) {
      if (!lt(percent, rule.below)) continue;
      if (rule.deduct) {
        total = sub(total, rule.deduct);
        reasons.push(reason('satisfaction_deduct', `满意率${toText(roundHalfUp(percent, 2))}%低于${toText(rule.below)}%，扣${toText(rule.deduct)}分`));
      }
      if (rule.noStar) {
        noStar = true;
        reasons.push(reason('satisfaction_no_star', `满意率${toText(roundHalfUp(percent, 2))}%低于${toText(rule.below)}%，不定星级`));
      }
    }
  }
  return { total, noStar };
}

function starsOf(r: ParsedRow, p: Params, total: Dec, noStar: boolean, reasons: string[]): number {
  let stars = pickBand(total, p.bands.bands, p.lowest);
  const capBase = lt(r.num.base, p.minBase);
  const capDeductions = gt(r.num.deductions, ZERO);
  if (capBase) reasons.push(reason('cap_base', `基础项得分低于${toText(p.minBase)}分，不得评为五星，最高四星`));
  if (capDeductions) reasons.push(reason('cap_deductions', `有减分项（扣${toText(r.num.deductions)}分），不得评为五星，最高四星`));
  if (invalidSatisfaction(r)) reasons.push(satisfactionInvalidReason('五星'));
  if (capBase || capDeductions || invalidSatisfaction(r)) stars = Math.min(stars, 4);
  if (p.noStarBelow && lt(total, p.noStarBelow)) {
    stars = 0;
    reasons.push(reason('no_star_below', `总分低于${toText(p.noStarBelow)}分，不定星级`));
  }
  if (noStar) stars = 0;
  return stars;
}

export const starRating: RuleDef<Params> = {
  meta: { name: 'star-rating', label: '党支部评星定级', output: 'stars', fields: FIELDS, defaultParams: DEFAULTS },

  params(raw) {
    const p = paramObject(raw, PARAM_KEYS, 'star-rating');
    const bands = paramBands(p.bands ?? DEFAULTS.bands, 'bands', 'stars', starsValue);
    const lowest = toNumber(paramNumber(p.lowest ?? DEFAULTS.lowest, 'lowest', { min: 0, max: 5, integer: true }));
    const banded = [...bands.bands.map((b) => b.value), lowest].filter((s) => s > 0);
    const bottom = at(banded.length > 0 ? Math.min(...banded) : 0);
    const c: Params = {
      bonusCap: paramNumber(p.bonusCap ?? DEFAULTS.bonusCap, 'bonusCap', { min: 0, max: 1000 }),
      weights: paramWeights(p.weights ?? {}, 'weights', DEFAULTS.weights),
      bands,
      lowest,
      minBase: paramNumber(p.fiveStarMinBase ?? DEFAULTS.fiveStarMinBase, 'fiveStarMinBase', { min: 0, max: 1000 }),
      quotas: readQuotas(p, bottom),
      rounding: paramRounding(p.quotaRounding ?? DEFAULTS.quotaRounding, 'quotaRounding'),
      noStarBelow: p.noStarBelow === undefined || p.noStarBelow === null ? null : paramNumber(p.noStarBelow, 'noStarBelow', { min: 0, max: 1000 }),
      satisfactionRules: paramSatisfactionRules(p.satisfactionRules, true),
      minDeduction: paramNumber(p.minDeduction ?? IN_PRINCIPLE.minDeduction, 'minDeduction', { min: 0, max: 1000 }),
    };
    return {
      effective: {
        bonusCap: toNumber(c.bonusCap),
        weights: c.weights.plain,
        bands: c.bands.plain,
        lowest: c.lowest,
        fiveStarMinBase: toNumber(c.minBase),
        fiveStarShare: toNumber(c.quotas.get(0)!.max!),
        quotas: plainQuotas(c.quotas, STARS, name),
        quotaRounding: c.rounding,
        noStarBelow: c.noStarBelow && toNumber(c.noStarBelow),
        satisfactionRules: satisfactionRulesPlain(c.satisfactionRules),
        minDeduction: toNumber(c.minDeduction),
      },
      compiled: c,
    };
  },

  fields: () => FIELDS,

  warnings(rows, p) {
    const out: string[] = [];
    const share = div(p.weights.dec.review, p.weights.total);
    if (gt(mul(share, fromInt(10)), IN_PRINCIPLE.reviewShare)) {
      out.push(`评议项权重为${toText(roundHalfUp(mul(share, HUNDRED), 2))}%，超过“原则上按照不高于30%的比例计入总分”（已按所填权重计算）`);
    }
    if (gt(p.bonusCap, IN_PRINCIPLE.bonusCap)) out.push(`加分上限为${toText(p.bonusCap)}分，超过“累计加分一般不超过20分”（已按所填上限计算）`);
    const five = p.quotas.get(0)!.max!;
    if (gt(mul(five, fromInt(10)), IN_PRINCIPLE.fiveStarShare)) {
      out.push(`五星名额比例为${toText(mul(five, HUNDRED))}%，超过“一般不超过总数的30%”，须报经县委组织部同意`);
    }
    for (const r of rows) {
      const d = r.num.deductions;
      if (d && gt(d, ZERO) && lt(d, p.minDeduction)) {
        out.push(`${where(r.index, r.id)}减分项扣${toText(d)}分，少于“一次不少于${toText(p.minDeduction)}分”的减分（已按所填扣分计算）`);
      }
    }
    return out;
  },

  score(rows, p, warn) {
    const standings: Standing[] = rows.map((r) => {
      const reasons: string[] = [];
      const scored = ['base', 'bonus', 'deductions', 'review'].every((f) => r.num[f]);
      let total: Dec | null = null;
      let stars = 0;
      if (scored) {
        const t = totalOf(r, p, reasons);
        total = t.total;
        stars = starsOf(r, p, t.total, t.noStar, reasons);
      }
      const direct = r.text.direct;
      if (direct !== undefined) {
        stars = Number(direct);
        reasons.push(reason('direct', `直接定级为${starWord(stars)}`));
      }
      if (r.flag.veto) {
        stars = 0;
        reasons.unshift(reason('veto', '存在“一票否决”情形，不定星级'));
      }
      return { total, at: at(stars), fixed: direct !== undefined || r.flag.veto, reasons };
    });

    const label = (s: number) => starWord(s);
    const codeOf = (s: number) => (s === 5 ? 'quota_five_star' : `quota_${s}_star`);
    applyQuotas(standings, STARS, p.quotas, p.rounding, label, '', codeOf).forEach((line) => warn?.(line));
    const ranks = outcomeRanks(standings);
    return rows.map((r, i): ScoredRow => {
      const s = standings[i];
      return { ...r.raw, total: s.total && toNumber(s.total), stars: STARS[s.at], rank: ranks[i], reasons: s.reasons };
    });
  },
};
