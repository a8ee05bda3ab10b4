import { Queue } from 'bullmq';
import { PlanImporter } from '@dx/db';
import { MAX_WAITING_JOBS, OutboxRelay, QUEUE_NAMES, queueConnection, RECOMPUTE_JOBS } from '@dx/jobs';
import { smallPlanText, validPlan } from '../factories/plan-file.factory';
import { createTestDatabase, TestDatabase } from '../support/test-database';
import { TEST_REDIS_URL, testRunId } from '../support/test-env';

/** The relay against real PostgreSQL and Redis, with no worker: what it sends, and what it holds back. */
describe('OutboxRelay (Redis): covered rows and back-pressure', () => {
  let db: TestDatabase;
  let queue: Queue;
  let relay: OutboxRelay;
  let province: string;
  const q = (sql: string, params: unknown[] = []) => db.dataSource.query(sql, params);
  const pendingRow = async (processed: boolean) =>
    (
      await q(`INSERT INTO outbox (province_id, reason, processed_at, kpi_processed_at) VALUES ($1, 'task', $2, now()) RETURNING id`, [
        province,
        processed ? new Date() : null,
      ])
    )[0].id;
  const rowOf = async (id: string) => (await q(`SELECT enqueued_at IS NOT NULL AS enqueued, job_id FROM outbox WHERE id = $1`, [id]))[0];

  beforeAll(async () => {
    db = await createTestDatabase();
    await new PlanImporter(db.dataSource).run(validPlan(smallPlanText('TRL')), {
      fileName: 't.yaml',
      actor: 'jest',
      prune: false,
      dryRun: false,
      now: new Date(),
    });
    [{ id: province }] = await q(`SELECT id FROM org_unit WHERE kind = 'province' AND code = 'TRL'`);
    const { connection, prefix } = queueConnection(
      { backend: 'redis', redisUrl: TEST_REDIS_URL, prefix: `dx-test-${testRunId()}-relay` } as never,
      db.url,
    );
    queue = new Queue(QUEUE_NAMES.recompute, { connection, prefix });
    relay = new OutboxRelay(db.dataSource, queue, 0);
  });
  afterAll(async () => {
    await queue?.obliterate({ force: true });
    await queue?.close();
    await db?.drop();
  });

  it("sends the import, then gives a row another province's pass already covered no job of its own", async () => {
    expect(await relay.relayOnce()).toBe(1);
    expect(await queue.getWaitingCount()).toBe(1);
    await q(`UPDATE outbox SET processed_at = now(), kpi_processed_at = now()`); // the job ran
    const covered = await pendingRow(true);
    expect(await relay.relayOnce()).toBe(0);
    expect(await rowOf(covered)).toEqual({ enqueued: true, job_id: null });
    expect(await queue.getWaitingCount()).toBe(1);
  });

  it(`holds rows back while ${MAX_WAITING_JOBS} jobs wait to start, and sends them when fewer do`, async () => {
    for (let i = 1; i < MAX_WAITING_JOBS; i++)
      await queue.add(RECOMPUTE_JOBS.province, { provinceId: province, trigger: 'test' }, { jobId: `filler-${i}` });
    expect(await queue.getWaitingCount()).toBe(MAX_WAITING_JOBS);
    const row = await pendingRow(false);
    expect(await relay.relayOnce()).toBe(0);
    expect(await rowOf(row)).toEqual({ enqueued: false, job_id: null });
    await queue.drain();
    expect(await relay.relayOnce()).toBe(1);
    expect((await rowOf(row)).job_id).toMatch(/^recompute-/);
  });
});
