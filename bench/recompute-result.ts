import { DataSource } from 'typeorm';
import { getHeapStatistics } from 'v8';
import { CANONICAL_VALUES, countRows, DatasetCounts } from './dataset';
import type { IncrementalResult } from './recompute-incremental';
import { settings } from './recompute-settings';
import type { StoredComparison, StoredRun } from './stored-baseline';
import { mb, percentile, round, RssSampler } from './support';

/** What the recompute benchmark's phases measured. */
export interface RecomputeMeasures {
  fullMs: number;
  repeatMs: number | null;
  noopMs: number;
  baseline: { ms: number; runs: number[]; kpiMs: number | null };
  /** The stored baseline (null when skipped): its first run, its repeat, and its rows against the engine's. */
  stored: { insert: StoredRun | null; upsert: StoredRun | null; comparison: StoredComparison | null };
  phases: Record<string, { status_ms: number; kpi_ms: number }>;
  profiles: Record<string, unknown>;
  inc: IncrementalResult | null;
  rss: RssSampler;
  mismatch: { mismatches: number; group_mismatches: number };
  counts: DatasetCounts;
  generateMs: number;
  commit: string | null;
}

const r = (x: number | null) => (x === null ? null : round(x));

/** The benchmark's one-line JSON result: the headline figures first, then context and details. */
export async function recomputeResult(ds: DataSource, measures: RecomputeMeasures): Promise<Record<string, unknown>> {
  const [stored] = await ds.query(`SELECT (SELECT count(*) FROM kpi_comparison)::int AS kpi_comparison_rows,
                                          (SELECT count(*) FROM goal_status)::int AS goal_status_rows,
                                          (SELECT count(*) FROM recompute_run)::int AS recompute_runs`);
  const finalCounts = await countRows(ds);
  return { ...headline(measures, finalCounts, stored), ...storedFigures(measures), ...details(measures, stored) };
}

const ratio = (a: number | null, b: number | null | undefined) => (a === null || !b ? null : round(a / b, 2));

/** The stored baseline's figures: the whole engine against SQL doing the same work, the repeat against the upsert. */
function storedFigures({ fullMs, repeatMs, phases, stored }: RecomputeMeasures) {
  const { insert, upsert, comparison } = stored;
  const statusMs = insert && insert.tables.goal_status.ms + insert.tables.task_status.ms + insert.tables.rollup.ms;
  return {
    stored_baseline_ms: insert && r(insert.ms),
    full_recompute_vs_stored_baseline_ratio: ratio(fullMs, insert?.ms),
    stored_repeat_baseline_ms: upsert && r(upsert.ms),
    repeat_vs_stored_baseline_ratio: ratio(repeatMs, upsert?.ms),
    // Like for like: each pass against the baseline's statements for the same tables.
    status_recompute_vs_stored_baseline_ratio: ratio(phases.full.status_ms, statusMs),
    kpi_recompute_vs_stored_baseline_ratio: ratio(phases.full.kpi_ms, insert?.tables.kpi_comparison.ms),
    stored_baseline_kpi_mismatches: comparison && comparison.mismatches.kpi_comparison,
    stored_baseline_kpi_rows: comparison && comparison.kpiRows.baseline,
    stored_baseline_mismatches: comparison && comparison.mismatches,
    stored_baseline_tables: insert && insert.tables,
    stored_repeat_baseline_tables: upsert && upsert.tables,
  };
}

function headline(
  { fullMs, repeatMs, noopMs, baseline, phases, inc, rss }: RecomputeMeasures,
  finalCounts: DatasetCounts,
  stored: { kpi_comparison_rows: number; goal_status_rows: number },
) {
  return {
    full_recompute_ms: r(fullMs),
    full_recompute_repeat_ms: r(repeatMs),
    noop_recompute_ms: r(noopMs),
    baseline_ms: r(baseline.ms),
    full_recompute_ratio: round(fullMs / baseline.ms, 2),
    // Like for like: the status pass (goals, tasks, rollups, reconciliations) against the goal baseline,
    // the KPI pass against the KPI SQL.
    status_recompute_ms: phases.full.status_ms,
    status_recompute_ratio: round(phases.full.status_ms / baseline.ms, 2),
    kpi_recompute_ms: phases.full.kpi_ms,
    kpi_recompute_ratio: baseline.kpiMs === null ? null : round(phases.full.kpi_ms / baseline.kpiMs, 2),
    // Commit → the affected rollup is current (task and goal-indicator writes).
    incremental_p50_ms: inc ? r(percentile(inc.statusLatencies, 50)) : null,
    incremental_p95_ms: inc ? r(percentile(inc.statusLatencies, 95)) : null,
    incremental_max_ms: inc ? r(percentile(inc.statusLatencies, 100)) : null,
    // Commit → the KPI comparison shows the new value (observation writes).
    incremental_kpi_p50_ms: inc ? r(percentile(inc.kpiLatencies, 50)) : null,
    incremental_kpi_p95_ms: inc ? r(percentile(inc.kpiLatencies, 95)) : null,
    incremental_recomputes: inc ? inc.recomputes : null,
    peak_rss_mb: mb(rss.peak),
    provinces: finalCounts.provinces,
    communes: finalCounts.communes,
    indicators: finalCounts.indicators,
    goals: finalCounts.goals,
    tasks: finalCounts.tasks,
    observations: finalCounts.observations,
    kpi_comparison_rows: stored.kpi_comparison_rows,
    goal_status_rows: stored.goal_status_rows,
  };
}

function details(
  { baseline, phases, profiles, inc, rss, mismatch, counts, generateMs, commit }: RecomputeMeasures,
  stored: { recompute_runs: number },
) {
  return {
    // Context and extra figures.
    scale: settings.scale,
    canonical_values: CANONICAL_VALUES,
    as_of: settings.asOf,
    documents: counts.documents,
    generate_s: round(generateMs / 1000),
    baseline_runs_ms: baseline.runs.map((x) => r(x)),
    baseline_goal_status_mismatches: mismatch.mismatches,
    baseline_goal_group_mismatches: mismatch.group_mismatches,
    kpi_baseline_sql_ms: r(baseline.kpiMs),
    phases_ms: phases,
    peak_rss_mb_by_phase: Object.fromEntries(Object.entries(rss.peaks).map(([k, v]) => [k, mb(v)])),
    incremental: inc && incrementalDetails(inc),
    recompute_runs: stored.recompute_runs,
    profile_ms: profiles,
    commit,
    node: process.version,
    heap_limit_mb: mb(getHeapStatistics().heap_size_limit),
  };
}

function incrementalDetails(inc: IncrementalResult) {
  return {
    updates: settings.updates,
    status_measured: inc.statusLatencies.length,
    kpi_measured: inc.kpiLatencies.length,
    unseen_within_timeout: inc.unseen,
    timeout_s: settings.incrementalTimeoutS,
    update_rate_per_s: settings.updateRate,
    debounce_ms: settings.debounceMs,
    worker_concurrency: settings.workerConcurrency,
    write_s: round(inc.writeSeconds),
    drain_after_writes_s: round(inc.drainSeconds),
    jobs_completed: inc.jobs,
    // The engine reports skipped when the fingerprint matched or no outbox row was left pending.
    jobs_skipped: inc.skipped,
    jobs_failed: inc.failed,
    job_ms_p50: r(percentile(inc.jobMs, 50)),
    job_ms_max: r(percentile(inc.jobMs, 100)),
  };
}
