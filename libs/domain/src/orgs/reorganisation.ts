/**
 * Reorganisations of provinces and the units under them (merges, splits, renames, a tier
 * dissolved) as dated facts: units that end get a `validTo`, new units start on the
 * effective date, and succession links say which unit became part of which. Nothing that
 * was true before the effective date is changed. Pure: the caller loads the units and
 * writes the plan this returns.
 */
import { addDays, isIsoDate } from '../iso-date';
import { ORG_KINDS, OrgKind } from '../plan.types';
import { provinceNameKey } from './province-reference';
import { validOn } from './validity';

export type UnitKind = 'province' | OrgKind;

export interface OrgUnitState {
  id: string;
  code: string;
  name: string;
  kind: UnitKind;
  /** The province's own id for a province. */
  provinceId: string;
  validFrom: string | null;
  validTo: string | null;
}

export interface NewProvince {
  code: string;
  name: string;
}

export type ReorganisationChange =
  | { type: 'merge'; path: string; units: string[]; into: NewProvince }
  | { type: 'rename'; path: string; unit: string; to: NewProvince }
  | { type: 'split'; path: string; unit: string; into: NewProvince[] }
  | { type: 'dissolve'; path: string; kind: OrgKind; in: string[] | null };

export interface Reorganisation {
  code: string;
  title: string;
  effective: string;
  source: string;
  changes: ReorganisationChange[];
}

export type SuccessionKind = 'merge' | 'rename' | 'split' | 'dissolve';

/** A unit by id when it exists, by code when the reorganisation creates it. */
export type UnitRef = { id: string } | { newCode: string };

export interface ReorganisationPlan {
  /** Provinces the reorganisation creates, valid from the effective date. */
  create: NewProvince[];
  /** Units that end the day before the effective date (provinces, and the units under them). */
  end: { id: string; code: string; validTo: string }[];
  successions: { predecessor: string; successor: UnitRef; kind: SuccessionKind }[];
  problems: { path: string; message: string }[];
}

export const PROVINCE_CODE_PATTERN = /^[A-Z0-9-]{2,16}$/;

/**
 * What applying `r` to `units` means. Provinces are named by code and must be valid the
 * day before the effective date; each takes part in one change at most. A merge or split
 * into the code of a unit it involves continues that unit (same name, spelt with or
 * without diacritics or "Tỉnh"/"TP.", required: a new
 * name needs a new code, so history keeps the old one); any other code creates a province.
 * Units under a province that ends end with it.
 */
