/**
 * Which provinces of the reference list (data/provinces/) a reorganisation needs in the database, and the
 * statistical code a province carries once the change applies. Pure: the caller passes the reference.
 */
import { addDays } from '../iso-date';
import { ProvinceRef, ProvinceReference, provinceNameKey } from './province-reference';
import { Reorganisation } from './reorganisation';
import { Validity, validOn } from './validity';

export interface ExistingProvince extends Validity {
  code: string;
  name: string;
}

/**
 * The provinces to create, as they were the day before `r` takes effect, before applying it to a database
 * holding `existing`: those the file names by a code the reference knows on that day (kept under the file's
 * code), and, when the reference's map changes on the effective date, those the new map continues unchanged
 * (same short code, formed from that province alone; Hà Nội, Thanh Hóa, …). A reorganisation file lists only
 * what changes, so without the second kind the provinces current after the change would be fewer than the
 * new map's. A province the database already has, by code or (on the day before) by name, is left out.
 */
export function referenceProvincesToCreate(
  r: Reorganisation,
  reference: ProvinceReference,
  existing: ExistingProvince[],
): { code: string; ref: ProvinceRef }[] {
  const dayBefore = addDays(r.effective, -1);
  const named = r.changes.flatMap((c) => (c.type === 'merge' ? c.units : c.type === 'rename' || c.type === 'split' ? [c.unit] : []));
  const wanted = new Map<string, ProvinceRef>();
  for (const code of named) {
    const ref = reference.match(code, dayBefore);
    if (ref && !wanted.has(code)) wanted.set(code, ref);
  }
  const namedRefs = new Set(wanted.values());
  for (const ref of unchangedOn(reference, r.effective)) if (!namedRefs.has(ref)) wanted.set(ref.shortCode, ref);

  const codes = new Set(existing.map((p) => p.code));
  const names = new Set(existing.filter((p) => validOn(p, dayBefore)).map((p) => provinceNameKey(p.name)));
  return [...wanted]
    .filter(([code, ref]) => !codes.has(code) && !names.has(provinceNameKey(ref.name)))
    .map(([code, ref]) => ({ code, ref }));
}

/** The provinces of the map before `date` that the map starting on `date` continues unchanged; none if no map starts then. */
function unchangedOn(reference: ProvinceReference, date: string): ProvinceRef[] {
  const maps = reference.maps;
  const i = maps.findIndex((m) => m.from === date);
  if (i <= 0) return [];
  const before = new Map(maps[i - 1].provinces.map((p) => [p.code, p]));
  return maps[i].provinces.flatMap((p) => {
    const old = p.predecessors.length === 1 ? before.get(p.predecessors[0]) : undefined;
    return old && old.shortCode === p.shortCode ? [old] : [];
  });
}

/**
 * The statistical code of a province on `date`: that of the reference province with its code (short or
 * statistical) and the same name, else with its name; null when the reference has none. A province that
 * continues through a merger takes the new map's code (Bắc Ninh: 27 until 2025-06-30, 24 from 2025-07-01),
 * as a plan import does.
 */
export function officialCodeOn(province: { code: string; name: string }, reference: ProvinceReference, date: string): string | null {
  const byCode = reference.match(province.code, date);
  if (byCode && provinceNameKey(byCode.name) === provinceNameKey(province.name)) return byCode.code;
  return reference.match(province.name, date)?.code ?? null;
}
