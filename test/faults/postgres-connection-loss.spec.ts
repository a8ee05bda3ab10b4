import { INestApplication } from '@nestjs/common';
import { Client } from 'pg';
import request from 'supertest';
import { PlanImporter } from '@dx/db';
import { addDays } from '@dx/domain';
import { manyTasksPlanText, smallPlanText, validPlan } from '../factories/plan-file.factory';
import { lockWaiters, terminateBackends } from '../support/pg-backends';
import { as, createTestApp, signIn } from '../support/test-app';
import { createTestDatabase, TestDatabase } from '../support/test-database';
import { waitFor } from '../support/wait-for';

const PROVINCE = 'FPG';
const TASKS = 80;

/** A day-period KPI row of the province, for bulk uploads. */
const kpiRow = (day: number, value: string) => ({
  indicator: 'dvc-toan-trinh',
  province: PROVINCE,
  period: addDays('2001-01-01', day),
  value,
});

/**
 * PostgreSQL connections of the API ended under it (pg_terminate_backend, as an administrator or
 * a failover would): requests in flight fail with 503 and Retry-After, never 500; nothing is half
 * written; the pool reconnects by itself.
 */
describe('PostgreSQL connections lost while requests are in flight', () => {
  let db: TestDatabase;
  let app: INestApplication;
  let officer: ReturnType<typeof as>;
  const tasks: string[] = [];

  const one = async <T>(sql: string, params: unknown[] = []): Promise<T> => {
    const client = new Client({ connectionString: db.url });
    await client.connect();
    try {
      return (await client.query(sql, params)).rows[0] as T;
    } finally {
      await client.end();
    }
  };
  const taskState = async (ids: string[]) => {
    const rows: { id: string; version: number; audits: number }[] = (
      await one<{ rows: { id: string; version: number; audits: number }[] }>(
        `SELECT coalesce(json_agg(json_build_object('id', t.id, 'version', t.version,
                  'audits', (SELECT count(*) FROM audit_log a WHERE a.entity_id = t.id)) ORDER BY t.id), '[]') AS rows
           FROM task t WHERE t.id = ANY($1::uuid[])`,
        [ids],
      )
    ).rows;
    return new Map(rows.map((r) => [r.id, r]));
  };
  const counts = () =>
    one<{ observations: number; audits: number; outbox: number; keys: number }>(
      `SELECT (SELECT count(*)::int FROM observation WHERE period_kind = 'day') AS observations, (SELECT count(*)::int FROM audit_log) AS audits,
              (SELECT count(*)::int FROM outbox) AS outbox, (SELECT count(*)::int FROM idempotency_key) AS keys`,
    );
  const expectUnavailable = (res: request.Response) => {
    expect({ status: res.status, code: res.body?.code }).toEqual({ status: 503, code: 'DATABASE_UNAVAILABLE' });
    expect(res.headers['retry-after']).toBe('5');
  };

  beforeAll(async () => {
    db = await createTestDatabase();
    await new PlanImporter(db.dataSource).run(validPlan(manyTasksPlanText(PROVINCE, TASKS)), {
      fileName: 't.yaml',
      actor: 'jest',
      prune: false,
      dryRun: false,
      now: new Date(),
    });
    // The app gets a pool of its own, large enough that every request below holds a connection.
    app = await createTestApp(db, { poolSize: 24 });
    officer = as(app, (await signIn(app, db, 'officer', PROVINCE, 'STTTT')).token);
    const rows: { id: string }[] = await db.dataSource.query(
      `SELECT t.id FROM task t JOIN document d ON d.id = t.document_id JOIN org_unit p ON p.id = d.province_id WHERE p.code = $1 ORDER BY t.code`,
      [PROVINCE],
    );
    tasks.push(...rows.map((r) => r.id));
  });
  afterAll(async () => {
    await app?.close();
    await db?.drop();
  });

  it('writes and reads waiting inside their transactions get 503 with Retry-After, write nothing, and succeed when repeated', async () => {
    const ids = tasks.slice(0, 6);
    const before = await counts();
    // A second connection holds the audit log: each write has changed its rows and waits to add its audit entry; the read waits too.
    const holder = new Client({ connectionString: db.url });
    await holder.connect();
    const holderPid: number = (await holder.query('SELECT pg_backend_pid() AS pid')).rows[0].pid;
    await holder.query('BEGIN');
    await holder.query('LOCK TABLE audit_log IN ACCESS EXCLUSIVE MODE');
    const bulk = { rows: Array.from({ length: 500 }, (_, i) => kpiRow(i, String(i % 100))) };
    const single = { indicator: 'dvc-toan-trinh', province: PROVINCE, period: '2024-01', value: '77' };
    const send = () => [
      ...ids.map((id) => officer.patch(`/api/v1/tasks/${id}`).set('If-Match', '"1"').send({ progress: 55, comment: 'giữa chừng' })),
      officer.post('/api/v1/observations/bulk').send(bulk),
      officer.post('/api/v1/observations').send(single),
      officer.get(`/api/v1/audit?province=${PROVINCE}`),
    ];
    let inFlight: Promise<request.Response>[];
    try {
      inFlight = send().map((r) => r.then((res) => res));
      await waitFor(
        'every request to wait on the held lock',
        async () => (await lockWaiters(db.name, [holderPid])) === ids.length + 3,
        20_000,
      );
      expect(await terminateBackends(db.name, [holderPid])).toBeGreaterThanOrEqual(ids.length + 3);
    } finally {
      await holder.query('ROLLBACK');
      await holder.end();
    }
    const responses = await Promise.all(inFlight);
    for (const res of responses) expectUnavailable(res);

    // Nothing of any of them: no task version, no audit entry, no KPI value, no outbox row.
    for (const [, t] of await taskState(ids)) expect(t).toMatchObject({ version: 1, audits: 0 });
    expect(await counts()).toEqual(before);

    // The same pool, reconnected: the same requests now succeed, each write with its audit entry.
    const again = await Promise.all(send());
    expect(again.map((r) => r.status)).toEqual([...ids.map(() => 200), 200, 201, 200]);
    for (const [, t] of await taskState(ids)) expect(t).toMatchObject({ version: 2, audits: 1 });
    expect(await counts()).toMatchObject({ observations: before.observations + 500, audits: before.audits + ids.length + 501 });
  }, 45_000);

  it('an upload that has claimed its Idempotency-Key and checked 5,000 rows loses its connection: 503, nothing kept, not even the key, so the retry writes every row', async () => {
    const before = await counts();
    const rows = Array.from({ length: 5000 }, (_, i) => kpiRow(1000 + i, String(i % 100)));
    const upload = () => officer.post('/api/v1/observations/bulk').set('Idempotency-Key', 'fault-claimed-1').send({ rows });
    // The province's settings are held: the upload claims its key, checks every row, then waits to read whether it trusts reporters.
    const holder = new Client({ connectionString: db.url });
    await holder.connect();
    const holderPid: number = (await holder.query('SELECT pg_backend_pid() AS pid')).rows[0].pid;
    await holder.query('BEGIN');
    await holder.query('LOCK TABLE province_setting IN ACCESS EXCLUSIVE MODE');
    let pending: Promise<request.Response> | undefined;
    try {
      pending = upload().then((res) => res);
      await waitFor('the upload to wait after its checks', async () => (await lockWaiters(db.name, [holderPid])) === 1, 20_000);
      await terminateBackends(db.name, [holderPid]);
    } finally {
      await holder.query('ROLLBACK');
      await holder.end();
    }
    expectUnavailable(await pending!);
    expect(await counts()).toEqual(before);

    const retried = await upload().expect(200);
    expect(retried.body).toMatchObject({ total: 5000, created: 5000 });
    expect(await counts()).toMatchObject({ observations: before.observations + 5000, audits: before.audits + 5000, keys: before.keys + 1 });
  }, 45_000);

  it('under a storm of terminations, 120 concurrent requests get 200 or 503 (never 500), and each task and its audit entry are both written or both not', async () => {
    const ids = tasks.slice(10, 70);
    let stop = false;
    let ended = 0;
    const storm = (async () => {
      while (!stop) {
        ended += await terminateBackends(db.name);
        await new Promise((r) => setTimeout(r, 25));
      }
    })();
    const responses = await Promise.all([
      ...ids.map((id, k) =>
        officer
          .patch(`/api/v1/tasks/${id}`)
          .set('If-Match', '"1"')
          .send({ progress: k % 100, comment: `bão ${k}` }),
      ),
      ...ids.map(() => officer.get(`/api/v1/tasks?province=${PROVINCE}&pageSize=50`)),
    ]).finally(() => {
      stop = true;
    });
    await storm;
    expect(ended).toBeGreaterThan(0);
    const statuses = responses.map((r) => r.status);
    expect(statuses.filter((s) => s !== 200 && s !== 503)).toEqual([]);
    expect(statuses).toContain(503);
    for (const res of responses.filter((r) => r.status === 503)) expectUnavailable(res);

    const state = await taskState(ids);
    ids.forEach((id, k) => {
      const t = state.get(id)!;
      // Both or neither: a 503 whose transaction had already committed shows as both.
      expect(t.audits).toBe(t.version - 1);
      if (responses[k].status === 200) expect(t.version).toBe(2);
    });
    // The pool has recovered: every task answers, and a write goes through.
    await officer.get(`/api/v1/tasks?province=${PROVINCE}&pageSize=200`).expect(200);
    const last = ids[0];
    const current = await officer.get(`/api/v1/tasks/${last}`).expect(200);
    await officer.patch(`/api/v1/tasks/${last}`).set('If-Match', current.headers.etag).send({ progress: 99 }).expect(200);
  }, 60_000);

  it('a plan import whose audit entry cannot be written is not kept: 503, then imported once with its entry when sent again', async () => {
    const admin = as(app, (await signIn(app, db, 'admin')).token);
    const importPlan = () =>
      admin.post('/api/v1/plans/import?file=fpi.yaml').set('Content-Type', 'application/yaml').send(smallPlanText('FPI'));
    const rowsOf = () =>
      one<{ provinces: number; runs: number; audits: number }>(
        `SELECT (SELECT count(*)::int FROM org_unit WHERE code = 'FPI') AS provinces, (SELECT count(*)::int FROM import_run WHERE file_name = 'fpi.yaml') AS runs,
                (SELECT count(*)::int FROM audit_log WHERE action = 'plan.import' AND after->>'province' = 'FPI') AS audits`,
      );
    const holder = new Client({ connectionString: db.url });
    await holder.connect();
    const holderPid: number = (await holder.query('SELECT pg_backend_pid() AS pid')).rows[0].pid;
    await holder.query('BEGIN');
    await holder.query('LOCK TABLE audit_log IN ACCESS EXCLUSIVE MODE');
    let pending: Promise<request.Response> | undefined;
    try {
      pending = importPlan().then((res) => res);
      await waitFor('the import to wait for its audit entry', async () => (await lockWaiters(db.name, [holderPid])) === 1, 20_000);
      await terminateBackends(db.name, [holderPid]);
    } finally {
      await holder.query('ROLLBACK');
      await holder.end();
    }
    expectUnavailable(await pending!);
    expect(await rowsOf()).toEqual({ provinces: 0, runs: 0, audits: 0 });

    await importPlan().expect(200);
    expect(await rowsOf()).toEqual({ provinces: 1, runs: 1, audits: 1 });
  }, 45_000);
});
