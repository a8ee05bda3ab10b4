import { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { WorkerModule } from '@dx/worker/worker.module';
import { loadConfig } from '@dx/config';
import { createDataSource, PlanImporter } from '@dx/db';
import { getQueueToken } from '@nestjs/bullmq';
import { Queue } from 'bullmq';
import { OutboxRelay, QUEUE_NAMES, queueConnection } from '@dx/jobs';
import { writeObservationValue } from '../factories/observation-write.factory';
import { smallPlanText, validPlan } from '../factories/plan-file.factory';
import { advisoryLocks } from '../support/pg-backends';
import { TestRedis } from '../support/redis-server';
import { BuiltWorkers } from '../support/run-built';
import { createTestDatabase, TestDatabase } from '../support/test-database';
import { testRunId } from '../support/test-env';
import { waitFor } from '../support/wait-for';

const importOptions = { fileName: 't.yaml', actor: 'jest', prune: false, dryRun: false, now: new Date() };

function workerEnv(db: TestDatabase, redis: TestRedis, prefix: string): Record<string, string> {
  return {
    NODE_ENV: 'test',
    DATABASE_URL: db.url,
    REDIS_URL: redis.url,
    QUEUE_PREFIX: prefix,
    RECOMPUTE_DEBOUNCE_MS: '0',
    WORKER_LOCK_DURATION_MS: '2000',
    WORKER_CONCURRENCY: '2',
  };
}

interface InProcessWorker {
  app: INestApplicationContext;
  close(): Promise<void>;
}

async function startWorker(env: Record<string, string>): Promise<InProcessWorker> {
  const config = loadConfig(env);
  const dataSource: DataSource = createDataSource(config.database.url!, 4);
  await dataSource.initialize();
  const app = await NestFactory.createApplicationContext(
    WorkerModule.forRoot({ config, dataSource, queue: queueConnection(config.queue, config.database.url!) }),
    { logger: false },
  );
  await app.init();
  return { app, close: () => app.close() };
}

const kpiValue = async (db: TestDatabase, province: string): Promise<string | null> => {
  const [row] = await db.dataSource.query(
    `SELECT k.value::text AS value FROM kpi_comparison k JOIN org_unit u ON u.id = k.org_unit_id JOIN indicator i ON i.id = k.indicator_id
      WHERE u.code = $1 AND u.kind = 'province' AND i.code = 'dvc-toan-trinh' AND k.period = '2023-10'`,
    [province],
  );
  return row?.value ?? null;
};
const pendingOutbox = async (db: TestDatabase, province: string): Promise<number> => {
  const [{ n }] = await db.dataSource.query(
    `SELECT count(*)::int AS n FROM outbox o JOIN org_unit u ON u.id = o.province_id WHERE u.code = $1 AND o.processed_at IS NULL`,
    [province],
  );
  return n;
};
const runs = async (db: TestDatabase, province: string): Promise<{ started_at: Date; finished_at: Date }[]> =>
  db.dataSource.query(
    `SELECT r.started_at, r.finished_at FROM recompute_run r JOIN org_unit u ON u.id = r.province_id WHERE u.code = $1 AND r.kind = 'status' ORDER BY r.started_at`,
    [province],
  );
const caughtUp = (db: TestDatabase, province: string, value: string) => async () =>
  (await kpiValue(db, province)) === value && (await pendingOutbox(db, province)) === 0;

describe("recompute through the queue (real PostgreSQL, a redis-server of the test's own)", () => {
  let db: TestDatabase;
  let redis: TestRedis;
  let env: Record<string, string>;
  const workers: InProcessWorker[] = [];

  beforeAll(async () => {
    db = await createTestDatabase();
    redis = await TestRedis.start();
    env = workerEnv(db, redis, `dx-test-${testRunId()}-q1`);
    const importer = new PlanImporter(db.dataSource);
    await importer.run(validPlan(smallPlanText('TQA')), importOptions);
    await importer.run(validPlan(smallPlanText('TQB')), importOptions);
  });
  afterAll(async () => {
    for (const w of workers) await w.close();
    await redis?.destroy();
    await db?.drop();
  });

  it('relays the outbox of an import, and a changed observation reaches the statuses with no restart', async () => {
    workers.push(await startWorker(env));
    await waitFor('the import to be recomputed', caughtUp(db, 'TQA', '81'));
    await writeObservationValue(db.dataSource, { province: 'TQA', indicator: 'dvc-toan-trinh', period: '2023-10' }, '85');
    await waitFor('the new value in kpi_comparison', caughtUp(db, 'TQA', '85'));
  });

  it('registers the daily as-of roll at 00:05 and the weekly consistency pass in Asia/Ho_Chi_Minh, once each', async () => {
    workers.push(await startWorker(env)); // a second worker upserts the same schedules
    const queue = workers[0].app.get<Queue>(getQueueToken(QUEUE_NAMES.recompute));
    const schedulers = await queue.getJobSchedulers();
    expect(
      schedulers.map((s) => ({ key: s.key, pattern: s.pattern, tz: s.tz, name: s.name })).sort((a, b) => a.key.localeCompare(b.key)),
    ).toEqual([
      { key: 'daily-as-of-roll', pattern: '5 0 * * *', tz: 'Asia/Ho_Chi_Minh', name: 'recompute-all' },
      { key: 'weekly-consistency', pattern: '30 1 * * 0', tz: 'Asia/Ho_Chi_Minh', name: 'recompute-consistency' },
    ]);
    await workers.pop()!.close();
  });

  it('keeps accepting writes while Redis is down and catches up, losing nothing, when it returns', async () => {
    // The relay's own report that the queue is unreachable (called through, not replaced).
    const queueDown = jest.spyOn(OutboxRelay.prototype as unknown as { queueDown(error: unknown): void }, 'queueDown');
    await redis.stop();
    for (const value of ['60', '61', '62']) {
      await writeObservationValue(db.dataSource, { province: 'TQA', indicator: 'dvc-toan-trinh', period: '2023-10' }, value);
    }
    const failedBefore = queueDown.mock.calls.length;
    await waitFor('a relay pass after the writes to find the queue down', async () => queueDown.mock.calls.length > failedBefore, 20_000);
    queueDown.mockRestore();
    const [{ waiting }] = await db.dataSource.query(`SELECT count(*)::int AS waiting FROM outbox WHERE enqueued_at IS NULL`);
    expect(waiting).toBeGreaterThan(0);
    expect(await kpiValue(db, 'TQA')).toBe('85');
    await redis.start();
    await waitFor('statuses to catch up after Redis returns', caughtUp(db, 'TQA', '62'), 30_000);
    // The KPI pass marks the rows processed after the status pass has shown the value: every row gets there.
    const pending = async () =>
      (await db.dataSource.query(`SELECT count(*)::int AS n FROM outbox WHERE enqueued_at IS NULL OR processed_at IS NULL`))[0].n as number;
    await waitFor('every outbox row to be processed', async () => (await pending()) === 0, 10_000);
    expect(await pending()).toBe(0);
  }, 60_000);

  it('debounces a burst: 200 writes to one plan cause a handful of recomputes', async () => {
    const before = (await runs(db, 'TQA')).length;
    for (let i = 0; i < 200; i++) {
      await writeObservationValue(db.dataSource, { province: 'TQA', indicator: 'dvc-toan-trinh', period: '2023-10' }, String(i % 100));
    }
    await waitFor('the burst to settle', caughtUp(db, 'TQA', '99'), 30_000);
    const recomputes = (await runs(db, 'TQA')).length - before;
    expect(recomputes).toBeGreaterThanOrEqual(1);
    expect(recomputes).toBeLessThanOrEqual(20);
  }, 60_000);

  it('two workers on one queue never compute the same province at the same time', async () => {
    workers.push(await startWorker(env));
    for (let i = 0; i < 60; i++) {
      const province = i % 2 ? 'TQA' : 'TQB';
      await writeObservationValue(db.dataSource, { province, indicator: 'dvc-toan-trinh', period: '2023-10' }, String(40 + i));
      if (i % 10 === 0) await new Promise((r) => setTimeout(r, 150));
    }
    await waitFor(
      'both provinces to settle',
      async () => (await caughtUp(db, 'TQA', '99')()) && (await caughtUp(db, 'TQB', '98')()),
      30_000,
    );
    for (const province of ['TQA', 'TQB']) {
      const list = await runs(db, province);
      for (let i = 1; i < list.length; i++) {
        expect(new Date(list[i].started_at).getTime()).toBeGreaterThanOrEqual(new Date(list[i - 1].finished_at).getTime());
      }
    }
  }, 60_000);
});

describe('a worker killed with SIGKILL in the middle of a recompute', () => {
  let db: TestDatabase;
  let redis: TestRedis;
  let env: Record<string, string>;
  const workers = new BuiltWorkers(() => env);
  const spawnWorker = () => workers.start();

  beforeAll(async () => {
    db = await createTestDatabase();
    redis = await TestRedis.start();
    env = workerEnv(db, redis, `dx-test-${testRunId()}-q2`);
    await new PlanImporter(db.dataSource).run(validPlan(smallPlanText('TKL')), importOptions);
  });
  afterAll(async () => {
    await workers.killAll();
    await redis?.destroy();
    await db?.drop();
  });

  it('leaves no partial result, and the job completes on another worker', async () => {
    const [{ id }] = await db.dataSource.query(`SELECT id FROM org_unit WHERE code = 'TKL' AND kind = 'province'`);
    // Hold the province's recompute lock so the worker's job stops inside its transaction.
    const holder = new Client({ connectionString: db.url });
    await holder.connect();
    await holder.query('BEGIN');
    await holder.query(`SELECT pg_advisory_xact_lock(hashtext('dx-recompute:' || $1))`, [id]);
    const first = spawnWorker();
    await waitFor(
      'the worker to be waiting inside its recompute',
      async () => {
        const [{ n }] = await db.dataSource.query(`SELECT count(*)::int AS n FROM pg_locks WHERE locktype = 'advisory' AND NOT granted`);
        return n > 0;
      },
      30_000,
    );
    const exited = new Promise((resolve) => first.once('exit', resolve));
    first.kill('SIGKILL');
    await exited;
    await holder.query('COMMIT');
    await holder.end();
    // The killed worker's transaction ends when the server notices its socket is gone: then nothing it did can land.
    await waitFor("the killed worker's transaction to end", async () => (await advisoryLocks(db.name)) === 0, 30_000);
    expect(await runs(db, 'TKL')).toHaveLength(0);
    const [{ n: statuses }] = await db.dataSource.query(`SELECT count(*)::int AS n FROM goal_status`);
    expect(statuses).toBe(0);

    spawnWorker();
    await waitFor('the stalled job to be picked up again and finish', caughtUp(db, 'TKL', '81'), 45_000);
    expect(await runs(db, 'TKL')).toHaveLength(1);
  }, 90_000);
});
