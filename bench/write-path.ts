import { Queue } from 'bullmq';
import { DataSource } from 'typeorm';
import { QUEUE_NAMES, queueConnection } from '@dx/jobs';
import { ServiceEnv, startWorker } from './bench-api';
import { load, LoadResult } from './load';
import { now, progress, round, sleep } from './support';

export interface WritePathSettings {
  connections: number;
  durationS: number;
  drainTimeoutS: number;
  sampleMs: number;
  /** WORKER_CONCURRENCY of the one worker process (the product's default is 2). */
  workerConcurrency: number;
}

interface BacklogSample {
  t_s: number;
  /** Outbox rows whose status pass has not committed yet (written, not yet reflected in the rollups). */
  outbox: number;
  /** Jobs waiting or running on the `recompute` queue. */
  queue: number;
}

export interface WritePathResult {
  load: LoadResult;
  updates_per_s: number;
  commit_p95_ms: number | null;
  outbox_rows: number;
  backlog_max: number;
  backlog_end_of_load: number;
  queue_max: number;
  /** Backlog once a second during the load (outbox rows not yet recomputed). */
  backlog_per_s: number[];
  drain_ms: number | null;
  worker_concurrency: number;
}

type Backlog = () => Promise<Omit<BacklogSample, 't_s'>>;

/** Samples the backlog every `sampleMs` from now until `stop()`, which resolves once the last sample is taken. */
function startSampler(backlog: Backlog, sampleMs: number) {
  const samples: BacklogSample[] = [];
  let sampling = true;
  const started = now();
  const done = (async () => {
    while (sampling) {
      samples.push({ t_s: round((now() - started) / 1000, 2), ...(await backlog()) });
      await sleep(sampleMs);
    }
  })();
  const stop = () => {
    sampling = false;
    return done;
  };
  return { samples, stop };
}

/** The load: each request takes the next task with the version its last answer gave, so none conflicts. */
function loadTaskUpdates(url: string, token: string, tasks: { id: string; version: number }[], s: WritePathSettings): Promise<LoadResult> {
  let next = 0;
  let k = 0;
  return load({
    label: 'task updates',
    url,
    connections: s.connections,
    durationS: s.durationS,
    method: 'PATCH',
    headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
    requests: [
      {
        setupRequest: (req, context) => {
          const i = next++ % tasks.length;
          context.i = i;
          const body = JSON.stringify({ status: 'in_progress', progress: (k++ % 99) + 1 });
          return { ...req, path: `/api/v1/tasks/${tasks[i].id}`, headers: { ...req.headers, 'If-Match': `"${tasks[i].version}"` }, body };
        },
        onResponse: (status, body, context, headers) => {
          const task = tasks[context.i as number];
          const etag = headers.ETag ?? headers.etag;
          if (status === 200 && etag) task.version = Number(etag.replace(/\D/g, ''));
          else if (status === 409) task.version = (JSON.parse(body) as { current?: { version: number } }).current?.version ?? task.version;
        },
      },
    ],
  });
}

/** Milliseconds from the end of the load until the outbox and the queue are both empty, polled every 20 ms; null after the timeout. */
async function drainTime(backlog: Backlog, loadEnded: number, timeoutS: number): Promise<number | null> {
  while (now() - loadEnded < timeoutS * 1000) {
    const b = await backlog();
    if (b.outbox === 0 && b.queue === 0) return now() - loadEnded;
    await sleep(20);
  }
  return null;
}

/**
 * PATCH /api/v1/tasks/:id with If-Match under autocannon while one worker process runs
 * the recompute: each request takes the next of the tasks (every province's, shuffled)
 * with the version its last answer gave, so none conflicts. The outbox backlog and the
 * queue are sampled throughout; after the load, the time until every write is reflected.
 */
export async function writePath(
  ds: DataSource,
  url: string,
  token: string,
  env: ServiceEnv,
  s: WritePathSettings,
): Promise<WritePathResult> {
  const tasks: { id: string; version: number }[] = await ds.query(`SELECT id::text, version FROM task ORDER BY md5(id::text)`);
  const worker = await startWorker('worker (write path)', env, { WORKER_CONCURRENCY: String(s.workerConcurrency) });
  const { connection, prefix } = queueConnection({ backend: 'redis', redisUrl: env.redisUrl, prefix: env.queuePrefix }, env.databaseUrl);
  const queue = new Queue(QUEUE_NAMES.recompute, { connection: connection as never, prefix });
  const backlog: Backlog = async () => {
    const [{ outbox }] = await ds.query(`SELECT count(*)::int AS outbox FROM outbox WHERE processed_at IS NULL`);
    // Not 'delayed': the worker's job schedulers (daily and weekly passes) keep their next run there.
    const counts = await queue.getJobCounts('waiting', 'active', 'prioritized');
    return { outbox, queue: Object.values(counts).reduce((a, b) => a + b, 0) };
  };
  const [{ before }] = await ds.query(`SELECT count(*)::int AS before FROM outbox`);
  const sampler = startSampler(backlog, s.sampleMs);
  const samples = sampler.samples;
  try {
    const result = await loadTaskUpdates(url, token, tasks, s);
    const loadEnded = now();
    const endOfLoad = await backlog();
    const drainMs = await drainTime(backlog, loadEnded, s.drainTimeoutS);
    await sampler.stop();
    const [{ after }] = await ds.query(`SELECT count(*)::int AS after FROM outbox`);
    const perSecond: number[] = [];
    for (const x of samples) if (x.t_s <= result.duration_s && Math.floor(x.t_s) >= perSecond.length) perSecond.push(x.outbox);
    const out: WritePathResult = {
      load: result,
      updates_per_s: result.ok_rps,
      commit_p95_ms: result.p95_ms,
      outbox_rows: after - before,
      backlog_max: Math.max(0, ...samples.map((x) => x.outbox)),
      backlog_end_of_load: endOfLoad.outbox,
      queue_max: Math.max(0, ...samples.map((x) => x.queue)),
      backlog_per_s: perSecond,
      drain_ms: drainMs === null ? null : round(drainMs, 0),
      worker_concurrency: s.workerConcurrency,
    };
    progress('write path', {
      updates_per_s: out.updates_per_s,
      p95_ms: out.commit_p95_ms,
      backlog_max: out.backlog_max,
      drain_ms: out.drain_ms,
    });
    return out;
  } finally {
    await sampler.stop().catch(() => undefined);
    await worker.stop();
    await queue.obliterate({ force: true }).catch(() => undefined);
    await queue.close();
  }
}
