/**
 * Recompute benchmark (`npm run bench:recompute`). Builds a synthetic national dataset
 * in a fresh PostgreSQL database, then measures in one run: a hand-written SQL baseline
 * of goal statuses and group counts, full forced recomputes of every province, a no-op
 * recompute, and the latency from an observation's commit to its KPI row through the
 * outbox relay, the BullMQ `recompute` queue and the real processor. Progress goes to
 * stderr; the last stdout line is one JSON object. See docs/benchmarks.md.
 *
 * Environment: BENCH_DATABASE_URL, BENCH_REDIS_URL, BENCH_SCALE (0 < s ≤ 1), BENCH_KEEP_DB=1,
 * BENCH_AS_OF, BENCH_DEBOUNCE_MS (else RECOMPUTE_DEBOUNCE_MS, else 0), BENCH_UPDATES,
 * BENCH_UPDATE_RATE (per second), BENCH_WORKER_CONCURRENCY, BENCH_INCREMENTAL_TIMEOUT_S,
 * BENCH_SEED, BENCH_PROFILE=0, BENCH_SKIP=kpi-baseline,repeat,incremental, BENCH_NONCANONICAL_VALUES=1.
 */
import 'reflect-metadata';
import { randomBytes } from 'crypto';
import { Logger } from '@nestjs/common';
import { Job, Queue, Worker } from 'bullmq';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { getHeapStatistics } from 'v8';
import { createDataSource } from '@dx/db';
import { daysBetween, todayIn } from '@dx/domain';
import { OutboxRelay, QUEUE_NAMES, queueConnection, RecomputeProcessor } from '@dx/jobs';
import { Clock, RecomputeEngine, RecomputeOutcome, STATUS_BATCH_SIZE, TIME_ZONE } from '@dx/status-engine';
import { KPI_BASELINE_SQL, runBaseline } from './baseline';
import { gitCommit } from './git-commit';
import {
  BenchShape, benchUuid, CANONICAL_VALUES, communeKey, communeProvince, countRows, generateDataset, indicatorKey, PROVINCE_FIRST_MONTH,
  COMMUNE_FIRST_MONTH, provinceKey, shapeFor,
} from './dataset';
import { instrumentEngine, Profiler } from './profiler';
import { envNumber, mb, now, percentile, prng, progress, round, RssSampler, sleep, timed } from './support';

const settings = {
  adminUrl: process.env.BENCH_DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/postgres',
  redisUrl: process.env.BENCH_REDIS_URL || 'redis://127.0.0.1:6379',
  scale: envNumber('BENCH_SCALE', 1),
  keepDb: process.env.BENCH_KEEP_DB === '1',
  asOf: process.env.BENCH_AS_OF || '2024-06-30',
  debounceMs: envNumber('BENCH_DEBOUNCE_MS', envNumber('RECOMPUTE_DEBOUNCE_MS', 0)),
  updates: envNumber('BENCH_UPDATES', 1000),
  updateRate: envNumber('BENCH_UPDATE_RATE', 50),
  workerConcurrency: envNumber('BENCH_WORKER_CONCURRENCY', 1),
  lockDurationMs: envNumber('WORKER_LOCK_DURATION_MS', 30_000),
  incrementalTimeoutS: envNumber('BENCH_INCREMENTAL_TIMEOUT_S', 600),
  relayIntervalMs: 50,
  pollIntervalMs: 10,
  seed: envNumber('BENCH_SEED', 20240630),
  profile: process.env.BENCH_PROFILE !== '0',
  skip: new Set((process.env.BENCH_SKIP ?? '').split(',').map((s) => s.trim()).filter(Boolean)),
};

const runId = randomBytes(4).toString('hex');
const dbName = `dx_bench_${runId}`;
const queuePrefix = `dx-bench-${runId}`;

function urlFor(database: string): string {
  const url = new URL(settings.adminUrl);
  url.pathname = `/${database}`;
  return url.toString();
}

