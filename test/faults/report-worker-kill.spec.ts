import { Job, Queue } from 'bullmq';
import { ChildProcess } from 'child_process';
import { randomUUID } from 'crypto';
import { Client } from 'pg';
import { PlanImporter } from '@dx/db';
import { QUEUE_NAMES, queueConnection, REPORT_JOB_OPTIONS, REPORT_JOBS, ReportPayload } from '@dx/jobs';
import { smallPlanText, validPlan } from '../factories/plan-file.factory';
import { adminRows, advisoryLocks } from '../support/pg-backends';
import { TestRedis } from '../support/redis-server';
import { BuiltWorkers } from '../support/run-built';
import { createTestDatabase, TestDatabase } from '../support/test-database';
import { testRunId } from '../support/test-env';
import { waitFor } from '../support/wait-for';

const PROVINCE = 'FRK';
const payload: ReportPayload = {
  province: PROVINCE,
  document: '1/KH-UBND',
  period: '2023-10',
  asOf: '2023-10-31',
  formats: ['pdf', 'xlsx'],
  requestedBy: 'jest',
};

/**
 * A worker process killed with SIGKILL in the middle of a report job: nobody sees a report
 * for that job until it is done, a restarted worker finishes the job, and the job leaves
 * exactly one report whatever the moment of the kill.
 */
describe('a worker killed with SIGKILL in the middle of a report job', () => {
  let db: TestDatabase;
  let redis: TestRedis;
  let queue: Queue;
  let env: Record<string, string>;
  const workers = new BuiltWorkers(() => env);
  const spawnWorker = () => workers.start();
  const kill = (child: ChildProcess) => workers.kill(child);
  const reports = (): Promise<{ id: string; job_id: string | null; pdf: number | null; xlsx: number | null }[]> =>
    db.dataSource.query(`SELECT id, job_id, octet_length(pdf) AS pdf, octet_length(xlsx) AS xlsx FROM report ORDER BY created_at`);
  /** Holds `sql`'s lock in a transaction of its own until `release`. */
  const hold = async (sql: string, params: unknown[] = []) => {
    const holder = new Client({ connectionString: db.url });
    await holder.connect();
    await holder.query('BEGIN');
    await holder.query(sql, params);
    return async () => {
      await holder.query('COMMIT');
      await holder.end();
    };
  };
  /** Backends of the test database waiting for a lock while running a statement like `pattern`. */
  const waiting = async (pattern: string) =>
    (
      await adminRows<{ n: number }>(
        `SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = $1 AND wait_event_type = 'Lock' AND query LIKE $2`,
        [db.name, pattern],
      )
    )[0].n;
  const finished = (job: Job) => async () => {
    const state = await job.getState();
    if (state === 'failed') throw new Error(`report job ${job.id} failed: ${(await queue.getJob(job.id!))?.failedReason}`);
    return state === 'completed';
  };

  beforeAll(async () => {
    db = await createTestDatabase();
    redis = await TestRedis.start();
    const prefix = `dx-test-${testRunId()}-rk`;
    // Short locks, so a killed worker's report is found stalled in seconds rather than minutes; the report lock not
    // so short that a PDF built on a busy machine (the suite runs several files at once) misses its renewal.
    env = {
      NODE_ENV: 'test',
      DATABASE_URL: db.url,
      REDIS_URL: redis.url,
      QUEUE_PREFIX: prefix,
      RECOMPUTE_DEBOUNCE_MS: '0',
      WORKER_LOCK_DURATION_MS: '2000',
      REPORT_LOCK_DURATION_MS: '6000',
      WORKER_CONCURRENCY: '2',
    };
    await new PlanImporter(db.dataSource).run(validPlan(smallPlanText(PROVINCE)), {
      fileName: 't.yaml',
      actor: 'jest',
      prune: false,
      dryRun: false,
      now: new Date(),
    });
    const connection = queueConnection({ backend: 'redis', redisUrl: redis.url, prefix }, db.url);
    queue = new Queue(QUEUE_NAMES.reports, { connection: connection.connection as never, prefix });
  });
  afterAll(async () => {
    await workers.killAll();
    await queue?.close();
    await redis?.destroy();
    await db?.drop();
  });

  it('killed while the report recomputes its province: no report, and a restarted worker completes the job with one', async () => {
    const [{ id: provinceId }] = await db.dataSource.query(`SELECT id FROM org_unit WHERE code = $1 AND kind = 'province'`, [PROVINCE]);
    // The report's first step, the recompute at its as-of date, waits on the province's recompute lock.
    const release = await hold(`SELECT pg_advisory_xact_lock(hashtext('dx-recompute:' || $1))`, [provinceId]);
    let job: Job;
    try {
      const first = spawnWorker();
      job = await queue.add(REPORT_JOBS.generate, payload, { ...REPORT_JOB_OPTIONS, jobId: `report-${randomUUID()}` });
      await waitFor(
        'the report job to wait inside its recompute',
        async () => (await job.getState()) === 'active' && (await waiting('SELECT count(pg_advisory_xact_lock%')) > 0,
        30_000,
      );
      await kill(first);
    } finally {
      await release();
    }
    // The killed worker's transaction ends when the server notices its socket is gone: then nothing it did can land.
    await waitFor("the killed worker's transaction to end", async () => (await advisoryLocks(db.name)) === 0, 30_000);
    expect(await reports()).toEqual([]);
    expect(await job!.getState()).toBe('active');

    spawnWorker();
    await waitFor('the stalled report job to be finished by the new worker', finished(job!), 45_000, 200);
    const done = (await queue.getJob(job!.id!))!;
    const stored = await reports();
    expect(stored).toHaveLength(1);
    expect(stored[0].job_id).toBe(job!.id);
    expect(done.returnvalue).toMatchObject({ reportId: stored[0].id });
    expect(stored[0].pdf).toBeGreaterThan(1000);
    expect(stored[0].xlsx).toBeGreaterThan(1000);
  }, 90_000);

  it('killed after its report row was sent but before the job was marked done: the rerun adds no second report', async () => {
    const before = (await reports()).length;
    // The report's last step, the INSERT, waits on the table; the worker dies; then the INSERT goes through on its own.
    const release = await hold(`LOCK TABLE report IN EXCLUSIVE MODE`);
    let job: Job;
    try {
      await workers.killAll();
      const worker = spawnWorker();
      job = await queue.add(REPORT_JOBS.generate, payload, { ...REPORT_JOB_OPTIONS, jobId: `report-${randomUUID()}` });
      await waitFor('the report INSERT to wait on the table', async () => (await waiting('INSERT INTO report %')) > 0, 45_000, 100);
      await kill(worker);
    } finally {
      await release();
    }
    await waitFor('the orphaned INSERT to commit', async () => (await reports()).length === before + 1, 10_000);
    expect(await job!.getState()).toBe('active');

    spawnWorker();
    await waitFor('the stalled report job to be finished by the new worker', finished(job!), 45_000, 200);
    const done = (await queue.getJob(job!.id!))!;
    const stored = await reports();
    expect(stored).toHaveLength(before + 1);
    expect(stored.filter((r) => r.job_id === job!.id)).toHaveLength(1);
    expect(done.returnvalue).toMatchObject({ reportId: stored[stored.length - 1].id });
  }, 90_000);
});
