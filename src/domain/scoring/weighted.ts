import { add, div, mul, roundHalfUp, toNumber, ZERO, type Dec } from './decimal';
import { gradeValue, paramBands, pickBand, type Bands } from './bands';
import { directField } from './direct';
import { gradeScale, paramGradeQuotas, settleGrades, type GradeQuotas } from './graded';
import { invalidParams, paramObject, paramText, paramWeights, type Weights } from './params';
import { ID_FIELD } from './rows';
import type { FieldSpec, RuleDef } from './types';

// For places whose rule is none of the presets, e.g. village self : township = 3 : 7.
// There is no sensible default, so weights and bands are required.

interface Params {
  weights: Weights;
  bands: Bands<string>;
  lowest: string;
  scale: string[];
  quotas: GradeQuotas;
}

/** Weighted columns are free-form, so any finite number is accepted; the scorer's scale decides. */
function fieldsFor(p: Params): FieldSpec[] {
  return [
    ID_FIELD,
    ...Object.keys(p.weights.dec).map((name): FieldSpec => ({ name, label: name, kind: 'number', required: true })),
    directField(p.scale),
  ];
}

export const weighted: RuleDef<Params> = {
  meta: { name: 'weighted', label: '自定义加权', output: 'grade', fields: [ID_FIELD], defaultParams: null },

  params(raw) {
    const p = paramObject(raw, ['weights', 'bands', 'lowest', 'quotas', 'quotaRounding'], 'weighted');
    if (p.weights === undefined || p.bands === undefined) {
      throw invalidParams(
        'weighted 需要参数 weights 和 bands，如 {"weights": {"self": 3, "township": 7}, "bands": [{"min": 90, "grade": "好"}]}',
      );
    }
    const weights = paramWeights(p.weights, 'weights', null);
    if (Object.hasOwn(weights.dec, 'direct')) throw invalidParams('参数 weights 的字段名不能是“direct”');
    const bands = paramBands(p.bands, 'bands', 'grade', gradeValue);
    // 较差 is the lowest grade of the local vocabulary (好/较好/一般/较差); echoed so it is visible.
    const lowest = paramText(p.lowest ?? '较差', 'lowest');
    const scale = gradeScale(bands, lowest);
    const quotas = paramGradeQuotas(p.quotas, p.quotaRounding, scale);
    return {
      effective: { weights: weights.plain, bands: bands.plain, lowest, ...quotas.plain },
      compiled: { weights, bands, lowest, scale, quotas },
    };
  },

  fields: fieldsFor,

  score(rows, p, warn) {
    const graded = rows.map((r) => {
      const fields = Object.keys(p.weights.dec);
      let total: Dec | null = null;
      if (fields.every((f) => r.num[f])) {
        const terms = Object.entries(p.weights.dec).map(([field, w]) => mul(w, r.num[field]));
        total = roundHalfUp(div(terms.reduce(add, ZERO), p.weights.total), 2);
      }
      return { total, grade: total ? pickBand(total, p.bands.bands, p.lowest) : p.lowest, reasons: [] as string[] };
    });
    const settled = settleGrades(rows, graded, p.scale, p.quotas);
    settled.warnings.forEach((line) => warn?.(line));
    return rows.map((r, i) => ({
      ...r.raw,
      total: graded[i].total && toNumber(graded[i].total!),
      grade: settled.grades[i],
      rank: settled.ranks[i],
      reasons: graded[i].reasons,
    }));
  },
};
