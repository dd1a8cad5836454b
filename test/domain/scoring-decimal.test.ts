import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import {
  add,
  ceil,
  compare,
  div,
  floor,
  make,
  min,
  mul,
  parseDec,
  roundHalfUp,
  sub,
  toFixed,
  toNumber,
  toText,
  type Dec,
} from '../../src/domain/scoring/decimal';
import { quota, fillPlaces } from '../../src/domain/scoring/quota';
import { outcomeRanks } from '../../src/domain/scoring/outcomes';

const d = (v: number | string): Dec => {
  const x = parseDec(v);
  if (!x) throw new Error(`not a number: ${v}`);
  return x;
};

describe('parsing takes numbers as the decimals they are written as', () => {
  it.each([
    [89.99, 8999n, 100n],
    [0.1, 1n, 10n],
    [1e-7, 1n, 10_000_000n],
    [1.5e21, 1_500_000_000_000_000_000_000n, 1n],
    [-2.5, -5n, 2n],
    ['89.995', 17999n, 200n],
    [' 90 ', 90n, 1n],
    ['1.5e2', 150n, 1n],
    ['.5', 1n, 2n],
    ['+3.', 3n, 1n],
    [0.9333333333333333, 9333333333333333n, 10_000_000_000_000_000n],
  ])('%s is %s/%s', (input, n, den) => {
    expect(d(input)).toEqual(make(n, den));
  });

  it.each([NaN, Infinity, -Infinity, '', '  ', 'abc', '1,5', '89.5%', '1e99999', '.', 'e5', true, null, undefined, {}, [1]])(
    'refuses %s',
    (input) => {
      expect(parseDec(input)).toBeNull();
    },
  );

  it('0.1 + 0.2 is exactly 0.3', () => {
    expect(compare(add(d(0.1), d(0.2)), d(0.3))).toBe(0);
  });
});

describe('arithmetic is exact', () => {
  it('sub, mul, div, min', () => {
    expect(toText(sub(d(90), d(0.01)))).toBe('89.99');
    expect(toText(mul(d(95), d(0.9333333333333333)))).toBe('88.6666666666666635');
    expect(toText(div(d(1), d(3)))).toBe('0.' + '3'.repeat(40));
    expect(toText(min(d(25), d(20)))).toBe('20');
    expect(() => div(d(1), d(0))).toThrow();
  });

  it('floor and ceil go toward −∞ and +∞, also for negatives', () => {
    expect([floor(d(2.9)), ceil(d(2.1)), floor(d(-2.1)), ceil(d(-2.9)), floor(d(3))]).toEqual([2n, 3n, -3n, -2n, 3n]);
  });
});

describe('roundHalfUp rounds half away from zero at 2 decimals', () => {
  it.each([
    ['89.995', '90.00'],
    ['89.994', '89.99'],
    ['89.9949999', '89.99'],
    [1.005, '1.01'], // binary 1.005 is 1.00499…; the written decimal is not
    [2.675, '2.68'],
    [0.125, '0.13'],
    ['-0.005', '-0.01'],
    ['-0.004', '0.00'],
    [100, '100.00'],
    [0, '0.00'],
  ])('%s → %s', (input, out) => {
    expect(toFixed(d(input), 2)).toBe(out);
  });

  it('toNumber of a rounded value is the nearest JS number', () => {
    expect(toNumber(roundHalfUp(d('89.995'), 2))).toBe(90);
    expect(toNumber(roundHalfUp(d('89.994'), 2))).toBe(89.99);
    expect(toNumber(roundHalfUp(div(d(2), d(3)), 2))).toBe(0.67);
  });

  it('agrees with integer arithmetic on thousandths', () => {
    fc.assert(
      fc.property(fc.integer({ min: -10_000_000, max: 10_000_000 }), (k) => {
        const q = Math.trunc(Math.abs(k) / 10) + (Math.abs(k) % 10 >= 5 ? 1 : 0);
        const expected = make(BigInt(k < 0 ? -q : q), 100n);
        expect(roundHalfUp(make(BigInt(k), 1000n), 2)).toEqual(expected);
      }),
    );
  });

  it('round-trips every finite JS number through its shortest string', () => {
    fc.assert(
      fc.property(fc.double({ noNaN: true, noDefaultInfinity: true }), (x) => {
        expect(toNumber(d(x))).toBe(x === 0 ? 0 : x);
      }),
    );
  });
});

describe('quotas and ranks', () => {
  it('quota counts are exact: 100 × 29% is 29, not floor(28.999999999999996)', () => {
    expect(quota(100, d(0.29), 'floor').count).toBe(29);
    expect(quota(10, d(0.3), 'floor').count).toBe(3);
    expect(quota(9, d(0.3), 'floor').count).toBe(2);
    expect(quota(5, d(0.3), 'round').count).toBe(2); // 1.5 half-up
    expect(quota(4, d(0.3), 'round').count).toBe(1);
    expect(quota(4, d(0.3), 'ceil').count).toBe(2);
    expect(quota(3, d(0.3), 'floor').text).toBe('0名（3 × 30% 向下取整）');
  });

  it('a tied group that straddles the boundary gets no place, and nobody after it does', () => {
    const totals = [95, 90, 90, 80].map(d);
    expect(fillPlaces(totals, 2)).toEqual(['placed', 'tie', 'tie', 'below']);
    expect(fillPlaces(totals, 3)).toEqual(['placed', 'placed', 'placed', 'below']);
    expect(fillPlaces(totals, 1)).toEqual(['placed', 'below', 'below', 'below']);
    expect(fillPlaces(totals, 0)).toEqual(['below', 'below', 'below', 'below']);
  });

  it('ties share a rank and the next rank skips (1, 1, 3)', () => {
    const same = [90, 95, 90, 80, 95].map((t) => ({ total: d(t), at: 0, fixed: false, reasons: [] }));
    expect(outcomeRanks(same)).toEqual([3, 1, 3, 5, 1]);
  });

  it('a better outcome ranks first whatever the total; a direct rating without a total ranks last in its outcome', () => {
    const rows = [
      { total: d(99), at: 2, fixed: true, reasons: [] }, // vetoed to the bottom outcome
      { total: d(70), at: 1, fixed: false, reasons: [] },
      { total: null, at: 0, fixed: true, reasons: [] }, // direct, no scores
      { total: d(80), at: 0, fixed: false, reasons: [] },
    ];
    expect(outcomeRanks(rows)).toEqual([4, 3, 2, 1]);
  });
});
