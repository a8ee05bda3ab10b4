/**
 * Reorganisations of provinces and the units under them (merges, splits, renames, a tier
 * dissolved) as dated facts: units that end get a `validTo`, new units start on the
 * effective date, and succession links say which unit became part of which. Nothing that
 * was true before the effective date is changed. Pure: the caller loads the units and
 * writes the plan this returns.
 */
import { addDays, isIsoDate } from '../iso-date';
import type { Localised } from '../messages/localised';
import { planFileMessages } from '../messages/plan-file.messages';
import { reorganisationMessages as M } from '../messages/reorganisation.messages';
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
  /** `message` in English, `vi` the same in Vietnamese. */
  problems: { path: string; message: string; vi: string }[];
}

const problem = (path: string, text: Localised) => ({ path, message: text.en, vi: text.vi });

export const PROVINCE_CODE_PATTERN = /^[A-Z0-9-]{2,16}$/;

/** Builds the plan of one reorganisation change by change, checking each reference as it goes. */
class ReorganisationPlanner {
  readonly problems: ReorganisationPlan['problems'] = [];
  readonly plan: ReorganisationPlan = { create: [], end: [], successions: [], problems: this.problems };
  private readonly byCode: Map<string, OrgUnitState>;
  /** Province codes already taking part in a change, with that change's path. */
  private readonly used = new Map<string, string>();
  /** Codes of the provinces created so far, with the path that creates them. */
  private readonly newCodes = new Map<string, string>();
  private readonly ended = new Set<string>();

  constructor(
    private readonly units: OrgUnitState[],
    private readonly dayBefore: string,
  ) {
    this.byCode = new Map(units.filter((u) => u.kind === 'province').map((p) => [p.code, p]));
  }

  apply(change: ReorganisationChange): void {
    if (change.type === 'merge') this.merge(change);
    else if (change.type === 'rename') this.rename(change);
    else if (change.type === 'split') this.split(change);
    else this.dissolve(change);
  }

  private merge(change: Extract<ReorganisationChange, { type: 'merge' }>): void {
    if (change.units.length < 2) this.problems.push(problem(`${change.path}.merge`, M.mergeNeedsTwo()));
    const involved = change.units.map((c, i) => this.province(c, `${change.path}.merge[${i}]`));
    if (involved.some((u) => u === null)) return;
    const to = this.target(change.into, involved as OrgUnitState[], `${change.path}.into`);
    if (to) for (const u of involved as OrgUnitState[]) this.succeed(u, [to], 'merge');
  }

  private rename(change: Extract<ReorganisationChange, { type: 'rename' }>): void {
    const u = this.province(change.unit, `${change.path}.rename`);
    if (!u) return;
    if (change.to.code === u.code) {
      this.problems.push(problem(`${change.path}.to.code`, M.renameNeedsNewCode(u.code, u.name)));
      return;
    }
    const to = this.target(change.to, [], `${change.path}.to`);
    if (to) this.succeed(u, [to], 'rename');
  }

  private split(change: Extract<ReorganisationChange, { type: 'split' }>): void {
    const u = this.province(change.unit, `${change.path}.split`);
    if (!u) return;
    if (change.into.length < 2) this.problems.push(problem(`${change.path}.into`, M.splitNeedsTwo()));
    const to = change.into.map((t, i) => this.target(t, [u], `${change.path}.into[${i}]`));
    if (to.every((t) => t !== null)) this.succeed(u, to as UnitRef[], 'split');
  }

  private dissolve(change: Extract<ReorganisationChange, { type: 'dissolve' }>): void {
    if (!ORG_KINDS.includes(change.kind)) {
      const path = `${change.path}.dissolve.kind`;
      this.problems.push(problem(path, planFileMessages.notOneOf(path, change.kind, ORG_KINDS)));
      return;
    }
    const within = change.in?.map((c, i) => {
      const p = this.byCode.get(c);
      if (!p) this.problems.push(problem(`${change.path}.dissolve.in[${i}]`, M.noProvince(c)));
      return p?.id;
    });
    if (within?.some((id) => id === undefined)) return;
    // A database that holds no unit of that tier has nothing to end: not a mistake.
    // Units already ending that day (an earlier reorganisation of the same date) are left as they are.
    const dissolved = this.units.filter(
      (u) =>
        u.kind === change.kind && validOn(u, this.dayBefore) && u.validTo !== this.dayBefore && (!within || within.includes(u.provinceId)),
    );
    for (const u of dissolved) {
      this.endUnit(u);
      // The area passes to the province (or whatever the province itself becomes).
      this.plan.successions.push({ predecessor: u.id, successor: { id: u.provinceId }, kind: 'dissolve' });
    }
  }

