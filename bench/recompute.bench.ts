/**
 * Recompute benchmark (`npm run bench:recompute`). Builds a synthetic national dataset
 * in a fresh PostgreSQL database, then measures in one run: a hand-written SQL baseline
 * of goal statuses and group counts, a hand-written SQL baseline that computes and stores
 * the engine's rows (stored-baseline.ts), full forced recomputes of every province, a no-op
 * recompute, and the latency from an observation's commit to its KPI row through the
 * outbox relay, the BullMQ `recompute` queue and the real processor. Progress goes to
 * stderr; the last stdout line is one JSON object. BENCH_SCALES runs it once per scale
 * (recompute-scales.ts). See docs/benchmarks.md.
 *
 * Environment: BENCH_DATABASE_URL, BENCH_REDIS_URL, BENCH_SCALE (0 < s ≤ 1), BENCH_SCALES (e.g. 0.2,0.5,1),
 * BENCH_KEEP_DB=1, BENCH_AS_OF, BENCH_DEBOUNCE_MS (else RECOMPUTE_DEBOUNCE_MS, else 0), BENCH_UPDATES,
 * BENCH_UPDATE_RATE (per second), BENCH_WORKER_CONCURRENCY, BENCH_INCREMENTAL_TIMEOUT_S, BENCH_SEED,
 * BENCH_PROFILE=0, BENCH_SKIP=kpi-baseline,stored-baseline,repeat,incremental, BENCH_NONCANONICAL_VALUES=1.
 */
import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { createDataSource } from '@dx/db';
import { Clock, RecomputeEngine, STATUS_BATCH_SIZE } from '@dx/status-engine';
import { BaselineRow, KPI_BASELINE_SQL, runBaseline } from './baseline';
import { BenchShape, generateDataset, shapeFor } from './dataset';
import { gitCommit } from './git-commit';
import { instrumentEngine, Profiler } from './profiler';
import { incremental, IncrementalResult, removeActiveQueue } from './recompute-incremental';
import { recomputeResult } from './recompute-result';
import { runScales } from './recompute-scales';
import { admin, dbName, settings, shiftedClock, urlFor } from './recompute-settings';
import { compareStoredBaseline, createStoredTables, runStoredBaseline, StoredRun } from './stored-baseline';
import { mb, now, percentile, progress, round, RssSampler, timed } from './support';

type BaselineRows = BaselineRow[];

