import { add, div, HUNDRED, mul, roundHalfUp, toNumber, ZERO, type Dec } from './decimal';
import { gradeValue, paramBands, pickBand, type Bands } from './bands';
import { directField } from './direct';
import { invalidSatisfaction, SATISFACTION_INVALID, satisfactionField, satisfactionInvalidReason, scoreField } from './fields';
import { gradeScale, paramGradeQuotas, settleGrades, type Graded, type GradeQuotas } from './graded';
import { paramObject, paramText, paramWeights, type Weights } from './params';
import { ID_FIELD } from './rows';
import { reason, type FieldSpec, type RuleDef } from './types';

// 晋位升级动态考核 (三评两述一公示): self, mass and superior scores, each out of 100, at 2 : 3 : 5.
const DEFAULT_GRADES = ['好', '较好', '一般', '较差'];

const fieldsFor = (scale: string[]): FieldSpec[] => [
  ID_FIELD,
  scoreField('self', '基层党组织自评分'),
  scoreField('superior', '上级党组织考评分'),
  { ...satisfactionField('党员群众测评满意度'), note: '满意度系数：填小数（如 0.9333）或票数之比（如 28/30）；测评分 = 满意度 × 100' },
  { name: 'veto', label: '一票否决', kind: 'flag', required: false, note: '是/否，留空为否' },
  directField(scale),
  SATISFACTION_INVALID,
];

const DEFAULTS = {
  weights: { self: 2, mass: 3, superior: 5 },
  bands: [
    { min: 90, grade: '好' },
    { min: 80, grade: '较好' },
    { min: 60, grade: '一般' },
  ],
  lowest: '较差',
};

interface Params {
  weights: Weights;
  bands: Bands<string>;
  lowest: string;
  scale: string[];
  quotas: GradeQuotas;
}

export const upgradeComposite: RuleDef<Params> = {
  meta: { name: 'upgrade-composite', label: '晋位升级综合评定（三评）', output: 'grade', fields: fieldsFor(DEFAULT_GRADES), defaultParams: DEFAULTS },

  params(raw) {
    const p = paramObject(raw, ['weights', 'bands', 'lowest', 'quotas', 'quotaRounding'], 'upgrade-composite');
    const weights = paramWeights(p.weights ?? {}, 'weights', DEFAULTS.weights);
    const bands = paramBands(p.bands ?? DEFAULTS.bands, 'bands', 'grade', gradeValue);
    const lowest = paramText(p.lowest ?? DEFAULTS.lowest, 'lowest');
    const scale = gradeScale(bands, lowest);
    const quotas = paramGradeQuotas(p.quotas, p.quotaRounding, scale);
    return {
      effective: { weights: weights.plain, bands: bands.plain, lowest, ...quotas.plain },
      compiled: { weights, bands, lowest, scale, quotas },
    };
  },

  fields: (p) => fieldsFor(p.scale),

  score(rows, { weights, bands, lowest, scale, quotas }, warn) {
    const w = weights.dec;
    const top = bands.bands[0].value;
    const masses: Array<Dec | null> = rows.map((r) => (r.num.satisfaction ? mul(r.num.satisfaction, HUNDRED) : null));
    const graded = rows.map((r, i): Graded => {
      const reasons: string[] = [];
      const mass = masses[i];
      let total: Dec | null = null;
      let grade = lowest;
      if (mass && r.num.self && r.num.superior) {
        const terms = [mul(w.self, r.num.self), mul(w.mass, mass), mul(w.superior, r.num.superior)];
        total = roundHalfUp(div(terms.reduce(add, ZERO), weights.total), 2);
        grade = pickBand(total, bands.bands, lowest);
        if (invalidSatisfaction(r)) {
          reasons.push(satisfactionInvalidReason(`“${top}”`));
          if (grade === top) grade = pickBand(total, bands.bands.slice(1), lowest);
        }
      }
      if (r.flag.veto) reasons.unshift(reason('veto', `存在“一票否决”情形，直接定为“${lowest}”`));
      return { total, grade, reasons, ...(r.flag.veto && { forced: lowest }) };
    });
    const settled = settleGrades(rows, graded, scale, quotas);
    settled.warnings.forEach((line) => warn?.(line));
    return rows.map((r, i) => ({
      ...r.raw,
      // Unrounded (nearest JS number) so a reader can recompute the total exactly.
      mass: masses[i] && toNumber(masses[i]!),
      total: graded[i].total && toNumber(graded[i].total!),
      grade: settled.grades[i],
      rank: settled.ranks[i],
      reasons: graded[i].reasons,
    }));
  },

};
