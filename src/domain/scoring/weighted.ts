import { add, div, mul, roundHalfUp, toNumber, ZERO } from './decimal';
import { gradeValue, paramBands, pickBand, type Bands } from './bands';
import { invalidParams, paramObject, paramText, paramWeights, type Weights } from './params';
import { competitionRanks } from './rank';
import { ID_FIELD } from './rows';
import type { FieldSpec, RuleDef } from './types';

// For places whose rule is none of the presets, e.g. village self : township = 3 : 7.
// There is no sensible default, so weights and bands are required.

interface Params {
  weights: Weights;
  bands: Bands<string>;
  lowest: string;
}

/** Weighted columns are free-form, so any finite number is accepted; the scorer's scale decides. */
function fieldsFor(p: Params): FieldSpec[] {
  return [
    ID_FIELD,
    ...Object.keys(p.weights.dec).map((name): FieldSpec => ({ name, label: name, kind: 'number', required: true })),
  ];
}

export const weighted: RuleDef<Params> = {
  meta: { name: 'weighted', label: '自定义加权', output: 'grade', fields: [ID_FIELD], defaultParams: null },

  params(raw) {
    const p = paramObject(raw, ['weights', 'bands', 'lowest'], 'weighted');
    if (p.weights === undefined || p.bands === undefined) {
      throw invalidParams(
        'weighted 需要参数 weights 和 bands，如 {"weights": {"self": 3, "township": 7}, "bands": [{"min": 90, "grade": "好"}]}',
      );
    }
    const weights = paramWeights(p.weights, 'weights', null);
    const bands = paramBands(p.bands, 'bands', 'grade', gradeValue);
    // 较差 is the lowest grade of the local vocabulary (好/较好/一般/较差); echoed so it is visible.
    const lowest = paramText(p.lowest ?? '较差', 'lowest');
    return { effective: { weights: weights.plain, bands: bands.plain, lowest }, compiled: { weights, bands, lowest } };
  },

  fields: fieldsFor,

  score(rows, p) {
    const totals = rows.map((r) => {
      const terms = Object.entries(p.weights.dec).map(([field, w]) => mul(w, r.num[field]));
      return roundHalfUp(div(terms.reduce(add, ZERO), p.weights.total), 2);
    });
    const ranks = competitionRanks(totals);
    return rows.map((r, i) => ({
      ...r.raw,
      total: toNumber(totals[i]),
      grade: pickBand(totals[i], p.bands.bands, p.lowest),
      rank: ranks[i],
      reasons: [],
    }));
  },
};
