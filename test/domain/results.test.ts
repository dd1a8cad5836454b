import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { computeResults, type StoredBallot } from '../../src/domain/results';
import { resolveRule } from '../../src/domain/rule';

const subjects = [
  { id: 's1', name: '支部' },
  { id: 's2', name: '书记' },
  { id: 's3', name: '主任' },
];
const categories = [
  { key: 'party', label: '党员', eligible: 40 },
  { key: 'rep', label: '代表', eligible: 40 },
];
const input = (ballots: StoredBallot[]) => ({ eligible: 80, categories, subjects, rule: resolveRule('standard'), minGroup: 5, ballots });

const ballot = fc.record({
  category: fc.constantFrom('party', 'rep'),
  channel: fc.constantFrom('phone' as const, 'paper' as const),
  grades: fc.stringMatching(/^[0-3]{3}$/),
});

describe('results from ballots counted together', () => {
  it('are the same as from the ballots one by one, however they are grouped', () => {
    fc.assert(
      fc.property(fc.array(ballot, { maxLength: 80 }), (rows) => {
        const one = rows.map((b) => ({ ...b, count: 1 }));
        const grouped = new Map<string, StoredBallot>();
        for (const b of one) {
          const key = `${b.category}/${b.channel}/${b.grades}`;
          const g = grouped.get(key);
          if (g) g.count++;
          else grouped.set(key, { ...b });
        }
        expect(computeResults(input([...grouped.values()]))).toEqual(computeResults(input(one)));
      }),
    );
  });

  it('counts a group of 9 identical ballots as 9 votes: cast, channels, categories and grades', () => {
    const r = computeResults(input([{ category: 'party', channel: 'paper', grades: '013', count: 9 }]));
    if (r.withheld) throw new Error('9 ballots are over the floor of 5');
    expect(r.cast).toBe(9);
    expect(r.channels).toEqual({ phone: 0, paper: 9 });
    expect(r.categories.find((c) => c.key === 'party')?.cast).toBe(9);
    expect(r.subjects.map((s) => s.counts)).toEqual([
      { very_satisfied: 9, satisfied: 0, basically_satisfied: 0, dissatisfied: 0 },
      { very_satisfied: 0, satisfied: 9, basically_satisfied: 0, dissatisfied: 0 },
      { very_satisfied: 0, satisfied: 0, basically_satisfied: 0, dissatisfied: 9 },
    ]);
  });

  it('under the floor say how many voted and whether it is valid, and nothing countable', () => {
    const few = { ...input([{ category: 'party', channel: 'phone', grades: '013', count: 4 }]), eligible: 5, categories: [] };
    const r = computeResults(few);
    expect(r).toMatchObject({ withheld: true, minGroup: 5, cast: 4, eligible: 5, valid: true });
    expect(r.subjects).toEqual(subjects.map((s) => ({ id: s.id, name: s.name, kind: null, satisfaction: null })));
    expect(JSON.stringify(r)).not.toMatch(/counts|satisfied|byCategory/);
    expect(computeResults({ ...few, minGroup: 4 }).withheld).toBe(false);
  });
});
