import { INestApplication } from '@nestjs/common';
import { getQueueToken } from '@nestjs/bullmq';
import { Queue } from 'bullmq';
import request from 'supertest';
import { importDtiDirectory, PlanImporter } from '@dx/db';
import { QUEUE_NAMES, RECOMPUTE_JOBS } from '@dx/jobs';
import { RecomputeEngine, StatusRepository } from '@dx/status-engine';
import { DTI_DIRECTORY, QUANG_NINH_FILE, validPlanFile } from '../factories/plan-file.factory';
import { createTestDatabase, TestDatabase } from '../support/test-database';
import { testRunId } from '../support/test-env';
import { waitFor } from '../support/wait-for';
import { as, createTestApp, signIn } from '../support/test-app';

describe('HTTP API (real PostgreSQL and Redis)', () => {
  let db: TestDatabase;
  let app: INestApplication;
  let api: ReturnType<typeof as>;

  beforeAll(async () => {
    db = await createTestDatabase();
    const file = validPlanFile(QUANG_NINH_FILE);
    await new PlanImporter(db.dataSource).run(file, {
      fileName: 'quang-ninh.yaml',
      actor: 'jest',
      prune: false,
      dryRun: false,
      now: new Date(),
    });
    await importDtiDirectory(db.dataSource, DTI_DIRECTORY);
    // A queue of its own: jobs other suites of this run left waiting (no worker runs in a test app) would make /health `degraded`.
    app = await createTestApp(db, { env: { QUEUE_PREFIX: `dx-test-api-${testRunId()}` } });
    api = as(app, (await signIn(app, db, 'officer', 'QNI', 'STTTT')).token);
    const id = await new StatusRepository(db.dataSource.manager).provinceIdByCode('QNI');
    const engine = new RecomputeEngine(db.dataSource, { now: () => new Date() });
    await engine.recompute({ provinceId: id!, asOf: '2023-10-31', trigger: 'test' });
    await engine.recompute({ provinceId: id!, asOf: '2024-01-15', trigger: 'test' });
  });
  afterAll(async () => {
    await app?.close();
    await db?.drop();
  });

  it('GET /api/v1/provinces/:code/summary returns the computed tree with the reconciliation of the national targets', async () => {
    const res = await api.get('/api/v1/provinces/QNI/summary?as_of=2023-10-31').expect(200);
    expect(res.body.computedAt).not.toBeNull();
    expect(res.body.pendingJob).toBeNull();
    const national = res.body.documents.find((d: { scope: string }) => d.scope === 'national');
    expect(national.rollup.goals).toMatchObject({ met: 5, total: 9 });
    expect(national.claims[0]).toMatchObject({ met: 6, of: 9, open: 4, reconciliation: { verdict: 'self_inconsistent', computedMet: 5 } });
  });

  it('a summary pages its KPIs (those with a target first), and says how many there are', async () => {
    const all = await api.get('/api/v1/provinces/QNI/summary?as_of=2023-10-31&kpiPageSize=1000').expect(200);
    const total = all.body.kpis.length;
    expect(total).toBeGreaterThan(4);
    expect(all.body.kpiPage).toEqual({ page: 1, pageSize: 1000, total });
    expect((await api.get('/api/v1/provinces/QNI/summary?as_of=2023-10-31').expect(200)).body.kpiPage).toEqual({
      page: 1,
      pageSize: 50,
      total,
    });
    const page = await api.get('/api/v1/provinces/QNI/summary?as_of=2023-10-31&kpiPage=2&kpiPageSize=2').expect(200);
    expect(page.body.kpis).toEqual(all.body.kpis.slice(2, 4));
    expect(page.body.kpiPage).toEqual({ page: 2, pageSize: 2, total });
    const bad = await api.get('/api/v1/provinces/QNI/summary?kpiPage=0&kpiPageSize=5000').expect(400);
    expect(bad.body.errors.map((e: { path: string }) => e.path).sort()).toEqual(['kpiPage', 'kpiPageSize']);
  });

  it('a summary comes with an ETag (304 while current), and a change recomputed through the API is shown at once', async () => {
    const url = '/api/v1/provinces/QNI/summary?as_of=2023-10-31';
    const first = await api
      .get(url)
      .expect(200)
      .expect('Content-Type', /^application\/json; charset=utf-8/);
    const etag = first.headers.etag;
    expect(etag).toMatch(/^"[\w-]+"$/);
    await api.get(url).set('If-None-Match', etag).expect(304);
    expect((await api.get(url).expect(200)).body).toEqual(first.body);

    const goal = () => first.body.documents[0].goalGroups[0].goals.find((g: { code: string }) => g.code === 'MT1.1');
    expect(goal()).toMatchObject({ indicator: 'so-hoa-ket-qua-tthc', status: 'no_data', actual: null });
    await api
      .post('/api/v1/observations')
      .send({ indicator: 'so-hoa-ket-qua-tthc', province: 'QNI', period: '2023-09', value: '100' })
      .expect(201);
    const id = await new StatusRepository(db.dataSource.manager).provinceIdByCode('QNI');
    await new RecomputeEngine(db.dataSource, { now: () => new Date() }).recompute({ provinceId: id!, asOf: '2023-10-31', trigger: 'test' });
    const after = await api.get(url).set('If-None-Match', etag).expect(200);
    expect(after.headers.etag).not.toBe(etag);
    expect(after.body.documents[0].goalGroups[0].goals.find((g: { code: string }) => g.code === 'MT1.1')).toMatchObject({
      status: 'met',
      actual: '100',
    });
    // The tests below count the file's values.
    const [, deleted] = await db.dataSource.query(
      `DELETE FROM observation o USING indicator i WHERE i.id = o.indicator_id AND i.code = 'so-hoa-ket-qua-tthc' AND o.period = '2023-09'`,
    );
    expect(deleted).toBe(1);
  });

  it('a summary for a date never computed is queued, and the job can be followed at /api/v1/jobs/:id', async () => {
    const res = await api.get('/api/v1/provinces/QNI/summary?as_of=2023-06-30').expect(200);
    expect(res.body.computedAt).toBeNull();
    expect(res.body.pendingJob).toMatch(/^recompute-.*-as-of-2023-06-30$/);
    const job = await api.get(`/api/v1/jobs/${res.body.pendingJob}`).expect(200);
    expect(job.body).toMatchObject({ id: res.body.pendingJob, name: 'recompute-province', state: 'waiting', progress: 0 });
    await api.get('/api/v1/jobs/nope').expect(404);
  });

  it('GET /api/v1/goals/:id/status returns the status at a date and its history', async () => {
    const [goal] = await db.dataSource.query(
      `SELECT g.id FROM goal g JOIN document d ON d.id = g.document_id WHERE d.scope = 'national' AND g.code = 'MT1.6'`,
    );
    const res = await api.get(`/api/v1/goals/${goal.id}/status?as_of=2023-11-15`).expect(200);
    expect(res.body).toMatchObject({ code: 'MT1.6', document: 'CDS-2023-QG', status: { asOf: '2023-10-31', status: 'in_progress' } });
    expect(res.body.history.length).toBeGreaterThan(0);
    await api.get('/api/v1/goals/00000000-0000-4000-8000-000000000000/status').expect(404);
    const bad = await api.get(`/api/v1/goals/${goal.id}/status?as_of=2023-02-30`).expect(400);
    expect(bad.body.code).toBe('INVALID_DATE');
    await api.get('/api/v1/goals/not-a-uuid/status').expect(400);
    await api.get('/api/v1/provinces/QNI/summary?as_of=0000-01-01').expect(400);
  });

  it('GET /api/v1/indicators/:code/comparison compares 81% with the national target', async () => {
    const res = await api.get('/api/v1/indicators/dvc-toan-trinh/comparison?province=QNI').expect(200);
    expect(res.body).toMatchObject({ period: '2023-H2', value: '81', nationalTarget: { target: '80', met: true, gap: '1' } });
    const dti = await api.get('/api/v1/indicators/dti-hang/comparison?province=qni&period=2022').expect(200);
    expect(dti.body).toMatchObject({
      value: '3',
      previous: { period: '2021', value: '7', change: '-4' },
      targets: [{ goalCode: 'MT2.1', met: true }],
    });
    await api.get('/api/v1/indicators/khong-co/comparison?province=QNI').expect(404);
    await api.get('/api/v1/indicators/dti-hang/comparison?province=QNI&period=2019').expect(404);
    const badQuery = await api.get('/api/v1/indicators/dti-hang/comparison?period=2023-Q9').expect(400);
    expect(badQuery.body.errors.map((e: { path: string }) => e.path).sort()).toEqual(['period', 'province']);
    const badCode = await api.get('/api/v1/indicators/DTI/comparison?province=QNI').expect(400);
    expect(badCode.body.errors.map((e: { path: string }) => e.path)).toEqual(['code']);
  });

  it('GET /api/v1/indicators lists what Quảng Ninh tracks, with national targets and latest values', async () => {
    const res = await api.get('/api/v1/indicators?province=QNI&pageSize=200').expect(200);
    expect(res.body.total).toBe(validPlanFile(QUANG_NINH_FILE).plan.indicators.length);
    const dvc = res.body.items.find((i: { code: string }) => i.code === 'dvc-toan-trinh');
    expect(dvc).toMatchObject({ unit: '%', nationalTarget: { op: '>=', value: '80' }, latest: { value: '81' } });
    const page = await api.get('/api/v1/indicators?province=QNI&pageSize=5&page=2').expect(200);
    expect(page.body.items).toHaveLength(5);
  });

  it('GET /api/v1/indicators/:code/history gives the DTI over its yearly periods, oldest first', async () => {
    const res = await api.get('/api/v1/indicators/dti-diem/history?province=QNI').expect(200);
    expect(res.body.points).toEqual([
      { period: '2021', value: '0.4972' },
      { period: '2022', value: '0.7024' },
    ]);
    await api.get('/api/v1/indicators/khong-co/history?province=QNI').expect(404);
    await api.get('/api/v1/indicators/dti-diem/history?province=QNI&limit=1').expect(400);
  });

  it('GET /health reports the database, its read connection and the Redis queue up', async () => {
    const res = await request(app.getHttpServer()).get('/health').expect(200);
    expect(res.body.status).toBe('ok');
    const waited = res.body.info.queue.oldestWaitingMs;
    expect(waited === null || typeof waited === 'number').toBe(true);
    expect(res.body.info).toEqual({
      database: { status: 'up' },
      readDatabase: { status: 'up' },
      queue: { status: 'up', backend: 'redis', oldestWaitingMs: waited },
    });
  });

  it('GET /api/v1/provinces lists the imported province', async () => {
    const res = await api.get('/api/v1/provinces').expect(200);
    expect(res.body).toEqual({ items: [{ code: 'QNI', name: 'Quảng Ninh', validFrom: '1963-10-30', validTo: null }], total: 1 });
  });

  it('GET /api/v1/provinces/:code returns the province with agencies and counts (code case-insensitive)', async () => {
    const res = await api.get('/api/v1/provinces/qni').expect(200);
    expect(res.body.name).toBe('Quảng Ninh');
    expect(res.body.agencies.map((a: { code: string }) => a.code)).toContain('STTTT');
    expect(res.body.counts.documents).toBe(3);
    // The file's values and the 17 fed from the DTI results (data/dti).
    expect(res.body.counts.observations).toBe(validPlanFile(QUANG_NINH_FILE).plan.observations.length + 17);
  });

  it('unknown province is 404 with a code; a malformed code is 400 with the field path', async () => {
    const missing = await api.get('/api/v1/provinces/HNI').expect(404);
    expect(missing.body).toMatchObject({ code: 'PROVINCE_NOT_FOUND' });
    const bad = await api.get('/api/v1/provinces/q!').set('Accept-Language', 'en').expect(400);
    expect(bad.body.errors).toEqual([{ path: 'code', messages: [expect.stringMatching(/province code/)] }]);
  });

  it('GET /api/v1/documents?province=QNI lists 09-NQ/TU, 37/KH-UBND and the national 2023 targets', async () => {
    const res = await api.get('/api/v1/documents?province=QNI').expect(200);
    expect(res.body.total).toBe(3);
    const byCode = Object.fromEntries(res.body.items.map((d: { code: string }) => [d.code, d]));
    expect(Object.keys(byCode)).toEqual(expect.arrayContaining(['09-NQ/TU', '37/KH-UBND']));
    const plan = byCode['37/KH-UBND'];
    expect(plan.implements).toBe('09-NQ/TU');
    expect(plan.goalGroups.map((g: { declaredCount: number }) => g.declaredCount)).toEqual([7, 15, 8, 14]);
    expect(plan.taskGroups.map((g: { declaredCount: number }) => g.declaredCount)).toEqual([8, 8, 9, 7, 12, 7, 8, 11, 14, 8]);
    expect(plan.completeness.goals.declared).toBe(44);
    expect(plan.completeness.tasks.declared).toBe(92);
    const national = res.body.items.find((d: { scope: string }) => d.scope === 'national');
    expect(national.goalGroups[0].declaredCount).toBe(9);
    expect(national.reported).toEqual([expect.objectContaining({ scope: 'document', met: 6, of: 9, open: 4 })]);
  });

  it('paginates and sorts documents', async () => {
    const page = await api.get('/api/v1/documents?province=QNI&pageSize=1&page=2&sort=issued').expect(200);
    expect(page.body).toMatchObject({ page: 2, pageSize: 1, total: 3 });
    expect(page.body.items).toHaveLength(1);
    const all = await api.get('/api/v1/documents?province=QNI&sort=-issued').expect(200);
    const issued = all.body.items.map((d: { issued: string }) => d.issued);
    expect(issued).toEqual([...issued].sort().reverse());
  });

  it('rejects bad list queries with 400 and every field path', async () => {
    const res = await api.get('/api/v1/documents?pageSize=1000&sort=title&colour=red').expect(400);
    expect(res.body.errors.map((e: { path: string }) => e.path).sort()).toEqual(['colour', 'pageSize', 'province', 'sort']);
  });

  it('answers an unknown route with 404, not 500', async () => {
    await api.get('/api/v1/nothing').expect(404);
  });
});

