import { createHash, randomUUID } from 'crypto';
import { DataSource } from 'typeorm';
import { todayIn } from '../../domain/src';
import { Clock, TIME_ZONE } from './clock';
import { computeProvinceStatus } from './compute-province-status';
import { StatusRepository } from './status.repository';
import { writeKpiComparisons } from './kpi-comparison.writer';
import { StatusWriter } from './status-writer';

/** Bump when the rules change, so stored results are recomputed even if the data did not change. */
export const ENGINE_VERSION = 1;

export interface RecomputeRequest {
  provinceId: string;
  /** Default: today in Asia/Ho_Chi_Minh by the engine's clock. */
  asOf?: string;
  /** Why: `import`, `observation`, `schedule:daily`, `cli`, … (stored with the run and its events). */
  trigger: string;
  jobId?: string;
  /** Recompute even when the inputs' fingerprint matches the last run (the weekly consistency pass). */
  force?: boolean;
  /**
   * `outbox` jobs recompute what their pending outbox rows name: every status, but KPI
   * comparisons only of the indicators whose observations changed (a burst of KPI writes
   * must not recompute a province's tens of thousands of comparisons each time).
   */
  fromOutbox?: boolean;
}

export interface RecomputeOutcome {
  provinceId: string;
  asOf: string;
  /** True when the inputs were unchanged since the last run at this date, so nothing was written. */
  skipped: boolean;
  runId: string | null;
  rowsChanged: number;
  events: number;
  fingerprint: string;
}

/**
 * Recomputes one province's statuses at an as-of date in one transaction: the whole
 * scope is written or none of it. Recomputes of the same province are serialised by
 * an advisory lock, so any number of workers can run them. Outbox rows up to the
 * watermark read at the start are marked processed; rows written meanwhile stay
 * pending and cause another recompute.
 */
export class RecomputeEngine {
  constructor(
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
  ) {}

  today(): string {
    return todayIn(TIME_ZONE, this.clock.now());
  }

  async recompute(request: RecomputeRequest): Promise<RecomputeOutcome> {
    const asOf = request.asOf ?? this.today();
    return this.dataSource.transaction(async (m) => {
      const repo = new StatusRepository(m);
      await repo.lockProvince(request.provinceId);
      const watermark = await repo.outboxWatermark(request.provinceId);
      const scope = request.fromOutbox ? await repo.pendingScope(request.provinceId, watermark) : null;
      if (scope !== null && scope.length === 0) {
        // Everything this job was sent for was computed by an earlier job.
        return { provinceId: request.provinceId, asOf, skipped: true, runId: null, rowsChanged: 0, events: 0, fingerprint: '' };
      }
      const inputs = await repo.loadInputs(request.provinceId);
      if (!inputs) {
        await repo.markOutboxProcessed(request.provinceId, watermark);
        return { provinceId: request.provinceId, asOf, skipped: true, runId: null, rowsChanged: 0, events: 0, fingerprint: '' };
      }
      const observations = scope === null ? await repo.observationStats(request.provinceId) : null;
      // Inputs come from ordered queries, so plain JSON is stable; observations enter through their statistics.
      // A partial run leaves other indicators' comparisons as they were: its fingerprint must never let a full run skip.
      const fingerprint =
        scope === null
          ? createHash('sha256').update(JSON.stringify({ v: ENGINE_VERSION, asOf, inputs, observations })).digest('hex')
          : `partial:${randomUUID()}`;
      if (scope === null && !request.force && (await repo.lastFingerprint(request.provinceId, asOf)) === fingerprint) {
        await repo.markOutboxProcessed(request.provinceId, watermark);
        return { provinceId: request.provinceId, asOf, skipped: true, runId: null, rowsChanged: 0, events: 0, fingerprint };
      }
      const status = computeProvinceStatus(inputs, asOf);
      const runId = randomUUID();
      const startedAt = this.clock.now().toISOString();
      await m.query(
        `INSERT INTO recompute_run (id, province_id, as_of, trigger, job_id, fingerprint, outbox_watermark, rows_changed, events, started_at, finished_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, 0, 0, $8, $8)`,
        [runId, request.provinceId, asOf, request.trigger, request.jobId ?? null, fingerprint, watermark, startedAt],
      );
      const summary = await new StatusWriter(m, request.provinceId, runId).write(status);
      summary.rowsChanged += await writeKpiComparisons(m, request.provinceId, runId, scope);
      if (summary.events.length) {
        await m.query(
          `INSERT INTO status_event (province_id, entity_kind, entity_id, field, from_value, to_value, as_of, reason, recompute_id)
           SELECT $2, entity_kind, entity_id, field, from_value, to_value, $3, $4, $5
             FROM jsonb_to_recordset($1::jsonb) AS r(entity_kind text, entity_id uuid, field text, from_value text, to_value text)`,
          [JSON.stringify(summary.events), request.provinceId, asOf, request.trigger, runId],
        );
      }
      await m.query(`UPDATE recompute_run SET rows_changed = $2, events = $3, finished_at = $4 WHERE id = $1`, [
        runId, summary.rowsChanged, summary.events.length, this.clock.now().toISOString(),
      ]);
      await repo.markOutboxProcessed(request.provinceId, watermark);
      return { provinceId: request.provinceId, asOf, skipped: false, runId, rowsChanged: summary.rowsChanged, events: summary.events.length, fingerprint };
    });
  }

  /** Every province (or the given ones), one transaction each; `onProgress` after each. */
  async recomputeMany(
    provinceIds: string[] | null,
    base: Omit<RecomputeRequest, 'provinceId'>,
    onProgress?: (done: number, total: number, outcome: RecomputeOutcome) => void | Promise<void>,
  ): Promise<RecomputeOutcome[]> {
    const ids = provinceIds ?? (await new StatusRepository(this.dataSource.manager).allProvinceIds());
    const outcomes: RecomputeOutcome[] = [];
    for (const provinceId of ids) {
      const outcome = await this.recompute({ ...base, provinceId });
      outcomes.push(outcome);
      await onProgress?.(outcomes.length, ids.length, outcome);
    }
    return outcomes;
  }
}
