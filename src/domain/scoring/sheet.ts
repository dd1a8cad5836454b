import { add, div, floor, fromInt, gt, lt, make, max, min, mul, toNumber, toText, ZERO, type Dec } from './decimal';
import { invalidParams, paramNumber, paramObject, paramText } from './params';
import { SHEET_PRESETS } from './sheet-presets';
import { reason, type FieldSpec, type ParsedRow } from './types';

/**
 * Itemized sheets (考核细则): a rule's field computed from what the scorer observed (每缺1次扣1分,
 * 每投入1万元奖5分, 以最高的为准 …) instead of a pre-summed total. Each item is one column
 * `"<section>.<item>"`; a section is base + Σ items, bounded by floor and cap; the field is
 * the sum of its sections.
 */
export type ItemKind = 'score' | 'count' | 'amount' | 'flag' | 'range' | 'highest';

export interface Item {
  key: string;
  label: string;
  kind: ItemKind;
  max?: Dec;
  each?: Dec;
  cap?: Dec;
  per?: Dec;
  points?: Dec;
  otherwise?: Dec;
  min?: Dec;
  deduct?: boolean;
  options?: Array<[string, Dec]>;
}

export interface Section {
  key: string;
  label: string;
  base: Dec;
  cap?: Dec;
  floor?: Dec;
  items: Item[];
}

/** A field summed from its own sections, or from sections of another field (`of`). */
export type FieldSheet = { field: string; sections: Section[] } | { field: string; of: string; keys: string[] };

export interface Sheet {
  fields: FieldSheet[];
  /** Echoed in the answer's params: the preset's name, or the sheet as given. */
  plain: unknown;
}

const KEY = /^[A-Za-z][A-Za-z0-9_-]{0,39}$/;
const ITEM_KEYS: Record<ItemKind, string[]> = {
  score: ['max'],
  count: ['each', 'cap'],
  amount: ['per', 'each', 'cap'],
  flag: ['points', 'otherwise'],
  range: ['min', 'max', 'deduct'],
  highest: ['options'],
};
const KINDS = Object.keys(ITEM_KEYS) as ItemKind[];
const LIMIT = 1_000_000;

function key(v: unknown, path: string): string {
  if (typeof v !== 'string' || !KEY.test(v)) throw invalidParams(`参数 ${path} 应为英文字母开头的字段名（字母、数字、_、-，不超过40字）`);
  return v;
}

function label(v: unknown, path: string): string {
  if (typeof v !== 'string' || v.trim() === '' || v.length > 80) throw invalidParams(`参数 ${path} 应为不超过80字的文字`);
  return v.trim();
}

const num = (v: unknown, path: string, lo = -LIMIT) => paramNumber(v, path, { min: lo, max: LIMIT });

function readItem(raw: unknown, path: string): Item {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) throw invalidParams(`参数 ${path} 应为 {key, label, kind, …}`);
  const kind = (raw as Record<string, unknown>).kind as ItemKind;
  if (!KINDS.includes(kind)) throw invalidParams(`参数 ${path}.kind 应为 ${KINDS.join('、')} 之一`);
  const o = paramObject(raw, ['key', 'label', 'kind', ...ITEM_KEYS[kind]], path);
  const item: Item = { key: key(o.key, `${path}.key`), label: label(o.label, `${path}.label`), kind };
  const cap = () => (o.cap === undefined ? undefined : num(o.cap, `${path}.cap`, 0));
  if (kind === 'score') item.max = num(o.max, `${path}.max`, 0);
  if (kind === 'count') Object.assign(item, { each: num(o.each, `${path}.each`), cap: cap() });
  if (kind === 'amount') {
    item.per = num(o.per, `${path}.per`, 0);
    if (item.per.n === 0n) throw invalidParams(`参数 ${path}.per 应大于0`);
    Object.assign(item, { each: num(o.each, `${path}.each`), cap: cap() });
  }
  if (kind === 'flag') Object.assign(item, { points: num(o.points, `${path}.points`), otherwise: o.otherwise === undefined ? ZERO : num(o.otherwise, `${path}.otherwise`) });
  if (kind === 'range') {
    Object.assign(item, { min: num(o.min, `${path}.min`), max: num(o.max, `${path}.max`) });
    if (gt(item.min!, item.max!)) throw invalidParams(`参数 ${path} 的 min 不应大于 max`);
    if (o.deduct !== undefined && typeof o.deduct !== 'boolean') throw invalidParams(`参数 ${path}.deduct 应为 true 或 false`);
    item.deduct = o.deduct === true;
  }
  if (kind === 'highest') {
    const opts = o.options;
    if (typeof opts !== 'object' || opts === null || Array.isArray(opts) || Object.keys(opts).length === 0 || Object.keys(opts).length > 20) {
      throw invalidParams(`参数 ${path}.options 应为 1–20 个 {"名称": 分值}，如 {"市级": 3, "省级": 5}`);
    }
    item.options = Object.entries(opts).map(([name, v]) => [label(name, `${path}.options`), num(v, `${path}.options.${name}`)]);
  }
  return item;
}