async function main(): Promise<void> {
  // The processor and relay log through Nest's Logger (to stdout); keep stdout for the result.
  Logger.overrideLogger(['error', 'warn']);
  const commit = gitCommit();
  const shape = shapeFor(settings.scale);
  const clock = shiftedClock(settings.asOf);
  progress('start', {
    db: dbName,
    scale: settings.scale,
    as_of: settings.asOf,
    provinces: shape.provinces,
    communes: shape.communes,
    indicators: shape.indicators,
  });

  await admin(`CREATE DATABASE ${dbName}`);
  const url = urlFor(dbName);
  const ds = createDataSource(url, 10);
  // One cleanup, shared by the normal exit, a failure and a signal (whichever comes first; the others wait for it).
  let cleaning: Promise<void> | null = null;
  const cleanup = () =>
    (cleaning ??= (async () => {
      await removeActiveQueue();
      if (ds.isInitialized) await ds.destroy().catch(() => undefined);
      if (settings.keepDb) progress('kept database', { url });
      else await admin(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`).catch((e) => progress('drop failed', { error: e.message }));
    })());
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      progress(`${signal}: cleaning up`);
      void cleanup().finally(() => process.exit(130));
    });
  }

  try {
    const result = await measure(ds, url, shape, clock, commit);
    process.stdout.write(`${JSON.stringify(result)}\n`);
  } finally {
    await cleanup();
  }
}

/** The benchmark's phases on a fresh database: dataset, baselines, full recomputes, incremental. */
async function measure(ds: DataSource, url: string, shape: BenchShape, clock: Clock, commit: string | null) {
  await ds.initialize();
  await ds.runMigrations({ transaction: 'each' });
  const generated = await timed(() => generateDataset(ds, shape));
  const counts = generated.result;
  progress('dataset ready', { ...counts, seconds: generated.ms / 1000 });

  // 1. Baselines.
  const baseline = await measureBaselines(ds);
  const stored = await measureStoredBaseline(ds);

  // 2. Full recomputes.
  const profiler = new Profiler();
  if (settings.profile) instrumentEngine(profiler);
  if (profiler.notWrapped.length) progress('profiler: not found', { steps: profiler.notWrapped.join(',') });
  const engine = new RecomputeEngine(ds, clock);
  const rss = new RssSampler(100);
  const full = fullRuns(engine, profiler, rss, shape);
  const fullMs = await full.run('full', true);
  const mismatch = await compareWithBaseline(ds, baseline.rows);
  const storedComparison = stored.insert ? await compareStoredBaseline(ds, settings.asOf) : null;
  const repeatMs = settings.skip.has('repeat') ? null : await full.run('full_repeat', true);
  const noopMs = await full.run('noop', false);

  // 3. Incremental.
  let inc: IncrementalResult | null = null;
  if (!settings.skip.has('incremental')) {
    profiler.reset();
    rss.start('incremental');
    inc = await incremental(ds, url, engine, shape);
    rss.stop();
    full.profiles.incremental = profiler.snapshot();
    progress('profile incremental', { steps: JSON.stringify(full.profiles.incremental) });
    progress('incremental done', {
      unseen: inc.unseen,
      jobs: inc.jobs,
      recomputes: inc.recomputes,
      status_p95_ms: percentile(inc.statusLatencies, 95),
      kpi_p95_ms: percentile(inc.kpiLatencies, 95),
    });
  }
  return recomputeResult(ds, {
    fullMs,
    repeatMs,
    noopMs,
    baseline,
    stored: { ...stored, comparison: storedComparison },
    phases: full.phases,
    profiles: full.profiles,
    inc,
    rss,
    mismatch,
    counts,
    generateMs: generated.ms,
    commit,
  });
}

/** The hand-written SQL baseline of goal statuses and group counts (warm-up, then best of 3), and the KPI SQL once. */
async function measureBaselines(ds: DataSource): Promise<{ ms: number; runs: number[]; rows: BaselineRows; kpiMs: number | null }> {
  await runBaseline(ds, settings.asOf);
  const runs: number[] = [];
  let rows = await runBaseline(ds, settings.asOf);
  for (let i = 0; i < 3; i++) {
    const t = await timed(() => runBaseline(ds, settings.asOf));
    runs.push(t.ms);
    rows = t.result;
  }
  const ms = Math.min(...runs);
  progress('baseline', { best_ms: ms, runs: runs.map((x) => round(x)).join('/'), rows: rows.length });

  let kpiMs: number | null = null;
  if (!settings.skip.has('kpi-baseline')) {
    const t = await timed(() => ds.query(KPI_BASELINE_SQL));
    kpiMs = t.ms;
    progress('kpi baseline (SQL, one run)', { ms: t.ms, rows: t.result[0].rows });
  }
  return { ms, runs, rows, kpiMs };
}

/**
 * The stored baseline (stored-baseline.ts) into empty copies of the result tables, once, then once more as an
 * upsert into the filled copies (nothing changed: it writes nothing), like the engine's forced repeat.
 */
async function measureStoredBaseline(ds: DataSource): Promise<{ insert: StoredRun | null; upsert: StoredRun | null }> {
  if (settings.skip.has('stored-baseline')) return { insert: null, upsert: null };
  await createStoredTables(ds);
  const insert = await runStoredBaseline(ds, settings.asOf, 'insert');
  progress('stored baseline (one run)', { ms: insert.ms });
  if (settings.skip.has('repeat')) return { insert, upsert: null };
  const upsert = await runStoredBaseline(ds, settings.asOf, 'upsert');
  progress('stored repeat baseline (one run)', { ms: upsert.ms });
  return { insert, upsert };
}

/**
 * Full passes of every province: statuses in batches of STATUS_BATCH_SIZE provinces, then the KPI pass (one
 * national statement when forced), each profiled and timed by phase.
 */
function fullRuns(engine: RecomputeEngine, profiler: Profiler, rss: RssSampler, shape: BenchShape) {
  const profiles: Record<string, unknown> = {};
  const phases: Record<string, { status_ms: number; kpi_ms: number }> = {};
  const statusSteps = Math.ceil(shape.provinces / STATUS_BATCH_SIZE);
  const run = async (label: string, force: boolean) => {
    profiler.reset();
    rss.start(label);
    let last = now();
    const times: number[] = [];
    const t = await timed(() =>
      engine.recomputeMany(null, { asOf: settings.asOf, trigger: 'bench', force }, (done, total) => {
        const ms = now() - last;
        last = now();
        times.push(ms);
        progress(`recompute ${label}`, {
          step: `${done}/${total}`,
          phase: done <= statusSteps ? 'status' : 'kpi',
          ms: round(ms),
          rss_mb: mb(process.memoryUsage().rss),
        });
      }),
    );
    rss.stop();
    profiles[label] = profiler.snapshot();
    progress(`profile ${label}`, { steps: JSON.stringify(profiles[label]) });
    const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
    phases[label] = { status_ms: round(sum(times.slice(0, statusSteps))), kpi_ms: round(sum(times.slice(statusSteps))) };
    progress(`recompute ${label} done`, {
      ms: t.ms,
      ...phases[label],
      skipped: t.result.filter((o) => o.skipped).length,
      peak_rss_mb: mb(rss.peaks[label] ?? 0),
    });
    return t.ms;
  };
  return { run, profiles, phases };
}

/** Goals and goal groups whose stored status or counts differ from the SQL baseline's. */
async function compareWithBaseline(ds: DataSource, rows: BaselineRows): Promise<{ mismatches: number; group_mismatches: number }> {
  const [{ mismatches }] = await ds.query(
    `SELECT count(*)::int AS mismatches FROM jsonb_to_recordset($1::jsonb) AS b(id uuid, status text)
       LEFT JOIN goal_status gs ON gs.goal_id = b.id AND gs.as_of = $2 AND gs.org_unit_id = (SELECT d.province_id FROM goal g JOIN document d ON d.id = g.document_id WHERE g.id = b.id)
      WHERE gs.status IS DISTINCT FROM b.status`,
    [JSON.stringify(rows.filter((r) => r.row_kind === 'goal')), settings.asOf],
  );
  const [{ group_mismatches }] = await ds.query(
    `SELECT count(*)::int AS group_mismatches FROM jsonb_to_recordset($1::jsonb) AS b(id uuid, met int, total int)
       LEFT JOIN rollup r ON r.scope_kind = 'goal_group' AND r.scope_id = b.id AND r.as_of = $2
      WHERE (r.goals_met, r.goals_total) IS DISTINCT FROM (b.met, b.total)`,
    [JSON.stringify(rows.filter((r) => r.row_kind === 'goal_group')), settings.asOf],
  );
  progress('baseline vs engine', { goal_status_mismatches: mismatches, goal_group_mismatches: group_mismatches });
  return { mismatches, group_mismatches };
}

(settings.scales ? runScales(settings.scales) : main()).then(
  () => process.exit(0),
  (error) => {
    process.stderr.write(`[bench] failed: ${(error as Error).stack ?? error}\n`);
    process.exit(1);
  },
);
