import { describe, expect, it } from 'vitest';
import { mergeSmallGroups } from '../../src/domain/groups';

const g = (entries: [string, number][]) => entries.map(([key, cast]) => ({ key, label: key, cast }));
const shape = (r: ReturnType<typeof mergeSmallGroups>) => r && r.map((x) => [x.key, x.cast, x.members.join('+')]);

describe('per-category breakdown never shows a group under k ballots', () => {
  it.each<[string, [string, number][], (string | number)[][] | null]>([
    ['all big groups are shown as they are', [['a', 10], ['b', 6]], [['a', 10, 'a'], ['b', 6, 'b']]],
    ['small groups merge into 其他', [['a', 10], ['b', 6], ['c', 3], ['d', 2]], [['a', 10, 'a'], ['b', 6, 'b'], ['other', 5, 'c+d']]],
    ['a 其他 still under k absorbs the next smallest group', [['a', 10], ['b', 6], ['c', 3]], [['a', 10, 'a'], ['other', 9, 'c+b']]],
    ['one group alone is no breakdown', [['a', 10]], null],
    ['everything merging into one group is no breakdown', [['a', 5], ['b', 4]], null],
    ['empty categories are left out', [['a', 10], ['b', 0], ['c', 7]], [['a', 10, 'a'], ['c', 7, 'c']]],
    ['a lone small group cannot hide by subtraction', [['a', 20], ['b', 20], ['c', 1]], [['b', 20, 'b'], ['other', 21, 'c+a']]],
  ])('%s', (_what, groups, expected) => {
    const result = mergeSmallGroups(g(groups), 5);
    expect(shape(result)).toEqual(expected);
    for (const x of result ?? []) expect(x.cast).toBeGreaterThanOrEqual(5);
  });
});