  /** The province a change names, when it exists, is valid the day before and takes part in no other change. */
  private province(code: string, path: string): OrgUnitState | null {
    const p = this.byCode.get(code);
    if (!p) {
      this.problems.push(problem(path, M.noProvince(code)));
      return null;
    }
    if (!validOn(p, this.dayBefore)) {
      this.problems.push(problem(path, M.notValidDayBefore(code, p.name, this.dayBefore, p.validFrom, p.validTo)));
      return null;
    }
    const other = this.used.get(code);
    if (other) {
      this.problems.push(problem(path, M.alreadyTakesPart(code, other)));
      return null;
    }
    this.used.set(code, path);
    return p;
  }

  /** The unit a target names: a continuing one of `involved`, or a new province. */
  private target(t: NewProvince, involved: OrgUnitState[], path: string): UnitRef | null {
    if (!PROVINCE_CODE_PATTERN.test(t.code)) {
      this.problems.push(problem(`${path}.code`, M.notProvinceCode(t.code)));
      return null;
    }
    const continuing = involved.find((u) => u.code === t.code);
    if (continuing) {
      if (provinceNameKey(continuing.name) !== provinceNameKey(t.name)) {
        this.problems.push(problem(`${path}.name`, M.continuesAs(t.code, continuing.name)));
        return null;
      }
      return { id: continuing.id };
    }
    if (this.byCode.has(t.code)) {
      this.problems.push(problem(`${path}.code`, M.alreadyCodeOf(t.code, this.byCode.get(t.code)!.name)));
      return null;
    }
    const before = this.newCodes.get(t.code);
    if (before) {
      this.problems.push(problem(`${path}.code`, M.alreadyCreatedBy(t.code, before)));
      return null;
    }
    this.newCodes.set(t.code, path);
    this.plan.create.push({ code: t.code, name: t.name });
    return { newCode: t.code };
  }

  private succeed(from: OrgUnitState, to: UnitRef[], kind: SuccessionKind): void {
    const continues = to.some((t) => 'id' in t && t.id === from.id);
    for (const t of to) if (!('id' in t && t.id === from.id)) this.plan.successions.push({ predecessor: from.id, successor: t, kind });
    if (!continues) this.endWithUnder(from);
  }

  private endUnit(u: OrgUnitState): void {
    if (this.ended.has(u.id) || !validOn(u, this.dayBefore) || u.validTo === this.dayBefore) return;
    this.ended.add(u.id);
    this.plan.end.push({ id: u.id, code: u.code, validTo: this.dayBefore });
  }

  /** Ends a province and every unit under it. */
  private endWithUnder(p: OrgUnitState): void {
    this.endUnit(p);
    for (const u of this.units) if (u.kind !== 'province' && u.provinceId === p.id) this.endUnit(u);
  }
}

/**
 * What applying `r` to `units` means. Provinces are named by code and must be valid the
 * day before the effective date; each takes part in one change at most. A merge or split
 * into the code of a unit it involves continues that unit (same name, spelt with or
 * without diacritics or "Tỉnh"/"TP.", required: a new
 * name needs a new code, so history keeps the old one); any other code creates a province.
 * Units under a province that ends end with it.
 */
export function planReorganisation(r: Reorganisation, units: OrgUnitState[]): ReorganisationPlan {
  if (!isIsoDate(r.effective)) {
    return { create: [], end: [], successions: [], problems: [problem('effective', M.notARealDate(r.effective))] };
  }
  const planner = new ReorganisationPlanner(units, addDays(r.effective, -1));
  for (const change of r.changes) planner.apply(change);
  return planner.plan;
}
