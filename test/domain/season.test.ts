import { describe, expect, it } from 'vitest';
import { assertCanFinalize, noticeWindow } from '../../src/domain/season';
import { changeOf, colorOf, outcomeOrder, readColorRule } from '../../src/domain/season-history';
import { seasonResult } from '../../src/domain/season-result';
import { checkSeasonRows } from '../../src/domain/season-rows';
import { entrySatisfaction, fractionPercent, type LinkedRound } from '../../src/domain/season-satisfaction';
import { DomainError } from '../../src/domain/errors';

const closed = (satisfied: number, cast: number, over: Partial<LinkedRound> = {}): LinkedRound => ({
  meetingId: `m${satisfied}-${cast}`,
  subjectId: 's',
  meetingTitle: '测评会',
  status: 'closed',
  valid: true,
  meetingCast: cast,
  floor: 5,
  satisfied,
  cast,
  ...over,
});

const entries = [
  { id: 'e1', key: 'A', name: '东村', organization: null, category: null },
  { id: 'e2', key: 'B', name: '西村', organization: null, category: null },
  { id: 'e3', key: 'C', name: '南村', organization: null, category: null },
];

describe('an entry’s satisfaction over its rounds', () => {
  it('pools Σ satisfied ÷ Σ cast, kept as the ballots wrote it', () => {
    const s = entrySatisfaction([closed(28, 30), closed(9, 10)], 'pool');
    expect(s.fraction?.text).toBe('37/40');
    expect({ satisfied: s.satisfied, cast: s.cast }).toEqual({ satisfied: 37, cast: 40 });
  });

  it('means the per-round fractions exactly, which differs from the pool', () => {
    // (28/30 + 9/10) / 2 = (14/15 + 9/10) / 2 = 55/60 = 11/12
    const s = entrySatisfaction([closed(28, 30), closed(9, 10)], 'mean');
    expect(s.fraction).toMatchObject({ num: 11n, den: 12n, text: '11/12' });
    expect(fractionPercent(s.fraction!)).toBe('91.67');
  });

  it('counts only closed, valid meetings over the floor, and says why the others do not count', () => {
    const s = entrySatisfaction(
      [closed(28, 30), closed(0, 0, { status: 'open', meetingId: 'open' }), closed(3, 4, { meetingId: 'small' }), closed(10, 20, { meetingId: 'bad', valid: false })],
      'pool',
    );
    expect(s.fraction?.text).toBe('28/30');
    expect(s.rounds.map((r) => [r.meetingId, r.counted, r.reason ?? null])).toEqual([
      ['m28-30', true, null],
      ['open', false, 'meeting_not_closed'],
      ['small', false, 'withheld'],
      ['bad', false, 'meeting_invalid'],
    ]);
    // A withheld meeting shows no counts here, or this list would be the way round the floor.
    expect(s.rounds[2]).toMatchObject({ satisfied: null, cast: null });
  });

  it('has no satisfaction when no round counts', () => {
    expect(entrySatisfaction([closed(3, 4)], 'pool').fraction).toBeNull();
    expect(entrySatisfaction([], 'mean').fraction).toBeNull();
  });
});

