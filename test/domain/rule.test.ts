import { describe, expect, it } from 'vitest';
import { DomainError } from '../../src/domain/errors';
import { PRESETS, resolveRule } from '../../src/domain/rule';

describe('rule presets and custom rules', () => {
  it('gives the standard preset when nothing is said', () => {
    expect(resolveRule(undefined)).toEqual(PRESETS.standard);
    expect(PRESETS.standard).toMatchObject({ satisfiedGrades: ['very_satisfied', 'satisfied'], quorum: { num: 2, den: 3 }, threshold: { percent: 90, strict: false }, minGroup: 5 });
  });

  it.each([
    ['strict-90', { percent: 90, strict: true }],
    ['household-80', { percent: 80, strict: false }],
  ])('%s sets the threshold %o', (name, threshold) => {
    expect(resolveRule(name).threshold).toEqual(threshold);
  });

  it('fills omitted fields of a custom rule from standard', () => {
    const rule = resolveRule({ satisfiedGrades: ['basically_satisfied', 'very_satisfied', 'satisfied'], threshold: { percent: 85.5 } });
    expect(rule).toMatchObject({
      preset: null,
      satisfiedGrades: ['very_satisfied', 'satisfied', 'basically_satisfied'],
      threshold: { percent: 85.5, strict: false },
      quorum: { num: 2, den: 3 },
      minGroup: 5,
    });
  });

  it.each([
    ['an unknown preset', 'lenient'],
    ['a quorum above 1', { quorum: { num: 4, den: 3 } }],
    ['a zero denominator', { quorum: { num: 0, den: 0 } }],
    ['a threshold over 100', { threshold: { percent: 101 } }],
    ['a threshold with 3 decimals', { threshold: { percent: 90.125 } }],
    ['no satisfied grades', { satisfiedGrades: [] }],
    ['a made-up grade', { satisfiedGrades: ['great'] as never }],
    ['a zero minimum group', { minGroup: 0 }],
  ])('refuses %s with a Chinese message', (_what, input) => {
    expect(() => resolveRule(input as never)).toThrow(DomainError);
    try {
      resolveRule(input as never);
    } catch (e) {
      expect((e as DomainError).code).toBe('invalid_rule');
      expect((e as DomainError).message).toMatch(/[\u4e00-\u9fa5]/);
    }
  });
});
