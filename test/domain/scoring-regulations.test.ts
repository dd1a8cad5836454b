import { describe, it, expect } from 'vitest';
import { runRule } from '../../src/domain/scoring';
import { byId, codes } from './scoring-helpers';
import { CASES } from './scoring-regulation-cases';

describe('scoring as the regulations write it: the hand-worked cases', () => {
  it.each(CASES.map((c) => [c.name, c] as const))('%s', (_, c) => {
    const result = runRule(c.rule, c.params, c.rows);
    for (const [id, want] of Object.entries(c.expect)) {
      const row = byId(result.rows, id);
      const got: Record<string, unknown> = {};
      for (const key of Object.keys(want)) got[key] = key === 'codes' ? codes(row) : row[key];
      expect(got, `${c.source}: row ${id}`).toEqual(want);
    }
    for (const w of c.warnings ?? []) expect(result.warnings.some((line) => line.includes(w)), `warning “${w}” in ${JSON.stringify(result.warnings)}`).toBe(true);
    // Cases that lift the ★5 quota past 30% get a warning for it (003: 一般不超过30%); that one is itself worth a warning (003: 一般不超过30%).
    if (!c.warnings) expect(result.warnings.filter((w) => !w.startsWith('五星名额比例为'))).toEqual([]);
  });

  it('has at least 35 cases', () => expect(CASES.length).toBeGreaterThanOrEqual(35));
});
