import { describe, expect, it } from 'vitest';
import { reasonText } from '../../src/domain/scoring';
import { reasonTexts } from '../../web/seasons/labels';
import type { ResultRow } from '../../src/domain/season-result';

describe('a published reason shows its Chinese, never its machine code', () => {
  it.each([
    ['no_scores: 尚未录入评分', '尚未录入评分'],
    ['quota_4_star: 四星名额已满，按总分顺延', '四星名额已满，按总分顺延'],
    ['veto:否决项', '否决项'],
    ['没有代码的说明', '没有代码的说明'],
  ])('%s', (raw, shown) => {
    expect(reasonText(raw)).toBe(shown);
    // The season notice, board and staff page read reasons the same way.
    expect(reasonTexts({ reasons: [raw] } as unknown as ResultRow)).toEqual([shown]);
  });
});
