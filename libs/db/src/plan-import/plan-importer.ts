import { createHash, randomUUID } from 'crypto';
import { DataSource, EntityManager } from 'typeorm';
import { ImportResult, noWebItems, PlanFile } from '@dx/domain';
import { ImportRunEntity } from '../entities';
import { syncDtiObservations } from '../dti/dti-observations';
import { countKept, pruneMissing } from './clean-up.stage';
import { syncDocumentContents, syncDocuments } from './documents.stage';
import { ImportContext } from './import-context';
import { isNoOp } from './import-counts';
import { ImportRowWriter } from './import-row.writer';
import { syncIndicators } from './indicators.stage';
import { insertRun, syncObservations } from './observations.stage';
import { syncAgencies, syncProvince } from './province.stage';

export interface ImportOptions {
  fileName: string;
  actor: string;
  prune: boolean;
  dryRun: boolean;
  now: Date;
  /** Called as each stage starts (stage index from 0 to IMPORT_STAGES.length - 1). */
  onProgress?: (stage: number, name: string) => void;
  /** The caller's record of the import (its audit entry), written in the import's transaction; not called for a dry run. */
  record?: (m: EntityManager, result: ImportResult) => Promise<void>;
}

/** The stages of an import, in order, for progress output. */
export const IMPORT_STAGES = ['province and agencies', 'indicators', 'documents and groups', 'observations', 'clean-up'] as const;

/** A validated plan file: its bytes (for the checksum), the plan and its warnings (stored with the run). */
export interface ValidatedPlanFile {
  bytes: Uint8Array;
  plan: PlanFile;
  warnings: unknown[];
}

export type { ImportResult };

class DryRunRollback extends Error {
  constructor(readonly result: ImportResult) {
    super('dry run');
  }
}

/**
 * Writes a validated plan into the database in one transaction: rows are matched by
 * code, so importing the same file twice changes nothing and an edited file updates
 * the rows whose codes it keeps. Rows the file no longer mentions are kept, or
 * removed with `prune`. A dry run does all of it and rolls back.
 */
export class PlanImporter {
  constructor(private readonly dataSource: DataSource) {}

  async run(file: ValidatedPlanFile, options: ImportOptions): Promise<ImportResult> {
    const run = { ...options, warnings: file.warnings, checksum: createHash('sha256').update(file.bytes).digest('hex') };
    try {
      return await this.dataSource.transaction(async (manager) => {
        const result = await importPlan(manager, file.plan, run);
        if (options.dryRun) throw new DryRunRollback(result);
        await options.record?.(manager, result);
        return result;
      });
    } catch (error) {
      if (error instanceof DryRunRollback) return error.result;
      throw error;
    }
  }
}

/** The import's stages, in the order of IMPORT_STAGES, in the caller's transaction. */
async function importPlan(m: EntityManager, plan: PlanFile, options: ImportContext['options']): Promise<ImportResult> {
  const ctx: ImportContext = {
    m,
    plan,
    options,
    writer: new ImportRowWriter(m),
    provinceId: '',
    orgIds: new Map(),
    indicatorIds: new Map(),
    webItems: noWebItems(),
  };
  const { counts } = ctx.writer;
  // Two imports of one province at a time would race on the same codes.
  await m.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`dx-import:${plan.province.code}`]);
  const stage = (i: number) => options.onProgress?.(i, IMPORT_STAGES[i]);
  stage(0);
  await syncProvince(ctx);
  const agencies = await syncAgencies(ctx);
  stage(1);
  const dtiFeedChanged = await syncIndicators(ctx);
  stage(2);
  const documents = await syncDocuments(ctx);
  const contents = await syncDocumentContents(ctx, documents.rows);
  stage(3);
  const runId = options.dryRun ? null : randomUUID();
  if (runId) await insertRun(ctx, runId);
  const observations = await syncObservations(ctx, runId);
  stage(4);
  const changes = { ...contents, agencies, documents, observations };
  const removed: string[] = [];
  if (options.prune) await pruneMissing(ctx, changes, removed);
  else countKept(counts, changes);
  if (runId) await m.update(ImportRunEntity, { id: runId }, { counts: counts as never });
  // Indicators fed from the DTI take the stored results, whichever was imported first.
  // When this import changed the DTI figure feeding a shared indicator, every province using it is synced.
  await syncDtiObservations(m, dtiFeedChanged ? null : ctx.provinceId);
  // Statuses depend on what changed: the outbox row commits (or not) with the data.
  if (!isNoOp(counts)) {
    await m.query(`INSERT INTO outbox (province_id, reason) VALUES ($1, 'import')`, [ctx.provinceId]);
  }
  return { provinceCode: plan.province.code, counts, removed, runId, dryRun: options.dryRun, webItems: ctx.webItems };
}