async function admin(sql: string): Promise<void> {
  const client = new Client({ connectionString: settings.adminUrl });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

/** Real time moved back by whole days so that "today" in Asia/Ho_Chi_Minh is the bench's as-of date (run timestamps stay ordered). */
function shiftedClock(asOf: string): Clock {
  const shiftMs = daysBetween(asOf, todayIn(TIME_ZONE, new Date())) * 86_400_000;
  const clock: Clock = { now: () => new Date(Date.now() - shiftMs) };
  const today = todayIn(TIME_ZONE, clock.now());
  if (today !== asOf) throw new Error(`shifted clock gives ${today}, expected ${asOf}`);
  return clock;
}


/** The bench's queue, so an interrupted run still removes its Redis keys. */
let activeQueue: Queue | null = null;

async function removeQueue(queue: Queue): Promise<void> {
  await queue.obliterate({ force: true }).catch((e: Error) => progress('queue cleanup failed', { error: e.message }));
  await queue.close().catch(() => undefined);
}

/**
 * One write of the incremental phase: a task's status (changes a task-group rollup), a
 * province's value of one of its goals' indicators (changes the goal's figures and its
 * group's rollup, and KPI comparisons), or any observation (KPI comparisons only).
 */
interface Update {
  k: number;
  kind: 'task' | 'goal_observation' | 'observation';
  provinceId: string;
  taskId?: string;
  indicatorId?: string;
  orgUnitId?: string;
  period?: string;
  delta: string;
  value?: string;
  outboxId?: string;
  committedAt?: number;
  /** The province's statuses (goals, tasks, rollups) include the write. */
  statusAt?: number;
  /** The KPI comparison shows the new value. */
  kpiAt?: number;
}

/** Distinct writes, a third of each kind, drawn (seeded) uniformly within their kind. */
function pickUpdates(shape: BenchShape, count: number, seed: number): Update[] {
  const random = prng(seed);
  const int = (n: number) => Math.floor(random() * n);
  const month = (first: string, m: number) => {
    const [y, mo] = first.split('-').map(Number);
    const total = y * 12 + (mo - 1) + m;
    return `${Math.floor(total / 12)}-${String((total % 12) + 1).padStart(2, '0')}`;
  };
  const provinceObs = shape.provinces * shape.indicators * shape.provinceMonths;
  const communeObs = shape.communes * shape.communeIndicators * shape.communeMonths;
  const goalsPerProvince = shape.documentsPerProvince * shape.goalsPerDocument;
  const seen = new Set<string>();
  const updates: Update[] = [];
  for (let attempts = 0; updates.length < count && attempts < count * 100; attempts++) {
    const k = updates.length;
    const delta = String(0.25 * (1 + (k % 8)));
    const p = int(shape.provinces) + 1;
    const provinceId = benchUuid(provinceKey(p));
    let u: Update;
    if (k % 3 === 0) {
      const t = int(shape.tasksPerProvince) + 1;
      u = { k, kind: 'task', provinceId, taskId: benchUuid(`dxb:task:${p}:${t}`), delta };
    } else if (k % 3 === 1) {
      // As dataset.ts assigns goals their indicators; every 9th goal is a milestone without one.
      const n = int(goalsPerProvince) + 1;
      if (n % 9 === 0) continue;
      const i = ((p * 7 + n * 13) % shape.indicators) + 1;
      u = { k, kind: 'goal_observation', provinceId, indicatorId: benchUuid(indicatorKey(i)), orgUnitId: provinceId, period: month(PROVINCE_FIRST_MONTH, int(shape.provinceMonths)), delta };
    } else if (int(provinceObs + communeObs) < provinceObs) {
      u = { k, kind: 'observation', provinceId, indicatorId: benchUuid(indicatorKey(int(shape.indicators) + 1)), orgUnitId: provinceId, period: month(PROVINCE_FIRST_MONTH, int(shape.provinceMonths)), delta };
    } else {
      const c = int(shape.communes) + 1;
      u = {
        k,
        kind: 'observation',
        indicatorId: benchUuid(indicatorKey(int(shape.communeIndicators) + 1)),
        orgUnitId: benchUuid(communeKey(c)),
        provinceId: benchUuid(provinceKey(communeProvince(c, shape))),
        period: month(COMMUNE_FIRST_MONTH, int(shape.communeMonths)),
        delta,
      };
    }
    const key = u.kind === 'task' ? `task|${u.taskId}` : `${u.indicatorId}|${u.orgUnitId}|${u.period}`;
    if (seen.has(key)) continue;
    seen.add(key);
    updates.push(u);
  }
  return updates;
}

interface IncrementalResult {
  /** Commit → the province's statuses include the write (tasks and goal observations). */
  statusLatencies: number[];
  /** Commit → the KPI comparison shows the new value (observations). */
  kpiLatencies: number[];
  unseen: number;
  jobs: number;
  skipped: number;
  failed: number;
  jobMs: number[];
  recomputes: number;
  writeSeconds: number;
  drainSeconds: number;
}

/**
 * Writes committed at `updateRate`/s (the row and its outbox row in one transaction, as
 * the write path does), an OutboxRelay every 50 ms, and a BullMQ Worker on the `recompute`
 * queue running the real RecomputeProcessor. Latencies: commit → a status pass that read
 * the write has committed (the province's rollups are then current), and commit → the KPI
 * row shows the new value.
 */
async function incremental(ds: DataSource, url: string, engine: RecomputeEngine, shape: BenchShape): Promise<IncrementalResult> {
  const { connection, prefix } = queueConnection({ backend: 'redis', redisUrl: settings.redisUrl, prefix: queuePrefix }, url);
  const queue = new Queue(QUEUE_NAMES.recompute, { connection: connection as never, prefix });
  const processor = new RecomputeProcessor(engine);
  processor.assertComplete();
  let jobs = 0;
  let skipped = 0;
  let failed = 0;
  const jobMs: number[] = [];
  const worker = new Worker(
    QUEUE_NAMES.recompute,
    async (job: Job) => {
      const started = now();
      try {
        return await processor.process(job);
      } finally {
        jobMs.push(now() - started);
      }
    },
    // As WorkerLifecycle (libs/jobs/src/worker-lifecycle.ts) creates it.
    {
      connection: connection as never,
      prefix,
      concurrency: settings.workerConcurrency,
      lockDuration: settings.lockDurationMs,
      stalledInterval: settings.lockDurationMs,
    },
  );
  worker.on('completed', (_job, result) => {
    jobs++;
    if ((result as RecomputeOutcome | undefined)?.skipped) skipped++;
  });
  worker.on('failed', (job, error) => {
    failed++;
    progress('incremental job failed', { job: job?.id, error: error.message });
  });
  worker.on('error', (error) => progress('incremental worker error', { error: error.message }));
  await worker.waitUntilReady();

  const relay = new OutboxRelay(ds, queue, settings.debounceMs);
  let relayStopped = false;
  let relayTimer: NodeJS.Timeout | undefined;
  const relayTick = async () => {
    try {
      await relay.relayOnce();
    } catch (error) {
      progress('incremental relay error', { error: (error as Error).message });
    }
    if (!relayStopped) relayTimer = setTimeout(relayTick, settings.relayIntervalMs);
  };
  relayTimer = setTimeout(relayTick, 0);

  const updates = pickUpdates(shape, settings.updates, settings.seed);
  const pending = new Map<number, Update>();
  const writer = new Client({ connectionString: url });
  const poller = new Client({ connectionString: url });
  for (const client of [writer, poller]) {
    client.on('error', (error) => progress('incremental client error', { error: error.message }));
    await client.connect();
  }
  activeQueue = queue;
  const [{ before }] = await ds.query(`SELECT count(*)::int AS before FROM recompute_run`);

  let writerDone = false;
  const intervalMs = 1000 / settings.updateRate;
  const writeStarted = now();
  const writing = (async () => {
    try {
      for (const u of updates) {
        const wait = writeStarted + u.k * intervalMs - now();
        if (wait > 0) await sleep(wait);
        await writer.query('BEGIN');
        if (u.kind === 'task') {
          // The next status (not started → in progress → done → in progress); a task write cannot change a KPI, so its outbox row needs no KPI pass.
          const { rows } = await writer.query(
            `UPDATE task SET status = CASE status WHEN 'not_started' THEN 'in_progress' WHEN 'in_progress' THEN 'done' ELSE 'in_progress' END,
                             progress = NULL, version = version + 1, updated_at = now()
              WHERE id = $1 RETURNING status`,
            [u.taskId],
          );
          if (rows.length !== 1) throw new Error(`task ${u.taskId} not found`);
          u.value = rows[0].status;
          const { rows: out } = await writer.query(
            `INSERT INTO outbox (province_id, reason, kpi_processed_at) VALUES ($1, 'task', now()) RETURNING id::text`,
            [u.provinceId],
          );
          u.outboxId = out[0].id;
        } else {
          const { rows } = await writer.query(
            `UPDATE observation SET value = ${CANONICAL_VALUES ? 'trim_scale(value + $4::numeric)' : 'value + $4::numeric'}, updated_at = now(), version = version + 1
              WHERE indicator_id = $1 AND org_unit_id = $2 AND period = $3 AND source IS NULL RETURNING value::text AS value`,
            [u.indicatorId, u.orgUnitId, u.period, u.delta],
          );
          if (rows.length !== 1) throw new Error(`observation ${u.indicatorId}/${u.orgUnitId}/${u.period} not found`);
          u.value = rows[0].value;
          // The write path names the indicator, org unit and period, so the KPI pass redoes the rows that depend on them only.
          const { rows: out } = await writer.query(
            `INSERT INTO outbox (province_id, indicator_id, org_unit_id, period, reason) VALUES ($1, $2, $3, $4, 'observation') RETURNING id::text`,
            [u.provinceId, u.indicatorId, u.orgUnitId, u.period],
          );
          u.outboxId = out[0].id;
        }
        await writer.query('COMMIT');
        u.committedAt = now();
        pending.set(u.k, u);
        if ((u.k + 1) % 200 === 0) progress('incremental updates', { committed: u.k + 1, pending: pending.size, jobs });
      }
    } finally {
      writerDone = true;
    }
  })();
  // Handled here so a failed write ends the phase (awaited below) instead of crashing past the cleanup.
  writing.catch(() => undefined);

  let writeSeconds = 0;
  let deadline = Infinity;
  // Seen: statuses once a status pass that read the write has committed (it marks the write's outbox row processed in
  // its transaction; a write that changes no status is seen then too); KPIs once the row shows the new value.
  const pollSql = `SELECT r.k, EXISTS (SELECT 1 FROM outbox x WHERE x.id = r.outbox_id AND x.processed_at IS NOT NULL) AS status,
                          EXISTS (SELECT 1 FROM kpi_comparison c WHERE c.indicator_id = r.indicator_id AND c.org_unit_id = r.org_unit_id
                                     AND c.period = r.period AND c.value = r.value::numeric) AS kpi
                     FROM jsonb_to_recordset($1::jsonb) AS r(k int, province_id uuid, outbox_id bigint, indicator_id uuid, org_unit_id uuid, period text, value text)`;
  const needsStatus = (u: Update) => u.kind !== 'observation';
  const needsKpi = (u: Update) => u.kind !== 'task';
  const done = (u: Update) => (!needsStatus(u) || u.statusAt !== undefined) && (!needsKpi(u) || u.kpiAt !== undefined);
  let lastReport = now();
  while (!writerDone || pending.size) {
    if (writerDone && deadline === Infinity) {
      writeSeconds = (now() - writeStarted) / 1000;
      deadline = now() + settings.incrementalTimeoutS * 1000;
      progress('incremental writes done', { seconds: writeSeconds, pending: pending.size, jobs });
    }
    if (now() > deadline) break;
    if (pending.size) {
      const batch = [...pending.values()].map((u) => ({
        k: u.k, province_id: u.provinceId, outbox_id: u.outboxId, indicator_id: u.indicatorId ?? null, org_unit_id: u.orgUnitId ?? null,
        period: u.period ?? null, value: u.kind === 'task' ? null : u.value,
      }));
      const { rows } = await poller.query(pollSql, [JSON.stringify(batch)]);
      const seenAt = now();
      for (const row of rows as { k: number; status: boolean; kpi: boolean }[]) {
        const u = pending.get(row.k);
        if (!u) continue;
        if (row.status && u.statusAt === undefined) u.statusAt = seenAt;
        if (row.kpi && u.kpiAt === undefined) u.kpiAt = seenAt;
        if (done(u)) pending.delete(row.k);
      }
    }
    if (writerDone && now() - lastReport > 10_000) {
      progress('incremental draining', { pending: pending.size, jobs, skipped });
      lastReport = now();
    }
    await sleep(settings.pollIntervalMs);
  }
  await writing;
  const drainSeconds = (now() - writeStarted) / 1000 - writeSeconds;

  relayStopped = true;
  clearTimeout(relayTimer);
  await worker.close();
  const [{ after }] = await ds.query(`SELECT count(*)::int AS after FROM recompute_run`);
  await writer.end();
  await poller.end();
  await removeQueue(queue);
  activeQueue = null;

  const latencies = (at: (u: Update) => number | undefined, wanted: (u: Update) => boolean) =>
    updates.filter((u) => wanted(u) && at(u) !== undefined).map((u) => at(u)! - u.committedAt!).sort((a, b) => a - b);
  return {
    statusLatencies: latencies((u) => u.statusAt, needsStatus),
    kpiLatencies: latencies((u) => u.kpiAt, needsKpi),
    unseen: updates.filter((u) => !done(u)).length,
    jobs,
    skipped,
    failed,
    jobMs: jobMs.sort((a, b) => a - b),
    recomputes: after - before,
    writeSeconds,
    drainSeconds,
  };
}

async function main(): Promise<void> {
  // The processor and relay log through Nest's Logger (to stdout); keep stdout for the result.
  Logger.overrideLogger(['error', 'warn']);
  const commit = gitCommit();
  const shape = shapeFor(settings.scale);
  const clock = shiftedClock(settings.asOf);
  progress('start', { db: dbName, scale: settings.scale, as_of: settings.asOf, provinces: shape.provinces, communes: shape.communes, indicators: shape.indicators });

  await admin(`CREATE DATABASE ${dbName}`);
  const url = urlFor(dbName);
  const ds = createDataSource(url, 10);
  // One cleanup, shared by the normal exit, a failure and a signal (whichever comes first; the others wait for it).
  let cleaning: Promise<void> | null = null;
  const cleanup = () =>
    (cleaning ??= (async () => {
      if (activeQueue) await removeQueue(activeQueue);
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
    await ds.initialize();
    await ds.runMigrations({ transaction: 'each' });
    const generated = await timed(() => generateDataset(ds, shape));
    const counts = generated.result;
    progress('dataset ready', { ...counts, seconds: generated.ms / 1000 });

    // 1. Baseline: warm-up, then best of 3.
    await runBaseline(ds, settings.asOf);
    const baselineRuns: number[] = [];
    let baselineRows = await runBaseline(ds, settings.asOf);
    for (let i = 0; i < 3; i++) {
      const t = await timed(() => runBaseline(ds, settings.asOf));
      baselineRuns.push(t.ms);
      baselineRows = t.result;
    }
    const baselineMs = Math.min(...baselineRuns);
    progress('baseline', { best_ms: baselineMs, runs: baselineRuns.map((x) => round(x)).join('/'), rows: baselineRows.length });

    let kpiBaselineMs: number | null = null;
    if (!settings.skip.has('kpi-baseline')) {
      const t = await timed(() => ds.query(KPI_BASELINE_SQL));
      kpiBaselineMs = t.ms;
      progress('kpi baseline (SQL, one run)', { ms: t.ms, rows: t.result[0].rows });
    }

    // 2. Full recomputes.
    const profiler = new Profiler();
    if (settings.profile) instrumentEngine(profiler);
    if (profiler.notWrapped.length) progress('profiler: not found', { steps: profiler.notWrapped.join(',') });
    const engine = new RecomputeEngine(ds, clock);
    const rss = new RssSampler(100);
    const profiles: Record<string, unknown> = {};
    const phases: Record<string, { status_ms: number; kpi_ms: number }> = {};
    // A full pass: statuses in batches of STATUS_BATCH_SIZE provinces, then the KPI pass (one national statement when forced).
    const statusSteps = Math.ceil(shape.provinces / STATUS_BATCH_SIZE);
    const fullRun = async (label: string, force: boolean) => {
      profiler.reset();
      rss.start(label);
      let last = now();
      const times: number[] = [];
      const t = await timed(() =>
        engine.recomputeMany(null, { asOf: settings.asOf, trigger: 'bench', force }, (done, total) => {
          const ms = now() - last;
          last = now();
          times.push(ms);
          progress(`recompute ${label}`, { step: `${done}/${total}`, phase: done <= statusSteps ? 'status' : 'kpi', ms: round(ms), rss_mb: mb(process.memoryUsage().rss) });
        }),
      );
      rss.stop();
      profiles[label] = profiler.snapshot();
      progress(`profile ${label}`, { steps: JSON.stringify(profiles[label]) });
      const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
      phases[label] = { status_ms: round(sum(times.slice(0, statusSteps))), kpi_ms: round(sum(times.slice(statusSteps))) };
      progress(`recompute ${label} done`, { ms: t.ms, ...phases[label], skipped: t.result.filter((o) => o.skipped).length, peak_rss_mb: mb(rss.peaks[label] ?? 0) });
      return t.ms;
    };
    const fullMs = await fullRun('full', true);
    const [{ mismatches }] = await ds.query(
      `SELECT count(*)::int AS mismatches FROM jsonb_to_recordset($1::jsonb) AS b(id uuid, status text)
         LEFT JOIN goal_status gs ON gs.goal_id = b.id AND gs.as_of = $2 AND gs.org_unit_id = (SELECT d.province_id FROM goal g JOIN document d ON d.id = g.document_id WHERE g.id = b.id)
        WHERE gs.status IS DISTINCT FROM b.status`,
      [JSON.stringify(baselineRows.filter((r) => r.row_kind === 'goal')), settings.asOf],
    );
    const [{ group_mismatches }] = await ds.query(
      `SELECT count(*)::int AS group_mismatches FROM jsonb_to_recordset($1::jsonb) AS b(id uuid, met int, total int)
         LEFT JOIN rollup r ON r.scope_kind = 'goal_group' AND r.scope_id = b.id AND r.as_of = $2
        WHERE (r.goals_met, r.goals_total) IS DISTINCT FROM (b.met, b.total)`,
      [JSON.stringify(baselineRows.filter((r) => r.row_kind === 'goal_group')), settings.asOf],
    );
    progress('baseline vs engine', { goal_status_mismatches: mismatches, goal_group_mismatches: group_mismatches });
    const repeatMs = settings.skip.has('repeat') ? null : await fullRun('full_repeat', true);
    const noopMs = await fullRun('noop', false);

    // 3. Incremental.
    let inc: IncrementalResult | null = null;
    if (!settings.skip.has('incremental')) {
      profiler.reset();
      rss.start('incremental');
      inc = await incremental(ds, url, engine, shape);
      rss.stop();
      profiles.incremental = profiler.snapshot();
      progress('profile incremental', { steps: JSON.stringify(profiles.incremental) });
      progress('incremental done', { unseen: inc.unseen, jobs: inc.jobs, recomputes: inc.recomputes, status_p95_ms: percentile(inc.statusLatencies, 95), kpi_p95_ms: percentile(inc.kpiLatencies, 95) });
    }

    const [stored] = await ds.query(`SELECT (SELECT count(*) FROM kpi_comparison)::int AS kpi_comparison_rows,
                                            (SELECT count(*) FROM goal_status)::int AS goal_status_rows,
                                            (SELECT count(*) FROM recompute_run)::int AS recompute_runs`);
    const finalCounts = await countRows(ds);
    const r = (x: number | null) => (x === null ? null : round(x));
    const result = {
      full_recompute_ms: r(fullMs),
      full_recompute_repeat_ms: r(repeatMs),
      noop_recompute_ms: r(noopMs),
      baseline_ms: r(baselineMs),
      full_recompute_ratio: round(fullMs / baselineMs, 2),
      // Like for like: the status pass (goals, tasks, rollups, reconciliations) against the goal baseline,
      // the KPI pass against the KPI SQL.
      status_recompute_ms: phases.full.status_ms,
      status_recompute_ratio: round(phases.full.status_ms / baselineMs, 2),
      kpi_recompute_ms: phases.full.kpi_ms,
      kpi_recompute_ratio: kpiBaselineMs === null ? null : round(phases.full.kpi_ms / kpiBaselineMs, 2),
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
      // Context and extra figures.
      scale: settings.scale,
      canonical_values: CANONICAL_VALUES,
      as_of: settings.asOf,
      documents: counts.documents,
      generate_s: round(generated.ms / 1000),
      baseline_runs_ms: baselineRuns.map((x) => r(x)),
      baseline_goal_status_mismatches: mismatches,
      baseline_goal_group_mismatches: group_mismatches,
      kpi_baseline_sql_ms: r(kpiBaselineMs),
      phases_ms: phases,
      peak_rss_mb_by_phase: Object.fromEntries(Object.entries(rss.peaks).map(([k, v]) => [k, mb(v)])),
      incremental: inc && {
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
      },
      recompute_runs: stored.recompute_runs,
      profile_ms: profiles,
      commit,
      node: process.version,
      heap_limit_mb: mb(getHeapStatistics().heap_size_limit),
    };
    process.stdout.write(`${JSON.stringify(result)}\n`);
  } finally {
    await cleanup();
  }
}

main().then(
  () => process.exit(0),
  (error) => {
    process.stderr.write(`[bench] failed: ${(error as Error).stack ?? error}\n`);
    process.exit(1);
  },
);
