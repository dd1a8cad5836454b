import { add, div, HUNDRED, mul, roundHalfUp, toNumber, ZERO } from './decimal';
import { gradeValue, paramBands, pickBand, type Bands } from './bands';
import { paramObject, paramText, paramWeights, type Weights } from './params';
import { competitionRanks } from './rank';
import { ID_FIELD } from './rows';
import { invalidSatisfaction, SATISFACTION_INVALID, satisfactionField, satisfactionInvalidReason, scoreField } from './fields';
import { reason, type FieldSpec, type RuleDef } from './types';

// 晋位升级动态考核 (三评两述一公示): self, mass and superior scores, each out of 100, at 2 : 3 : 5.
const FIELDS: FieldSpec[] = [
  ID_FIELD,
  scoreField('self', '基层党组织自评分'),
  scoreField('superior', '上级党组织考评分'),
  { ...satisfactionField('党员群众测评满意度'), note: '满意度系数：填小数（如 0.9333）或票数之比（如 28/30）；测评分 = 满意度 × 100' },
  { name: 'veto', label: '一票否决', kind: 'flag', required: false, note: '是/否，留空为否' },
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
}

export const upgradeComposite: RuleDef<Params> = {
  meta: { name: 'upgrade-composite', label: '晋位升级综合评定（三评）', output: 'grade', fields: FIELDS, defaultParams: DEFAULTS },

  params(raw) {
    const p = paramObject(raw, ['weights', 'bands', 'lowest'], 'upgrade-composite');
    const weights = paramWeights(p.weights ?? {}, 'weights', DEFAULTS.weights);
    const bands = paramBands(p.bands ?? DEFAULTS.bands, 'bands', 'grade', gradeValue);
    const lowest = paramText(p.lowest ?? DEFAULTS.lowest, 'lowest');
    return {
      effective: { weights: weights.plain, bands: bands.plain, lowest },
      compiled: { weights, bands, lowest },
    };
  },

  fields: () => FIELDS,

  score(rows, { weights, bands, lowest }) {
    const w = weights.dec;
    const masses = rows.map((r) => mul(r.num.satisfaction, HUNDRED));
    const totals = rows.map((r, i) => {
      const weighted = [mul(w.self, r.num.self), mul(w.mass, masses[i]), mul(w.superior, r.num.superior)];
      return roundHalfUp(div(weighted.reduce(add, ZERO), weights.total), 2);
    });
    const ranks = competitionRanks(totals);
    const top = bands.bands[0].value;
    return rows.map((r, i) => {
      const vetoed = r.flag.veto;
      const reasons: string[] = [];
      let grade = pickBand(totals[i], bands.bands, lowest);
      if (invalidSatisfaction(r)) {
        reasons.push(satisfactionInvalidReason(`“${top}”`));
        if (grade === top) grade = pickBand(totals[i], bands.bands.slice(1), lowest);
      }
      if (vetoed) {
        grade = lowest;
        reasons.unshift(reason('veto', `存在“一票否决”情形，直接定为“${lowest}”`));
      }
      return {
        ...r.raw,
        // Unrounded (nearest JS number) so a reader can recompute the total exactly.
        mass: toNumber(masses[i]),
        total: toNumber(totals[i]),
        grade,
        rank: ranks[i],
        reasons,
      };
    });
  },
};
