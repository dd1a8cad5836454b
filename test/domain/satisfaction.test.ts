import { describe, expect, it } from 'vitest';
import { resolveRule } from '../../src/domain/rule';
import { meetsThreshold, percentText, scoreSubject } from '../../src/domain/satisfaction';

const counts = (vs: number, s: number, bs: number, d: number) => ({ very_satisfied: vs, satisfied: s, basically_satisfied: bs, dissatisfied: d });

describe('satisfaction = satisfied grades ÷ ballots cast', () => {
  it.each([
    ['standard', counts(4, 5, 1, 0), 0.9, true],
    ['strict-90', counts(4, 5, 1, 0), 0.9, false],
    ['strict-90', counts(10, 81, 9, 0), 0.91, true],
    ['household-80', counts(0, 8, 2, 0), 0.8, true],
    ['household-80', counts(0, 79, 21, 0), 0.79, false],
    ['standard', counts(0, 0, 0, 0), null, false],
  ])('%s with %o → %s, threshold met %s', (preset, c, satisfaction, met) => {
    const s = scoreSubject(c, resolveRule(preset));
    expect(s.satisfaction).toBe(satisfaction);
    expect(s.meetsThreshold).toBe(met);
  });

  it('counts 基本满意 as satisfied when the rule says so', () => {
    const s = scoreSubject(counts(1, 1, 1, 1), resolveRule({ satisfiedGrades: ['very_satisfied', 'satisfied', 'basically_satisfied'] }));
    expect(s.satisfied).toBe(3);
    expect(s.satisfaction).toBe(0.75);
  });

  it('gives 14/15 as the nearest JSON number to the exact fraction', () => {
    expect(scoreSubject(counts(14, 0, 0, 1), resolveRule('standard')).satisfaction).toBe(0.9333333333333333);
  });

  it.each([
    [9, 10, { percent: 90, strict: false }, true],
    [9, 10, { percent: 90, strict: true }, false],
    [857, 1000, { percent: 85.7, strict: false }, true],
    [856, 1000, { percent: 85.7, strict: false }, false],
    [1, 3, { percent: 33.33, strict: true }, true],
  ])('%i of %i against %o → %s, in integers', (sat, cast, threshold, met) => {
    expect(meetsThreshold(sat, cast, threshold)).toBe(met);
  });

  it.each([
    [9, 10, '90.00%'],
    [2, 3, '66.67%'],
    [1, 3, '33.33%'],
    [1, 8, '12.50%'],
    [1, 16, '6.25%'],
    [1, 32, '3.13%'], // 3.125 rounds half up
    [0, 7, '0.00%'],
    [7, 7, '100.00%'],
    [0, 0, '—'],
  ])('shows %i of %i as %s (half-up to 2 decimals)', (sat, cast, text) => {
    expect(percentText(sat, cast)).toBe(text);
  });
});
