import { toNumber, type Dec } from './decimal';
import { invalidParams, paramNumber, paramObject } from './params';

/** 满意率60%以下扣5分，50%以下不定星级: percent, strictly below. */
export interface SatisfactionRule {
  below: Dec;
  deduct?: Dec;
  noStar?: boolean;
}

export function paramSatisfactionRules(raw: unknown, allowNoStar: boolean): SatisfactionRule[] {
  if (raw === undefined || raw === null) return [];
  if (!Array.isArray(raw) || raw.length > 20) {
    throw invalidParams('参数 satisfactionRules 应为数组，如 [{"below": 60, "deduct": 5}, {"below": 50, "noStar": true}]（满意率百分数，低于即适用）');
  }
  return raw.map((x, i) => {
    const path = `satisfactionRules[${i}]`;
    const o = paramObject(x, ['below', 'deduct', 'noStar'], path);
    const rule: SatisfactionRule = { below: paramNumber(o.below, `${path}.below`, { min: 0, max: 100 }) };
    if (o.deduct !== undefined) rule.deduct = paramNumber(o.deduct, `${path}.deduct`, { min: 0, max: 1000 });
    if (o.noStar !== undefined) {
      if (typeof o.noStar !== 'boolean' || !allowNoStar) throw invalidParams(`参数 ${path}.noStar 应为 true 或 false`);
      rule.noStar = o.noStar;
    }
    if (!rule.deduct && !rule.noStar) throw invalidParams(`参数 ${path} 应有 deduct（扣分）或 noStar（不定星级）`);
    return rule;
  });
}

export const satisfactionRulesPlain = (rules: SatisfactionRule[]) =>
  rules.map((r) => ({ below: toNumber(r.below), ...(r.deduct && { deduct: toNumber(r.deduct) }), ...(r.noStar && { noStar: true }) }));