function readSection(raw: unknown, path: string): Section {
  const o = paramObject(raw, ['key', 'label', 'base', 'cap', 'floor', 'items'], path);
  if (!Array.isArray(o.items) || o.items.length === 0 || o.items.length > 100) throw invalidParams(`参数 ${path}.items 应为 1–100 个评分项`);
  const items = o.items.map((x, i) => readItem(x, `${path}.items[${i}]`));
  const dup = items.find((x, i) => items.findIndex((y) => y.key === x.key) !== i);
  if (dup) throw invalidParams(`参数 ${path} 中评分项 ${dup.key} 出现了两次`);
  const s: Section = { key: key(o.key, `${path}.key`), label: label(o.label, `${path}.label`), base: o.base === undefined ? ZERO : num(o.base, `${path}.base`), items };
  if (o.cap !== undefined) s.cap = num(o.cap, `${path}.cap`);
  if (o.floor !== undefined) s.floor = num(o.floor, `${path}.floor`);
  if (s.cap && s.floor && gt(s.floor, s.cap)) throw invalidParams(`参数 ${path} 的 floor 不应大于 cap`);
  return s;
}

/** `params.sheet`: `{"<field>": {sections}}`, `{"<field>": {of, sections: [keys]}}`, or a preset's name. */
export function paramSheet(raw: unknown, ruleFields: readonly FieldSpec[]): Sheet {
  const preset = typeof raw === 'string' ? SHEET_PRESETS[raw] : undefined;
  if (typeof raw === 'string' && !preset) {
    throw invalidParams(`没有名为“${raw}”的考核细则；可用：${Object.keys(SHEET_PRESETS).join('、')}`);
  }
  const source = preset ?? raw;
  if (typeof source !== 'object' || source === null || Array.isArray(source) || Object.keys(source).length === 0) {
    throw invalidParams('参数 sheet 应为 {"<字段>": {"sections": [...]}} 或考核细则名称，如 "first-secretary-001"');
  }
  const numeric = new Set(ruleFields.filter((f) => f.kind === 'number' && !f.fraction).map((f) => f.name));
  const seen = new Set<string>();
  const fields: FieldSheet[] = Object.entries(source as Record<string, unknown>).map(([field, def]) => {
    if (!numeric.has(field)) throw invalidParams(`参数 sheet.${field}：本规则没有可由细则计算的得分字段“${field}”；可用：${[...numeric].join('、')}`);
    const d = paramObject(def, ['sections', 'of'], `sheet.${field}`);
    if (!Array.isArray(d.sections) || d.sections.length === 0 || d.sections.length > 50) throw invalidParams(`参数 sheet.${field}.sections 应为 1–50 项`);
    if (d.of !== undefined) return { field, of: paramText(d.of, `sheet.${field}.of`), keys: d.sections.map((k, i) => key(k, `sheet.${field}.sections[${i}]`)) };
    const sections = d.sections.map((s, i) => readSection(s, `sheet.${field}.sections[${i}]`));
    for (const s of sections) {
      if (seen.has(s.key)) throw invalidParams(`参数 sheet 中分项 ${s.key} 出现了两次`);
      seen.add(s.key);
    }
    return { field, sections };
  });
  for (const f of fields) {
    if (!('of' in f)) continue;
    const from = fields.find((g) => g.field === f.of);
    if (!from || 'of' in from) throw invalidParams(`参数 sheet.${f.field}.of 应为本细则中列出分项的字段`);
    const missing = f.keys.filter((k) => !from.sections.some((s) => s.key === k));
    if (missing.length) throw invalidParams(`参数 sheet.${f.field}：${f.of} 中没有分项 ${missing.join('、')}`);
  }
  return { fields, plain: preset ? raw : source };
}

const sectionsOf = (sheet: Sheet) => sheet.fields.flatMap((f) => ('sections' in f ? f.sections : []));
export const itemColumn = (s: Section, i: Item) => `${s.key}.${i.key}`;

