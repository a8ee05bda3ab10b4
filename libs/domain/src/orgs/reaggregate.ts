/**
 * Showing a period's KPI values on a later map of provinces: each province that had data
 * is followed through the reorganisations (succession links) to the provinces valid on
 * the map date, and the figures are combined by what they measure: counts and amounts
 * summed; ratios recomputed from summed numerators and denominators, never averaged;
 * scores, ranks and yes/no values not combined but shown per predecessor. A province
 * without its own figure contributes its districts' (else communes') figures, combined by
 * the same rules. Pure.
 */
import { Decimal } from 'decimal.js';
import { canonicalDecimal } from '../decimal-value';
import { IndicatorKind } from '../plan.types';
import { OrgUnitState } from './reorganisation';
import { validOn } from './validity';

/** An org unit with its validity, as reorganisations leave it. */
export type MapUnit = OrgUnitState;

export interface SuccessionLink {
  predecessorId: string;
  successorId: string;
  /** The first day the successor stands for the predecessor. */
  effective: string;
}

export interface UnitFigure {
  unitId: string;
  value: string | null;
  numerator: string | null;
  denominator: string | null;
  /**
   * A rank published with the figure, out of a whole table (the DTI's). When figures carry
   * one, a row shown as recorded keeps it instead of being ranked among the rows shown.
   */
  rank?: number | null;
}

export type AggregationMethod = 'as-recorded' | 'sum' | 'ratio-of-sums' | 'per-predecessor' | 'incomplete';

export interface Contribution {
  code: string;
  name: string;
  /** Whose figure it is: the province's own, or the sum of its districts' or communes'. */
  from: 'own' | 'district' | 'commune';
  value: string | null;
  numerator: string | null;
  denominator: string | null;
}

export interface MapRow {
  code: string;
  name: string;
  value: string | null;
  numerator: string | null;
  denominator: string | null;
  method: AggregationMethod;
  /** The predecessors' figures it was made from (the province itself when unchanged). */
  parts: Contribution[];
  /** Predecessors with no figure for the period, or whose figure cannot be allocated (split). */
  missing: { code: string; name: string; reason: 'no data' | 'split' | 'no numerator and denominator' }[];
  /** Among rows with a value, by the indicator's direction (ties share a rank); the published rank when the figures carry one. */
  rank: number | null;
}

export interface ReaggregateInput {
  kind: IndicatorKind;
  /** Ratio scale (value = numerator / denominator × scale); percents use 100. */
  scale: string | null;
  direction: 'up' | 'down';
  /** Last day of the period the figures are for: the map they were recorded on. */
  periodEnd: string;
  /** The map to show them on (on or after periodEnd). */
  mapDate: string;
  units: MapUnit[];
  links: SuccessionLink[];
  figures: UnitFigure[];
}

const SUMMED: readonly IndicatorKind[] = ['count', 'amount'];
const RATIOS: readonly IndicatorKind[] = ['ratio', 'percent'];

/**
 * The provinces valid on `mapDate` that a province's area belongs to: itself while it is
 * valid, and those its area passed to by then (more than one after a split).
 */
export function successorsOnMap(
  provinceId: string,
  units: Map<string, MapUnit>,
  links: SuccessionLink[],
  mapDate: string,
  seen = new Set<string>(),
): string[] {
  const unit = units.get(provinceId);
  if (!unit || seen.has(provinceId)) return [];
  seen.add(provinceId);
  const next = links.filter(
    (l) => l.predecessorId === provinceId && l.effective <= mapDate && units.get(l.successorId)?.kind === 'province',
  );
  const own = validOn(unit, mapDate) ? [provinceId] : [];
  return [...new Set([...own, ...next.flatMap((l) => successorsOnMap(l.successorId, units, links, mapDate, seen))])];
}

function combine(
  kind: IndicatorKind,
  scale: string | null,
  parts: { value: string | null; numerator: string | null; denominator: string | null }[],
) {
  if (SUMMED.includes(kind)) {
    if (parts.some((p) => p.value === null)) return null;
    return { value: parts.reduce((s, p) => s.plus(p.value!), new Decimal(0)), numerator: null, denominator: null };
  }
  if (RATIOS.includes(kind)) {
    if (parts.some((p) => p.numerator === null || p.denominator === null)) return null;
    const numerator = parts.reduce((s, p) => s.plus(p.numerator!), new Decimal(0));
    const denominator = parts.reduce((s, p) => s.plus(p.denominator!), new Decimal(0));
    if (denominator.isZero()) return null;
    return { value: numerator.div(denominator).mul(scale ?? '100'), numerator, denominator };
  }
  return null;
}

const text = (d: Decimal | string | null) => (d === null ? null : canonicalDecimal(new Decimal(d).toDecimalPlaces(6).toFixed()));