export function planReorganisation(r: Reorganisation, units: OrgUnitState[]): ReorganisationPlan {
  const problems: ReorganisationPlan['problems'] = [];
  const plan: ReorganisationPlan = { create: [], end: [], successions: [], problems };
  if (!isIsoDate(r.effective)) {
    problems.push({ path: 'effective', message: `"${r.effective}" is not a real date` });
    return plan;
  }
  const dayBefore = addDays(r.effective, -1);
  const provinces = units.filter((u) => u.kind === 'province');
  const byCode = new Map(provinces.map((p) => [p.code, p]));
  const used = new Map<string, string>();
  const newCodes = new Map<string, string>();
  const successorsOf = new Map<string, UnitRef[]>();

  const province = (code: string, path: string): OrgUnitState | null => {
    const p = byCode.get(code);
    if (!p) {
      problems.push({ path, message: `no province has code "${code}"` });
      return null;
    }
    if (!validOn(p, dayBefore)) {
      problems.push({ path, message: `${code} ${p.name} is not valid on ${dayBefore}, the day before the change (valid ${p.validFrom ?? '…'} – ${p.validTo ?? '…'})` });
      return null;
    }
    const other = used.get(code);
    if (other) {
      problems.push({ path, message: `${code} already takes part in ${other}` });
      return null;
    }
    used.set(code, path);
    return p;
  };
  /** The unit a target names: a continuing one of `involved`, or a new province. */
  const target = (t: NewProvince, involved: OrgUnitState[], path: string): UnitRef | null => {
    if (!PROVINCE_CODE_PATTERN.test(t.code)) {
      problems.push({ path: `${path}.code`, message: `"${t.code}" is not a province code (2-16 of A-Z, 0-9, -)` });
      return null;
    }
    const continuing = involved.find((u) => u.code === t.code);
    if (continuing) {
      if (provinceNameKey(continuing.name) !== provinceNameKey(t.name)) {
        problems.push({ path: `${path}.name`, message: `${t.code} continues as "${continuing.name}"; a new name needs a new code, so the old name stays in the history` });
        return null;
      }
      return { id: continuing.id };
    }
    if (byCode.has(t.code)) {
      problems.push({ path: `${path}.code`, message: `"${t.code}" is already the code of ${byCode.get(t.code)!.name}` });
      return null;
    }
    const before = newCodes.get(t.code);
    if (before) {
      problems.push({ path: `${path}.code`, message: `"${t.code}" is already created by ${before}` });
      return null;
    }
    newCodes.set(t.code, path);
    plan.create.push({ code: t.code, name: t.name });
    return { newCode: t.code };
  };
  const succeed = (from: OrgUnitState, to: UnitRef[], kind: SuccessionKind) => {
    successorsOf.set(from.id, to);
    const continues = to.some((t) => 'id' in t && t.id === from.id);
    for (const t of to) if (!('id' in t && t.id === from.id)) plan.successions.push({ predecessor: from.id, successor: t, kind });
    if (!continues) endWithUnder(from);
  };
  const ended = new Set<string>();
  const endUnit = (u: OrgUnitState) => {
    if (ended.has(u.id) || !validOn(u, dayBefore) || u.validTo === dayBefore) return;
    ended.add(u.id);
    plan.end.push({ id: u.id, code: u.code, validTo: dayBefore });
  };
  const endWithUnder = (p: OrgUnitState) => {
    endUnit(p);
    for (const u of units) if (u.kind !== 'province' && u.provinceId === p.id) endUnit(u);
  };

  for (const change of r.changes) {
    if (change.type === 'merge') {
      if (change.units.length < 2) problems.push({ path: `${change.path}.merge`, message: 'a merge names at least two provinces' });
      const involved = change.units.map((c, i) => province(c, `${change.path}.merge[${i}]`));
      if (involved.some((u) => u === null)) continue;
      const to = target(change.into, involved as OrgUnitState[], `${change.path}.into`);
      if (to) for (const u of involved as OrgUnitState[]) succeed(u, [to], 'merge');
    } else if (change.type === 'rename') {
      const u = province(change.unit, `${change.path}.rename`);
      if (!u) continue;
      if (change.to.code === u.code) {
        problems.push({ path: `${change.path}.to.code`, message: `a renamed province gets a new code, so ${u.code} keeps its name "${u.name}" in the history` });
        continue;
      }
      const to = target(change.to, [], `${change.path}.to`);
      if (to) succeed(u, [to], 'rename');
    } else if (change.type === 'split') {
      const u = province(change.unit, `${change.path}.split`);
      if (!u) continue;
      if (change.into.length < 2) problems.push({ path: `${change.path}.into`, message: 'a split names at least two provinces' });
      const to = change.into.map((t, i) => target(t, [u], `${change.path}.into[${i}]`));
      if (to.every((t) => t !== null)) succeed(u, to as UnitRef[], 'split');
    } else {
      if (!ORG_KINDS.includes(change.kind)) {
        problems.push({ path: `${change.path}.dissolve.kind`, message: `"${change.kind}" is not one of ${ORG_KINDS.join(' | ')}` });
        continue;
      }
      const within = change.in?.map((c, i) => {
        const p = byCode.get(c);
        if (!p) problems.push({ path: `${change.path}.dissolve.in[${i}]`, message: `no province has code "${c}"` });
        return p?.id;
      });
      if (within?.some((id) => id === undefined)) continue;
      // A database that holds no unit of that tier has nothing to end: not a mistake.
      // Units already ending that day (an earlier reorganisation of the same date) are left as they are.
      const dissolved = units.filter(
        (u) => u.kind === change.kind && validOn(u, dayBefore) && u.validTo !== dayBefore && (!within || within.includes(u.provinceId)),
      );
      for (const u of dissolved) {
        endUnit(u);
        // The area passes to the province (or whatever the province itself becomes).
        plan.successions.push({ predecessor: u.id, successor: { id: u.provinceId }, kind: 'dissolve' });
      }
    }
  }
  return plan;
}
