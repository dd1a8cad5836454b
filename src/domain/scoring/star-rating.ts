import { add, div, gt, lt, min, mul, roundHalfUp, sub, toNumber, toText, ZERO, type Dec } from './decimal';
import { paramBands, pickBand, starsValue, type Bands } from './bands';
import { paramNumber, paramObject, paramWeights, type Weights } from './params';
import { fillPlaces, paramRounding, paramShare, quota, type QuotaRounding } from './quota';
import { competitionRanks, rankOrder } from './rank';
import { ID_FIELD } from './rows';
import { reason, type FieldSpec, type RuleDef } from './types';

// 党支部评星定级: base, bonus and deduction items (≥ 70%) plus the review item (≤ 30%).
const FIELDS: FieldSpec[] = [
  ID_FIELD,
  { name: 'base', label: '基础项得分', kind: 'number', required: true, min: 0, max: 100 },
  { name: 'bonus', label: '加分项得分', kind: 'number', required: true, min: 0, max: 100, note: '超过加分上限的按上限计，无加分填0' },
  { name: 'deductions', label: '减分项扣分', kind: 'number', required: true, min: 0, max: 100, note: '填扣分的正数，无扣分填0' },
  { name: 'review', label: '评议项得分', kind: 'number', required: true, min: 0, max: 100 },
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

const PARAM_KEYS = Object.keys(DEFAULTS);

interface Params {
  bonusCap: Dec;
  weights: Weights;
  bands: Bands<number>;
  lowest: number;
  minBase: Dec;
  share: Dec;
  rounding: QuotaRounding;
}

export const starRating: RuleDef<Params> = {
  meta: { name: 'star-rating', label: '党支部评星定级', output: 'stars', fields: FIELDS, defaultParams: DEFAULTS },

  params(raw) {
    const p = paramObject(raw, PARAM_KEYS, 'star-rating');
    const c: Params = {
      bonusCap: paramNumber(p.bonusCap ?? DEFAULTS.bonusCap, 'bonusCap', { min: 0, max: 100 }),
      weights: paramWeights(p.weights ?? {}, 'weights', DEFAULTS.weights),
      bands: paramBands(p.bands ?? DEFAULTS.bands, 'bands', 'stars', starsValue),
      lowest: starsValue(p.lowest ?? DEFAULTS.lowest, 'lowest'),
      minBase: paramNumber(p.fiveStarMinBase ?? DEFAULTS.fiveStarMinBase, 'fiveStarMinBase', { min: 0, max: 100 }),
      share: paramShare(p.fiveStarShare ?? DEFAULTS.fiveStarShare, 'fiveStarShare'),
      rounding: paramRounding(p.quotaRounding ?? DEFAULTS.quotaRounding, 'quotaRounding'),
    };
    return {
      effective: {
        bonusCap: toNumber(c.bonusCap),
        weights: c.weights.plain,
        bands: c.bands.plain,
        lowest: c.lowest,
        fiveStarMinBase: toNumber(c.minBase),
        fiveStarShare: toNumber(c.share),
        quotaRounding: c.rounding,
      },
      compiled: c,
    };
  },

  fields: () => FIELDS,

  score(rows, p) {
    const w = p.weights.dec;
    const reasons: string[][] = rows.map(() => []);
    const totals = rows.map((r, i) => {
      const { base, bonus, deductions, review } = r.num;
      if (gt(bonus, p.bonusCap)) {
        reasons[i].push(reason('bonus_cap', `加分项${toText(bonus)}分超过上限${toText(p.bonusCap)}分，按${toText(p.bonusCap)}分计`));
      }
      const score = sub(add(base, min(bonus, p.bonusCap)), deductions);
      return roundHalfUp(div(add(mul(w.score, score), mul(w.review, review)), p.weights.total), 2);
    });
    const ranks = competitionRanks(totals);

    const stars = rows.map((r, i) => {
      const banded = pickBand(totals[i], p.bands.bands, p.lowest);
      const capBase = lt(r.num.base, p.minBase);
      const capDeductions = gt(r.num.deductions, ZERO);
      if (capBase) reasons[i].push(reason('cap_base', `基础项得分低于${toText(p.minBase)}分，不得评为五星，最高四星`));
      if (capDeductions) reasons[i].push(reason('cap_deductions', `有减分项（扣${toText(r.num.deductions)}分），不得评为五星，最高四星`));
      return capBase || capDeductions ? Math.min(banded, 4) : banded;
    });

    // The five-star quota counts every row; those past it (or tied across its edge) drop to ★4.
    const q = quota(rows.length, p.share, p.rounding);
    const candidates = rankOrder(totals).filter((i) => stars[i] === 5);
    const placements = fillPlaces(candidates.map((i) => totals[i]), q.count);
    const left = q.count - placements.filter((x) => x === 'placed').length;
    const tied = placements.filter((x) => x === 'tie').length;
    candidates.forEach((i, k) => {
      if (placements[k] === 'placed') return;
      stars[i] = 4;
      const why =
        placements[k] === 'tie'
          ? `尚余${left}名；${tied}名同分并列于名额边界，全部评为五星将超出名额，均降为四星`
          : '排名在名额之外，降为四星';
      reasons[i].push(reason('quota_five_star', `五星名额为${q.text}，${why}`));
    });

    return rows.map((r, i) => ({ ...r.raw, total: toNumber(totals[i]), stars: stars[i], rank: ranks[i], reasons: reasons[i] }));
  },
};