function itemSpec(s: Section, i: Item): FieldSpec {
  const base = { name: itemColumn(s, i), label: `${s.label}·${i.label}`, group: s.label };
  const t = toText;
  switch (i.kind) {
    case 'score':
      return { ...base, kind: 'number', required: true, min: 0, max: toNumber(i.max!), note: `给分 0–${t(i.max!)}` };
    case 'count':
      return { ...base, kind: 'number', required: false, min: 0, max: 100000, integer: true, note: `次数；每次${pointsText(i.each!)}${i.cap ? `，最多${t(i.cap)}分` : ''}；留空为0` };
    case 'amount':
      return { ...base, kind: 'number', required: false, min: 0, max: 1e9, note: `每${t(i.per!)}${pointsText(i.each!)}${i.cap ? `，最多${t(i.cap)}分` : ''}；留空为0` };
    case 'flag':
      return { ...base, kind: 'flag', required: false, note: `是：${pointsText(i.points!)}；否：${pointsText(i.otherwise!)}` };
    case 'range':
      return { ...base, kind: 'number', required: false, min: toNumber(i.min!), max: toNumber(i.max!), allowZero: true, note: `视情${i.deduct ? '扣' : ''}${t(i.min!)}–${t(i.max!)}分；不适用留空` };
    case 'highest':
      return { ...base, kind: 'text', required: false, options: i.options!.map(([n]) => n), multiple: true, note: `${i.options!.map(([n, p]) => `${n}${t(p)}分`).join('，')}；多项以最高的为准` };
  }
}

const pointsText = (d: Dec) => (lt(d, ZERO) ? `扣${toText(make(-d.n, d.d))}分` : `加${toText(d)}分`);

/** The rule's columns with the computed fields replaced by one column per item, in section order. */
export function sheetFields(ruleFields: readonly FieldSpec[], sheet: Sheet): FieldSpec[] {
  const computed = new Set(sheet.fields.map((f) => f.field));
  const items = sectionsOf(sheet).flatMap((s) => s.items.map((i) => itemSpec(s, i)));
  const at = ruleFields.findIndex((f) => computed.has(f.name));
  const rest = ruleFields.filter((f) => !computed.has(f.name));
  const keep = ruleFields.slice(0, at).filter((f) => !computed.has(f.name)).length;
  return [...rest.slice(0, keep), ...items, ...rest.slice(keep)];
}

const bound = (x: Dec, cap?: Dec) => (cap ? max(min(x, cap), make(-cap.n, cap.d)) : x);

function itemPoints(i: Item, r: ParsedRow, column: string): Dec {
  switch (i.kind) {
    case 'score':
      return r.num[column] ?? ZERO;
    case 'count':
      return bound(mul(r.num[column] ?? ZERO, i.each!), i.cap);
    case 'amount':
      return bound(mul(fromInt(floor(div(r.num[column] ?? ZERO, i.per!))), i.each!), i.cap);
    case 'flag':
      return r.flag[column] ? i.points! : i.otherwise!;
    case 'range': {
      const v = r.num[column] ?? ZERO;
      return i.deduct ? make(-v.n, v.d) : v;
    }
    case 'highest': {
      const chosen = (r.text[column] ?? '').split(/[、,，;；/\s]+/).filter(Boolean);
      const pts = i.options!.filter(([n]) => chosen.includes(n)).map(([, p]) => p);
      return pts.reduce((a, b) => max(a, b), pts.length ? pts[0] : ZERO);
    }
  }
}

export interface SheetOutcome {
  values: Record<string, Dec>;
  items: Record<string, number>;
  sections: Record<string, number>;
  reasons: string[];
}

/** Computes the sheet's fields of one row; the answer shows every item's points. */
export function applySheet(sheet: Sheet, r: ParsedRow): SheetOutcome {
  const out: SheetOutcome = { values: {}, items: {}, sections: {}, reasons: [] };
  const totals = new Map<string, Dec>();
  for (const s of sectionsOf(sheet)) {
    let t = s.base;
    for (const i of s.items) {
      const column = itemColumn(s, i);
      const p = itemPoints(i, r, column);
      out.items[column] = toNumber(p);
      t = add(t, p);
    }
    if (s.floor && lt(t, s.floor)) {
      out.reasons.push(reason('section_floor', `${s.label}合计${toText(t)}分，低于${toText(s.floor)}分，按${toText(s.floor)}分计`));
      t = s.floor;
    }
    if (s.cap && gt(t, s.cap)) {
      out.reasons.push(reason('section_cap', `${s.label}合计${toText(t)}分，超过上限${toText(s.cap)}分，按${toText(s.cap)}分计`));
      t = s.cap;
    }
    totals.set(s.key, t);
    out.sections[s.key] = toNumber(t);
  }
  for (const f of sheet.fields) {
    const keys = 'of' in f ? f.keys : f.sections.map((s) => s.key);
    out.values[f.field] = keys.reduce((a, k) => add(a, totals.get(k)!), ZERO);
  }
  return out;
}
