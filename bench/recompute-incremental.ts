import { Job, Queue, Worker } from 'bullmq';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { OutboxRelay, QUEUE_NAMES, queueConnection, RecomputeProcessor } from '@dx/jobs';
import { RecomputeEngine, RecomputeOutcome } from '@dx/status-engine';
import { BenchShape } from './dataset';
import { queuePrefix, settings } from './recompute-settings';
import { commitUpdate, pickUpdates, Update } from './recompute-updates';
import { now, progress, sleep } from './support';

export interface IncrementalResult {
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

/** The bench's queue, so an interrupted run still removes its Redis keys. */
let activeQueue: Queue | null = null;

async function removeQueue(queue: Queue): Promise<void> {
  await queue.obliterate({ force: true }).catch((e: Error) => progress('queue cleanup failed', { error: e.message }));
  await queue.close().catch(() => undefined);
}

/** Removes the incremental phase's queue if the phase is still running (an interrupted or failed run). */
export async function removeActiveQueue(): Promise<void> {
  if (activeQueue) await removeQueue(activeQueue);
}

/** What the worker has done so far. */
interface WorkerStats {
  jobs: number;
  skipped: number;
  failed: number;
  jobMs: number[];
}

const needsStatus = (u: Update) => u.kind !== 'observation';
const needsKpi = (u: Update) => u.kind !== 'task';
const done = (u: Update) => (!needsStatus(u) || u.statusAt !== undefined) && (!needsKpi(u) || u.kpiAt !== undefined);

/**
 * Writes committed at `updateRate`/s (the row and its outbox row in one transaction, as
 * the write path does), an OutboxRelay every 50 ms, and a BullMQ Worker on the `recompute`
 * queue running the real RecomputeProcessor. Latencies: commit → a status pass that read
 * the write has committed (the province's rollups are then current), and commit → the KPI
 * row shows the new value.
 */
export async function incremental(ds: DataSource, url: string, engine: RecomputeEngine, shape: BenchShape): Promise<IncrementalResult> {
  const { connection, prefix } = queueConnection({ backend: 'redis', redisUrl: settings.redisUrl, prefix: queuePrefix }, url);
  const queue = new Queue(QUEUE_NAMES.recompute, { connection: connection as never, prefix });
  const { worker, stats } = await startWorker(engine, connection, prefix);
  const stopRelay = startRelay(ds, queue);

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

  const state = { writerDone: false };
  const writeStarted = now();
  const writing = writeUpdates(writer, updates, pending, stats, state, writeStarted);
  // Handled here so a failed write ends the phase (awaited below) instead of crashing past the cleanup.
  writing.catch(() => undefined);
  const writeSeconds = await pollUntilSeen(poller, pending, stats, state, writeStarted);
  await writing;
  const drainSeconds = (now() - writeStarted) / 1000 - writeSeconds;

  stopRelay();
  await worker.close();
  const [{ after }] = await ds.query(`SELECT count(*)::int AS after FROM recompute_run`);
  await writer.end();
  await poller.end();
  await removeQueue(queue);
  activeQueue = null;

  const latencies = (at: (u: Update) => number | undefined, wanted: (u: Update) => boolean) =>
    updates
      .filter((u) => wanted(u) && at(u) !== undefined)
      .map((u) => at(u)! - u.committedAt!)
      .sort((a, b) => a - b);
  return {
    statusLatencies: latencies((u) => u.statusAt, needsStatus),
    kpiLatencies: latencies((u) => u.kpiAt, needsKpi),
    unseen: updates.filter((u) => !done(u)).length,
    ...stats,
    jobMs: stats.jobMs.sort((a, b) => a - b),
    recomputes: after - before,
    writeSeconds,
    drainSeconds,
  };
}

/** A BullMQ Worker on the `recompute` queue running the real RecomputeProcessor, counting its jobs. */
async function startWorker(engine: RecomputeEngine, connection: unknown, prefix: string): Promise<{ worker: Worker; stats: WorkerStats }> {
  const processor = new RecomputeProcessor(engine);
  processor.assertComplete();
  const stats: WorkerStats = { jobs: 0, skipped: 0, failed: 0, jobMs: [] };
  const worker = new Worker(
    QUEUE_NAMES.recompute,
    async (job: Job) => {
      const started = now();
      try {
        return await processor.process(job);
      } finally {
        stats.jobMs.push(now() - started);
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
    stats.jobs++;
    if ((result as RecomputeOutcome | undefined)?.skipped) stats.skipped++;
  });
  worker.on('failed', (job, error) => {
    stats.failed++;
    progress('incremental job failed', { job: job?.id, error: error.message });
  });
  worker.on('error', (error) => progress('incremental worker error', { error: error.message }));
  await worker.waitUntilReady();
  return { worker, stats };
}

/** Runs the OutboxRelay every `relayIntervalMs` until the returned function is called. */
function startRelay(ds: DataSource, queue: Queue): () => void {
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
  return () => {
    relayStopped = true;
    clearTimeout(relayTimer);
  };
}

/** Commits the updates at `updateRate`/s, each into `pending` once committed; sets `state.writerDone` at the end (or on failure). */
async function writeUpdates(
  writer: Client,
  updates: Update[],
  pending: Map<number, Update>,
  stats: WorkerStats,
  state: { writerDone: boolean },
  writeStarted: number,
): Promise<void> {
  const intervalMs = 1000 / settings.updateRate;
  try {
    for (const u of updates) {
      const wait = writeStarted + u.k * intervalMs - now();
      if (wait > 0) await sleep(wait);
      await commitUpdate(writer, u);
      u.committedAt = now();
      pending.set(u.k, u);
      if ((u.k + 1) % 200 === 0) progress('incremental updates', { committed: u.k + 1, pending: pending.size, jobs: stats.jobs });
    }
  } finally {
    state.writerDone = true;
  }
}

// Seen: statuses once a status pass that read the write has committed (it marks the write's outbox row processed in
// its transaction; a write that changes no status is seen then too); KPIs once the row shows the new value.
const POLL_SQL = `SELECT r.k, EXISTS (SELECT 1 FROM outbox x WHERE x.id = r.outbox_id AND x.processed_at IS NOT NULL) AS status,
                          EXISTS (SELECT 1 FROM kpi_comparison c WHERE c.indicator_id = r.indicator_id AND c.org_unit_id = r.org_unit_id
                                     AND c.period = r.period AND c.value = r.value::numeric) AS kpi
                     FROM jsonb_to_recordset($1::jsonb) AS r(k int, province_id uuid, outbox_id bigint, indicator_id uuid, org_unit_id uuid, period text, value text)`;

/**
 * Polls until every committed update is seen (or the timeout after the last write passes), stamping when each was
 * seen; resolves to the seconds the writes took.
 */
async function pollUntilSeen(
  poller: Client,
  pending: Map<number, Update>,
  stats: WorkerStats,
  state: { writerDone: boolean },
  writeStarted: number,
): Promise<number> {
  let writeSeconds = 0;
  let deadline = Infinity;
  let lastReport = now();
  while (!state.writerDone || pending.size) {
    if (state.writerDone && deadline === Infinity) {
      writeSeconds = (now() - writeStarted) / 1000;
      deadline = now() + settings.incrementalTimeoutS * 1000;
      progress('incremental writes done', { seconds: writeSeconds, pending: pending.size, jobs: stats.jobs });
    }
    if (now() > deadline) break;
    if (pending.size) await pollOnce(poller, pending);
    if (state.writerDone && now() - lastReport > 10_000) {
      progress('incremental draining', { pending: pending.size, jobs: stats.jobs, skipped: stats.skipped });
      lastReport = now();
    }
    await sleep(settings.pollIntervalMs);
  }
  return writeSeconds;
}

async function pollOnce(poller: Client, pending: Map<number, Update>): Promise<void> {
  const batch = [...pending.values()].map((u) => ({
    k: u.k,
    province_id: u.provinceId,
    outbox_id: u.outboxId,
    indicator_id: u.indicatorId ?? null,
    org_unit_id: u.orgUnitId ?? null,
    period: u.period ?? null,
    value: u.kind === 'task' ? null : u.value,
  }));
  const { rows } = await poller.query(POLL_SQL, [JSON.stringify(batch)]);
  const seenAt = now();
  for (const row of rows as { k: number; status: boolean; kpi: boolean }[]) {
    const u = pending.get(row.k);
    if (!u) continue;
    if (row.status && u.statusAt === undefined) u.statusAt = seenAt;
    if (row.kpi && u.kpiAt === undefined) u.kpiAt = seenAt;
    if (done(u)) pending.delete(row.k);
  }
}