/** A province's own figure, else its districts' (else communes') combined; null when it has none. */
function contributionOf(
  input: ReaggregateInput,
  units: Map<string, MapUnit>,
  byUnit: Map<string, UnitFigure>,
  p: MapUnit,
): Contribution | null {
  const own = byUnit.get(p.id);
  if (own) {
    // A ratio entered as numerator and denominator only: its value follows from them.
    const value = own.value ?? (RATIOS.includes(input.kind) ? text(combine(input.kind, input.scale, [own])?.value ?? null) : null);
    return { code: p.code, name: p.name, from: 'own', value, numerator: own.numerator, denominator: own.denominator };
  }
  for (const tier of ['district', 'commune'] as const) {
    const below = input.figures.filter((f) => units.get(f.unitId)?.kind === tier && units.get(f.unitId)?.provinceId === p.id);
    if (below.length === 0) continue;
    const combined = combine(input.kind, input.scale, below);
    return {
      code: p.code,
      name: p.name,
      from: tier,
      value: text(combined?.value ?? null),
      numerator: text(combined?.numerator ?? null),
      denominator: text(combined?.denominator ?? null),
    };
  }
  return null;
}

/**
 * One row per province on the map that a province with data passed to, holding the
 * contributions it received and the predecessors missing from it; `sources` lists, per row,
 * the provinces whose area it wholly took.
 */
function gatherRows(input: ReaggregateInput, units: Map<string, MapUnit>, byUnit: Map<string, UnitFigure>) {
  // Provinces on the period's map, and any other province with data.
  const provinces = input.units.filter(
    (u) => u.kind === 'province' && (validOn(u, input.periodEnd) || input.figures.some((f) => units.get(f.unitId)?.provinceId === u.id)),
  );
  const rows = new Map<string, MapRow>();
  const rowOf = (id: string): MapRow => {
    let row = rows.get(id);
    if (!row) {
      const u = units.get(id)!;
      row = {
        code: u.code,
        name: u.name,
        value: null,
        numerator: null,
        denominator: null,
        method: 'incomplete',
        parts: [],
        missing: [],
        rank: null,
      };
      rows.set(id, row);
    }
    return row;
  };
  const sources = new Map<string, string[]>();
  for (const p of provinces) {
    const targets = successorsOnMap(p.id, units, input.links, input.mapDate);
    const c = contributionOf(input, units, byUnit, p);
    if (targets.length > 1) {
      for (const t of targets) rowOf(t).missing.push({ code: p.code, name: p.name, reason: 'split' });
      continue;
    }
    if (targets.length === 0) continue;
    const row = rowOf(targets[0]);
    sources.set(targets[0], [...(sources.get(targets[0]) ?? []), p.id]);
    if (c && (c.value !== null || c.numerator !== null)) row.parts.push(c);
    else row.missing.push({ code: p.code, name: p.name, reason: 'no data' });
  }
  return { rows, sources };
}

/** Sets a row's figure and method from its contributions (`from`: the provinces it wholly took). */
function combineRow(input: ReaggregateInput, id: string, row: MapRow, from: string[]): void {
  const unchanged = from.length === 1 && from[0] === id && row.missing.length === 0;
  if (unchanged && row.parts.length === 1) {
    Object.assign(row, {
      value: row.parts[0].value,
      numerator: row.parts[0].numerator,
      denominator: row.parts[0].denominator,
      method: 'as-recorded',
    });
    return;
  }
  if (!SUMMED.includes(input.kind) && !RATIOS.includes(input.kind)) {
    row.method = 'per-predecessor';
    return;
  }
  if (row.missing.length > 0 || row.parts.length === 0) return;
  const combined = combine(input.kind, input.scale, row.parts);
  if (!combined) {
    for (const p of row.parts)
      if (p.numerator === null || p.denominator === null)
        row.missing.push({ code: p.code, name: p.name, reason: 'no numerator and denominator' });
    return;
  }
  Object.assign(row, {
    value: text(combined.value),
    numerator: text(combined.numerator),
    denominator: text(combined.denominator),
    method: SUMMED.includes(input.kind) ? 'sum' : 'ratio-of-sums',
  });
}

/** The published rank of rows shown as recorded when the figures carry one; else ranks among the rows with a value. */
function rankRows(input: ReaggregateInput, rows: Map<string, MapRow>, byUnit: Map<string, UnitFigure>): void {
  if (input.figures.some((f) => f.rank !== undefined)) {
    for (const [id, row] of rows) row.rank = row.method === 'as-recorded' ? (byUnit.get(id)?.rank ?? null) : null;
  } else {
    const ranked = [...rows.values()]
      .filter((r) => r.value !== null)
      .sort((a, b) => (input.direction === 'down' ? 1 : -1) * new Decimal(a.value!).cmp(b.value!));
    ranked.forEach((r, i) => {
      r.rank = i > 0 && new Decimal(ranked[i - 1].value!).eq(r.value!) ? ranked[i - 1].rank : i + 1;
    });
  }
}

export function reaggregate(input: ReaggregateInput): MapRow[] {
  const units = new Map(input.units.map((u) => [u.id, u]));
  const byUnit = new Map(input.figures.map((f) => [f.unitId, f]));
  const { rows, sources } = gatherRows(input, units, byUnit);
  for (const [id, row] of rows) combineRow(input, id, row, sources.get(id) ?? []);
  rankRows(input, rows, byUnit);
  return [...rows.values()].sort((a, b) => a.code.localeCompare(b.code));
}