describe('a season’s result', () => {
  const sat = (pairs: [string, number, number][]) => new Map(pairs.map(([id, a, b]) => [id, entrySatisfaction([closed(a, b)], 'pool')]));

  it('says what is missing instead of guessing: no satisfaction, no scores, null total and rank', () => {
    const r = seasonResult({
      season: { rule: 'upgrade-composite', params: null },
      entries,
      // (2·100 + 3·90 + 5·90) / 10 = 92
      satisfaction: sat([['e1', 27, 30]]),
      linked: new Set(['e1', 'e2']),
      rows: [
        { entry: 'A', self: 100, superior: 90 },
        { entry: 'B', self: 90, superior: 90 },
      ],
    });
    expect(r.rows[0]).toMatchObject({ entry: 'A', fraction: '27/30', total: 92, grade: '好', rank: 1 });
    expect(r.rows[1]).toMatchObject({ entry: 'B', total: null, grade: null, rank: null });
    expect(r.rows[1].reasons[0]).toMatch(/^no_satisfaction: /);
    expect(r.rows[2].reasons).toEqual([expect.stringMatching(/^no_satisfaction: /), expect.stringMatching(/^no_scores: /)]);
  });

  it('takes a manual satisfaction for an unlinked entry and marks it', () => {
    const r = seasonResult({
      season: { rule: 'upgrade-composite', params: null },
      entries: [entries[2]],
      satisfaction: new Map(),
      linked: new Set(),
      rows: [{ entry: 'C', self: 80, superior: 80, satisfaction: 0.5 }],
    });
    // (2·80 + 3·50 + 5·80) / 10 = 71
    expect(r.rows[0]).toMatchObject({ total: 71, grade: '一般', fraction: '1/2', satisfactionFrom: 'manual' });
    expect(r.rows[0].reasons).toEqual([expect.stringMatching(/^satisfaction_manual: /)]);
  });

  it('compares with the previous season and flags two years of 较差 in a row', () => {
    const r = seasonResult({
      season: { rule: 'upgrade-composite', params: null },
      entries: entries.slice(0, 2),
      satisfaction: sat([['e1', 3, 10], ['e2', 30, 30]]),
      linked: new Set(['e1', 'e2']),
      rows: [
        { entry: 'A', self: 40, superior: 40 },
        { entry: 'B', self: 95, superior: 95 },
      ],
      previous: new Map([
        ['A', { total: 50, outcome: '较差' }],
        ['B', { total: 85, outcome: '较好' }],
      ]),
    });
    expect(r.rows[0]).toMatchObject({ grade: '较差', change: 'same', previous: { total: 50, outcome: '较差' } });
    expect(r.rows[0].reasons.some((x) => x.startsWith('consecutive_low: '))).toBe(true);
    expect(r.rows[1]).toMatchObject({ grade: '好', change: 'up' });
    expect(r.rows[1].reasons.some((x) => x.startsWith('consecutive_low'))).toBe(false);
  });

  it('fills a first secretary’s category from the entry, and means the rounds when the season says so', () => {
    const secretaries = [
      { id: 'e1', key: 'S1', name: '张三', organization: null, category: '行政村' },
      { id: 'e2', key: 'S2', name: '李四', organization: null, category: '行政村' },
    ];
    const r = seasonResult({
      season: { rule: 'first-secretary', params: null },
      entries: secretaries,
      // S1: mean of 9/10 and 8/10 = 17/20 (pooling 9/10 and 80/100 would give 89/110).
      satisfaction: new Map([
        ['e1', entrySatisfaction([closed(9, 10), closed(80, 100)], 'mean')],
        ['e2', entrySatisfaction([closed(7, 10)], 'mean')],
      ]),
      linked: new Set(['e1', 'e2']),
      rows: [
        { entry: 'S1', work: 100, base: 90 },
        { entry: 'S2', work: 100, base: 90 },
      ],
    });
    // S1: 100 × 17/20 = 85; S2: 100 × 7/10 = 70. Two in the category: 30% of 2 floors to 0 优秀.
    expect(r.rows.map((x) => [x.fraction, x.total, x.category, x.rank])).toEqual([
      ['17/20', 85, '行政村', 1],
      ['7/10', 70, '行政村', 2],
    ]);
  });

  it('colours the board by outcome: best green, worst red, the rest yellow', () => {
    const order = outcomeOrder('upgrade-composite', { bands: [{ min: 90, grade: '好' }, { min: 80, grade: '较好' }], lowest: '较差' });
    expect(order).toEqual(['好', '较好', '较差']);
    const rule = readColorRule(undefined);
    expect(['好', '较好', '较差', null].map((o) => colorOf(rule, order, o, null))).toEqual(['green', 'yellow', 'red', 'none']);
    expect(changeOf(order, '较好', '好')).toBe('down');
  });

  it('colours by satisfaction exactly at the edges when asked', () => {
    const rule = readColorRule({ by: 'satisfaction', green: 90, yellow: 80 });
    expect(colorOf(rule, [], null, { num: 9n, den: 10n })).toBe('green');
    expect(colorOf(rule, [], null, { num: 8999n, den: 10000n })).toBe('yellow');
    expect(colorOf(rule, [], null, { num: 79n, den: 100n })).toBe('red');
    expect(() => readColorRule({ by: 'satisfaction', green: 80, yellow: 90 })).toThrow(DomainError);
  });
});

describe('a scorer’s rows', () => {
  const fields = [
    { name: 'id', label: '编号', kind: 'id', required: true },
    { name: 'self', label: '自评分', kind: 'number', required: true, min: 0, max: 100 },
    { name: 'satisfaction', label: '满意度', kind: 'number', required: true, min: 0, max: 1 },
  ] as const;

  it('reports every bad cell at once, each with its row and field', () => {
    try {
      checkSeasonRows(
        [{ entry: 'A', self: 'abc', satisfaction: 0.9 }, { entry: 'Z', self: 200 }, { entry: 'A', self: 50 }, { entry: 'C', self: 1, extra: 2 }],
        entries,
        new Set(['e1']),
        [...fields],
      );
      expect.unreachable();
    } catch (err) {
      const e = err as DomainError;
      expect(e.code).toBe('invalid_rows');
      const details = (e.details as { details: { row: number; field: string }[] }).details;
      expect(details.map((d) => [d.row, d.field])).toEqual([
        [1, 'self'],
        [1, 'satisfaction'],
        [2, 'entry'],
        [2, 'self'],
        [3, 'entry'],
        [4, 'extra'],
      ]);
    }
  });
});

describe('the notice period', () => {
  it('refuses to finalize until the whole period has passed', () => {
    const w = noticeWindow(new Date('2026-12-01T08:00:00Z'), 7);
    expect(w).toEqual({ noticeFrom: '2026-12-01T08:00:00.000Z', noticeUntil: '2026-12-08T08:00:00.000Z' });
    const season = { status: 'notice' as const, noticeUntil: w.noticeUntil };
    expect(() => assertCanFinalize(season, new Date('2026-12-08T07:59:59Z'))).toThrow(expect.objectContaining({ code: 'notice_running' }));
    expect(() => assertCanFinalize(season, new Date('2026-12-08T08:00:00Z'))).not.toThrow();
  });
});
