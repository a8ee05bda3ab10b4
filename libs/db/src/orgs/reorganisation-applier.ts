import { createHash, randomUUID } from 'crypto';
import { DataSource, EntityManager } from 'typeorm';
import {
  DomainError,
  officialCodeOn,
  orgMessages,
  OrgUnitState,
  planReorganisation,
  referenceProvincesToCreate,
  reorganisationMessages,
  Reorganisation,
  UnitRef,
  validOn,
} from '@dx/domain';
import { linkDtiResults } from '../dti/dti-links';
import { provinceReference } from './province-reference.loader';

export interface ApplyReorganisationOptions {
  actor: string;
  /**
   * Create, from the reference list and as they were the day before, the provinces the file names and those the
   * reference's new map keeps unchanged that the database lacks.
   */
  createMissing: boolean;
  dryRun: boolean;
  /** The line of a path in the file, for problems found against the database. */
  lineOf?: (path: string) => number | null;
}

export interface ApplyReorganisationResult {
  code: string;
  effective: string;
  alreadyApplied: boolean;
  dryRun: boolean;
  referenceCreated: string[];
  created: string[];
  ended: string[];
  successions: number;
}

class DryRunRollback extends Error {
  constructor(readonly result: ApplyReorganisationResult) {
    super('dry run');
  }
}

/**
 * Applies a reorganisation in one transaction: the units that end get their last day, new
 * provinces start on the effective date, succession links are recorded, and the file is
 * kept (by code and checksum). Applying the same file again changes nothing; another file
 * under the same code is a conflict. Any problem refuses the whole file.
 */
export async function applyReorganisation(
  ds: DataSource,
  r: Reorganisation,
  bytes: Uint8Array,
  options: ApplyReorganisationOptions,
): Promise<ApplyReorganisationResult> {
  const checksum = createHash('sha256').update(bytes).digest('hex');
  try {
    return await ds.transaction(async (m) => {
      await m.query('SELECT pg_advisory_xact_lock(hashtext($1))', ['dx-reorganisation']);
      const result = await apply(m, r, checksum, options);
      if (options.dryRun && !result.alreadyApplied) throw new DryRunRollback(result);
      return result;
    });
  } catch (error) {
    if (error instanceof DryRunRollback) return error.result;
    throw error;
  }
}

async function apply(
  m: EntityManager,
  r: Reorganisation,
  checksum: string,
  options: ApplyReorganisationOptions,
): Promise<ApplyReorganisationResult> {
  const result: ApplyReorganisationResult = {
    code: r.code,
    effective: r.effective,
    alreadyApplied: false,
    dryRun: options.dryRun,
    referenceCreated: [],
    created: [],
    ended: [],
    successions: 0,
  };
  const [previous] = await m.query(`SELECT checksum, applied_at FROM org_reorganisation WHERE code = $1`, [r.code]);
  if (previous) {
    if (previous.checksum === checksum) return { ...result, alreadyApplied: true };
    throw new DomainError('IMPORT_CONFLICT', orgMessages.reorganisationReused(r.code, new Date(previous.applied_at)));
  }
  if (options.createMissing) result.referenceCreated = await createFromReference(m, r);
  const units = await loadUnits(m);
  const plan = planReorganisation(r, units);
  if (plan.problems.length) {
    const missing = !options.createMissing && plan.problems.some((p) => p.message.startsWith('no province has code'));
    throw new DomainError('INVALID_INPUT', orgMessages.reorganisationProblems(plan.problems.length, r.code, missing), {
      errors: plan.problems.map((p) => {
        const line = options.lineOf?.(p.path) ?? null;
        const text = { vi: p.vi, en: p.message };
        return { path: p.path, line, messages: [line === null ? text : reorganisationMessages.withLine(text, line)] };
      }),
    });
  }
  const [{ id: reorganisationId }] = await m.query(
    `INSERT INTO org_reorganisation (code, title, effective, source, checksum, changes, applied_by) VALUES ($1, $2, $3, $4, $5, $6::jsonb, $7) RETURNING id`,
    [r.code, r.title, r.effective, r.source, checksum, JSON.stringify(r.changes), options.actor],
  );
  const reference = provinceReference();
  const newIds = new Map<string, string>();
  for (const p of plan.create) {
    const official = officialCodeOn(p, reference, r.effective);
    newIds.set(p.code, await insertProvince(m, { code: p.code, name: p.name, validFrom: r.effective, officialCode: official }));
    result.created.push(p.code);
  }
  for (const e of plan.end) {
    await m.query(`UPDATE org_unit SET valid_to = $2, version = version + 1, updated_at = now() WHERE id = $1`, [e.id, e.validTo]);
    result.ended.push(e.code);
  }
  await updateOfficialCodes(m, units, new Set(plan.end.map((e) => e.id)), r.effective);
  const idOf = (ref: UnitRef) => ('id' in ref ? ref.id : newIds.get(ref.newCode)!);
  for (const s of plan.successions) {
    await m.query(
      `INSERT INTO org_succession (predecessor_id, successor_id, kind, effective, reorganisation_id) VALUES ($1, $2, $3, $4, $5)`,
      [s.predecessor, idOf(s.successor), s.kind, r.effective, reorganisationId],
    );
  }
  result.successions = plan.successions.length;
  // Provinces created here may be named in DTI tables imported before they existed.
  await linkDtiResults(m);
  return result;
}

async function loadUnits(m: EntityManager): Promise<OrgUnitState[]> {
  const rows = await m.query(
    `SELECT id, code, name, kind, province_id AS "provinceId", valid_from::text AS "validFrom", valid_to::text AS "validTo" FROM org_unit`,
  );
  return rows as OrgUnitState[];
}

/** The reference provinces the change needs (see `referenceProvincesToCreate`), created as they were the day before. */
async function createFromReference(m: EntityManager, r: Reorganisation): Promise<string[]> {
  const existing = await m.query(
    `SELECT code, name, valid_from::text AS "validFrom", valid_to::text AS "validTo" FROM org_unit WHERE kind = 'province'`,
  );
  const created: string[] = [];
  for (const { code, ref } of referenceProvincesToCreate(r, provinceReference(), existing)) {
    await insertProvince(m, { code, name: ref.name, validFrom: ref.validFrom, officialCode: ref.code });
    created.push(code);
  }
  return created;
}

/**
 * Provinces that go on past the change take their statistical code on the new map (Bắc Ninh 27 → 24), as an
 * import of their plan would: a unit records one code, its latest.
 */
async function updateOfficialCodes(m: EntityManager, units: OrgUnitState[], ending: Set<string>, effective: string): Promise<void> {
  const reference = provinceReference();
  const going = units.filter((u) => u.kind === 'province' && !ending.has(u.id) && validOn(u, effective));
  for (const u of going) {
    const official = officialCodeOn(u, reference, effective);
    if (official === null) continue;
    await m.query(
      `UPDATE org_unit SET official_code = $2, version = version + 1, updated_at = now() WHERE id = $1 AND official_code IS DISTINCT FROM $2`,
      [u.id, official],
    );
  }
}

/** A new province row (its own province), returning its id. */
async function insertProvince(
  m: EntityManager,
  p: { code: string; name: string; validFrom: string | null; officialCode: string | null },
): Promise<string> {
  const id = randomUUID();
  await m.query(
    `INSERT INTO org_unit (id, province_id, code, name, kind, valid_from, official_code, position) VALUES ($1, $1, $2, $3, 'province', $4, $5, 0)`,
    [id, p.code, p.name, p.validFrom, p.officialCode],
  );
  return id;
}
