import { EntityManager } from 'typeorm';

/** What every run of one recompute shares: the date it computes, why, and the job it runs in. */
export interface RunContext {
  asOf: string;
  trigger: string;
  jobId: string | null;
}

/** A status run about to be written: one province's pass, with its fingerprint and outbox watermark. */
export interface StatusRunStart {
  runId: string;
  provinceId: string;
  fingerprint: string;
  watermark: string | null;
}

/** A status event as the status writer reports it, with the run it belongs to. */
export interface RunEvent {
  province_id: string;
  recompute_id: string | undefined;
  [column: string]: unknown;
}

/**
 * The `recompute_run` and `status_event` rows of a recompute, written inside its transaction (the engine decides
 * what to compute; this writes the record of it).
 */
export class RecomputeRunWriter {
  constructor(private readonly m: EntityManager) {}

  /** Opens the status runs (rows and events 0, finished when started) before their rows are written. */
  async startStatusRuns(runs: StatusRunStart[], context: RunContext, startedAt: string): Promise<void> {
    await this.m.query(
      `INSERT INTO recompute_run (id, kind, province_id, as_of, trigger, job_id, fingerprint, outbox_watermark, rows_changed, events, started_at, finished_at)
           SELECT r.id, 'status', r.province_id, $3, $4, $5, r.fingerprint, r.watermark, 0, 0, $6, $6
             FROM unnest($1::uuid[], $2::uuid[], $7::text[], $8::bigint[]) AS r(id, province_id, fingerprint, watermark)`,
      [
        runs.map((r) => r.runId),
        runs.map((r) => r.provinceId),
        context.asOf,
        context.trigger,
        context.jobId,
        startedAt,
        runs.map((r) => r.fingerprint),
        runs.map((r) => r.watermark),
      ],
    );
  }

  /** The status changes the runs made, each with its run. */
  async insertEvents(events: RunEvent[], context: RunContext): Promise<void> {
    await this.m.query(
      `INSERT INTO status_event (province_id, entity_kind, entity_id, field, from_value, to_value, as_of, reason, recompute_id)
             SELECT province_id, entity_kind, entity_id, field, from_value, to_value, $2, $3, recompute_id
               FROM jsonb_to_recordset($1::jsonb)
                    AS r(province_id uuid, entity_kind text, entity_id uuid, field text, from_value text, to_value text, recompute_id uuid)`,
      [JSON.stringify(events), context.asOf, context.trigger],
    );
  }

  /** Closes the status runs with the rows and events each changed. */
  async finishStatusRuns(runs: { runId: string; rowsChanged: number; events: number }[], finishedAt: string): Promise<void> {
    await this.m.query(
      `UPDATE recompute_run r SET rows_changed = x.rows, events = x.events, finished_at = $4
             FROM unnest($1::uuid[], $2::int[], $3::int[]) AS x(id, rows, events) WHERE r.id = x.id`,
      [runs.map((r) => r.runId), runs.map((r) => r.rowsChanged), runs.map((r) => r.events), finishedAt],
    );
  }

  /** Opens a KPI run (`provinceId` null: the national pass). */
  async startKpiRun(
    runId: string,
    provinceId: string | null,
    context: RunContext,
    watermark: string | null,
    startedAt: string,
  ): Promise<void> {
    await this.m.query(
      `INSERT INTO recompute_run (id, kind, province_id, as_of, trigger, job_id, fingerprint, outbox_watermark, rows_changed, events, started_at, finished_at)
         VALUES ($1, 'kpi', $2, $3, $4, $5, '', $6, 0, 0, $7, $7)`,
      [runId, provinceId, context.asOf, context.trigger, context.jobId, watermark, startedAt],
    );
  }

  /** Closes a KPI run with the rows it changed. */
  async finishKpiRun(runId: string, rows: number, finishedAt: string): Promise<void> {
    await this.m.query(`UPDATE recompute_run SET rows_changed = $2, finished_at = $3 WHERE id = $1`, [runId, rows, finishedAt]);
  }
}
