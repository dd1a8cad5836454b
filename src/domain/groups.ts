/** A category's share of the ballots, before it is shown in a per-category breakdown. */
export interface Group {
  key: string;
  label: string;
  cast: number;
}

export interface MergedGroup extends Group {
  members: string[];
}

export const OTHER_KEY = 'other';
export const OTHER_LABEL = '其他';

/**
 * Which groups a per-category breakdown may show. The total is public, so hiding one small
 * group would reveal it by subtraction: small groups merge into 其他, which absorbs the next
 * smallest until every shown group has at least `minGroup` ballots. Fewer than two groups
 * left → no breakdown at all (null).
 */
export function mergeSmallGroups(groups: Group[], minGroup: number): MergedGroup[] | null {
  const present = groups.filter((g) => g.cast > 0).map((g) => ({ ...g, members: [g.key] }));
  const shown = present.filter((g) => g.cast >= minGroup).sort((a, b) => a.cast - b.cast);
  const small = present.filter((g) => g.cast < minGroup);
  if (small.length > 0) {
    const other: MergedGroup = { key: OTHER_KEY, label: OTHER_LABEL, cast: 0, members: [] };
    for (const g of small) absorb(other, g);
    while (other.cast < minGroup && shown.length > 0) absorb(other, shown.shift()!);
    if (other.cast >= minGroup) shown.push(other);
  }
  if (shown.length < 2) return null;
  // Show categories in roster order, 其他 last.
  const order = (g: MergedGroup) => (g.key === OTHER_KEY ? groups.length : groups.findIndex((x) => x.key === g.key));
  return shown.sort((a, b) => order(a) - order(b));
}

function absorb(into: MergedGroup, g: MergedGroup): void {
  into.cast += g.cast;
  into.members.push(...g.members);
}
