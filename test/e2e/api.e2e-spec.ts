import { INestApplication } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import request from 'supertest';
import { AppModule } from '../../apps/api/src/app.module';
import { loadConfig } from '../../libs/config/src';
import { PlanImporter } from '../../libs/db/src';
import { queueConnection } from '../../libs/queue/src';
import { QUANG_NINH_FILE, validPlanFile } from '../factories/plan-file.factory';
import { createTestDatabase, TestDatabase } from '../support/test-database';
import { TEST_REDIS_URL, testRunId } from '../support/test-env';

async function createApp(db: TestDatabase, redisUrl: string): Promise<INestApplication> {
  const config = loadConfig({ NODE_ENV: 'test', DATABASE_URL: db.url, REDIS_URL: redisUrl, QUEUE_PREFIX: `dx-test-${testRunId()}` });
  const moduleRef = await Test.createTestingModule({
    imports: [AppModule.forRoot({ config, dataSource: db.dataSource, queue: queueConnection(config.queue, db.url) })],
  }).compile();
  const app = moduleRef.createNestApplication({ logger: false });
  await app.init();
  return app;
}

describe('HTTP API (real PostgreSQL and Redis)', () => {
  let db: TestDatabase;
  let app: INestApplication;

  beforeAll(async () => {
    db = await createTestDatabase();
    const file = validPlanFile(QUANG_NINH_FILE);
    await new PlanImporter(db.dataSource).run(file, { fileName: 'quang-ninh.yaml', actor: 'jest', prune: false, dryRun: false, now: new Date() });
    app = await createApp(db, TEST_REDIS_URL);
  });
  afterAll(async () => {
    await app?.close();
    await db?.drop();
  });

  it('GET /health reports the database and the Redis queue up', async () => {
    const res = await request(app.getHttpServer()).get('/health').expect(200);
    expect(res.body.info).toEqual({ database: { status: 'up' }, queue: { status: 'up', backend: 'redis' } });
  });

  it('GET /api/v1/provinces lists the imported province', async () => {
    const res = await request(app.getHttpServer()).get('/api/v1/provinces').expect(200);
    expect(res.body).toEqual({ items: [{ code: 'QNI', name: 'Quảng Ninh', validFrom: '1963-10-30', validTo: null }], total: 1 });
  });

  it('GET /api/v1/provinces/:code returns the province with agencies and counts (code case-insensitive)', async () => {
    const res = await request(app.getHttpServer()).get('/api/v1/provinces/qni').expect(200);
    expect(res.body.name).toBe('Quảng Ninh');
    expect(res.body.agencies.map((a: { code: string }) => a.code)).toContain('STTTT');
    expect(res.body.counts.documents).toBe(3);
    expect(res.body.counts.observations).toBe(validPlanFile(QUANG_NINH_FILE).plan.observations.length);
  });

  it('unknown province is 404 with a code; a malformed code is 400 with the field path', async () => {
    const missing = await request(app.getHttpServer()).get('/api/v1/provinces/HNI').expect(404);
    expect(missing.body).toMatchObject({ code: 'PROVINCE_NOT_FOUND' });
    const bad = await request(app.getHttpServer()).get('/api/v1/provinces/q!').expect(400);
    expect(bad.body.errors).toEqual([{ path: 'code', messages: [expect.stringMatching(/province code/)] }]);
  });

  it('GET /api/v1/documents?province=QNI lists 09-NQ/TU, 37/KH-UBND and the national 2023 targets', async () => {
    const res = await request(app.getHttpServer()).get('/api/v1/documents?province=QNI').expect(200);
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
    const page = await request(app.getHttpServer()).get('/api/v1/documents?province=QNI&pageSize=1&page=2&sort=issued').expect(200);
    expect(page.body).toMatchObject({ page: 2, pageSize: 1, total: 3 });
    expect(page.body.items).toHaveLength(1);
    const all = await request(app.getHttpServer()).get('/api/v1/documents?province=QNI&sort=-issued').expect(200);
    const issued = all.body.items.map((d: { issued: string }) => d.issued);
    expect(issued).toEqual([...issued].sort().reverse());
  });

  it('rejects bad list queries with 400 and every field path', async () => {
    const res = await request(app.getHttpServer()).get('/api/v1/documents?pageSize=1000&sort=title&colour=red').expect(400);
    expect(res.body.errors.map((e: { path: string }) => e.path).sort()).toEqual(['colour', 'pageSize', 'province', 'sort']);
  });

  it('answers an unknown route with 404, not 500', async () => {
    await request(app.getHttpServer()).get('/api/v1/nothing').expect(404);
  });
});

describe('GET /health when the queue is unreachable', () => {
  let db: TestDatabase;
  let app: INestApplication;

  beforeAll(async () => {
    db = await createTestDatabase();
    app = await createApp(db, 'redis://127.0.0.1:1');
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