describe('GET /health when no worker takes jobs', () => {
  let db: TestDatabase;
  let app: INestApplication;

  beforeAll(async () => {
    db = await createTestDatabase();
    // No worker runs in a test app: a job added here waits until the test ends.
    app = await createTestApp(db, { env: { QUEUE_PREFIX: `dx-test-stall-${testRunId()}`, QUEUE_STALL_AFTER_MS: '1000' } });
  });
  afterAll(async () => {
    await app?.close();
    await db?.drop();
  });

  it('is ok with no job waiting, then degraded (still 200) with the wait and the reason once a job waits past the limit', async () => {
    const idle = await request(app.getHttpServer()).get('/health').expect(200);
    expect(idle.body).toMatchObject({ status: 'ok', info: { queue: { status: 'up', oldestWaitingMs: null } } });
    const queue = app.get<Queue>(getQueueToken(QUEUE_NAMES.recompute));
    await queue.add(RECOMPUTE_JOBS.all, { trigger: 'test' }, { jobId: 'stall-probe' });
    const fresh = await request(app.getHttpServer()).get('/health').expect(200);
    expect(fresh.body.status).toBe('ok');
    expect(fresh.body.info.queue.oldestWaitingMs).toBeLessThan(1000);
    const stalled = await waitFor(
      'the health check to turn degraded',
      async () => {
        const res = await request(app.getHttpServer()).get('/health').expect(200);
        return res.body.status === 'degraded' ? res : null;
      },
      10_000,
    );
    expect(stalled.body.info.queue.oldestWaitingMs).toBeGreaterThan(1000);
    expect(stalled.body.reason).toMatch(/^có công việc đã chờ \d+ giây chưa được xử lý \(giới hạn 1 giây\)/);
    expect(stalled.body.info.queue.stalled).toBe(stalled.body.reason);
  });
});

describe('GET /health when the queue is unreachable', () => {
  let db: TestDatabase;
  let app: INestApplication;

  beforeAll(async () => {
    db = await createTestDatabase();
    app = await createTestApp(db, { redisUrl: 'redis://127.0.0.1:1' });
  });
  afterAll(async () => {
    await app?.close();
    await db?.drop();
  });

  it('is 503 and names the queue as down', async () => {
    const res = await request(app.getHttpServer()).get('/health').expect(503);
    expect(res.body.error.queue).toMatchObject({ status: 'down', backend: 'redis' });
    expect(res.body.info.database).toEqual({ status: 'up' });
  });
});
