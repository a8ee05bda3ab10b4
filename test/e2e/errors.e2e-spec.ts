import { INestApplication } from '@nestjs/common';
import { Client } from 'pg';
import request from 'supertest';
import { PlanImporter } from '@dx/db';
import { DA_NANG_FILE, validPlanFile } from '../factories/plan-file.factory';
import { as, createTestApp, signIn } from '../support/test-app';
import { createTestDatabase, TestDatabase } from '../support/test-database';
import { TEST_DATABASE_ADMIN_URL } from '../support/test-env';

describe('errors as problem documents (RFC 9457), in Vietnamese or English', () => {
  let db: TestDatabase;
  let app: INestApplication;
  let officer: ReturnType<typeof as>;

  beforeAll(async () => {
    db = await createTestDatabase();
    await new PlanImporter(db.dataSource).run(validPlanFile(DA_NANG_FILE), {
      fileName: 't.yaml',
      actor: 'jest',
      prune: false,
      dryRun: false,
      now: new Date(),
    });
    app = await createTestApp(db);
    officer = as(app, (await signIn(app, db, 'officer', 'DNG', 'STTTT')).token);
  });
  afterAll(async () => {
    await app?.close();
    await db?.drop();
  });

  it('validation errors: problem+json with type, title, status, detail, code and field paths; titles and messages follow Accept-Language', async () => {
    // No Accept-Language: Vietnamese, the product's language.
    const plain = await officer.get('/api/v1/tasks?province=DNG&status=x&colour=red').expect(400);
    expect(plain.body.title).toBe('Dữ liệu không hợp lệ');
    const en = await officer.get('/api/v1/tasks?province=DNG&status=x&colour=red').set('Accept-Language', 'en').expect(400);
    expect(en.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(en.body).toMatchObject({
      type: 'urn:dx-tracker:problem:validation_failed',
      title: 'Invalid input',
      status: 400,
      code: 'VALIDATION_FAILED',
    });
    expect(en.body.errors.map((e: { path: string }) => e.path).sort()).toEqual(['colour', 'status']);
    expect(en.body.errors[0]).not.toHaveProperty('rules');
    const vi = await officer
      .get('/api/v1/tasks?province=DNG&status=x&colour=red')
      .set('Accept-Language', 'vi-VN,vi;q=0.9,en;q=0.5')
      .expect(400);
    expect(vi.body.title).toBe('Dữ liệu không hợp lệ');
    expect(vi.body.errors.find((e: { path: string }) => e.path === 'colour').messages).toEqual([
      '"colour" không phải là trường được chấp nhận',
    ]);
    expect(vi.body.errors.find((e: { path: string }) => e.path === 'status').messages).toEqual([
      '"status" không nằm trong các giá trị cho phép',
    ]);
  });

  it('domain errors, authentication and unknown routes have a code and a localised title, never a stack trace', async () => {
    const missing = await officer.get('/api/v1/tasks/00000000-0000-4000-8000-000000000000').set('Accept-Language', 'vi').expect(404);
    expect(missing.body).toMatchObject({ code: 'TASK_NOT_FOUND', title: 'Không tìm thấy', status: 404 });
    const anonymous = await request(app.getHttpServer()).get('/api/v1/tasks?province=DNG').set('Accept-Language', 'en').expect(401);
    expect(anonymous.body).toMatchObject({ code: 'UNAUTHENTICATED', title: 'Not signed in' });
    const route = await officer.get('/api/v1/khong-co').expect(404);
    expect(route.body.code).toBe('NOT_FOUND');
    const bad = await officer.post('/api/v1/observations').set('Content-Type', 'application/json').send('{"indicator": ').expect(400);
    expect(bad.body).toMatchObject({ code: 'BAD_BODY', status: 400 });
    for (const res of [missing, anonymous, route, bad]) expect(JSON.stringify(res.body)).not.toMatch(/at \S+ \(|node_modules|SELECT /);
  });

  it('text that is not Unicode (an unpaired surrogate, JSON "\\ud800") is refused like NUL, never stored altered or a 500', async () => {
    const heading = await officer
      .put('/api/v1/provinces/DNG/report-heading')
      .set('Content-Type', 'application/json')
      .set('Accept-Language', 'en')
      .send('{"parentBody":"UBND \\ud800","issuer":"x","number":"x","place":"x","recipients":["x"],"signerTitle":"x"}')
      .expect(400);
    expect(heading.body.errors).toEqual([
      { path: 'parentBody', messages: ['parentBody must be Unicode text (it holds an unpaired surrogate such as \\ud800)'] },
    ]);
    const single = await officer
      .post('/api/v1/observations')
      .set('Content-Type', 'application/json')
      .set('Accept-Language', 'vi')
      .send('{"indicator":"dvc-toan-trinh","province":"DNG","period":"2031","value":"5","note":"a\\udc00"}')
      .expect(400);
    expect(single.body.errors).toEqual([{ path: 'note', messages: ['"note" phải là văn bản Unicode hợp lệ'] }]);
    const bulk = await officer
      .post('/api/v1/observations/bulk?province=DNG&partial=true')
      .set('Content-Type', 'application/json')
      .set('Accept-Language', 'en')
      .send('{"rows":[{"indicator":"dvc-toan-trinh","org":"DNG","period":"2031","value":"5","note":"x\\udc00"}]}')
      .expect(200);
    expect(bulk.body).toMatchObject({
      accepted: 0,
      errors: [{ path: 'rows[0].note', line: 1, messages: ['must be Unicode text (it holds an unpaired surrogate such as \\ud800)'] }],
    });
    const [{ n }] = await db.dataSource.query(`SELECT count(*)::int AS n FROM observation WHERE period = '2031'`);
    expect(n).toBe(0);
  });

  it('a "__proto__" key is an unknown field like any other: 400 with its path, nothing written', async () => {
    const top = await officer
      .post('/api/v1/observations')
      .set('Content-Type', 'application/json')
      .set('Accept-Language', 'en')
      .send('{"indicator":"dvc-toan-trinh","province":"DNG","period":"2032","value":"5","__proto__":{"admin":true}}')
      .expect(400);
    expect(top.body.errors).toEqual([{ path: '__proto__', messages: ['property __proto__ should not exist'] }]);
    const nested = await officer
      .put('/api/v1/provinces/DNG/report-heading')
      .set('Content-Type', 'application/json')
      .set('Accept-Language', 'vi')
      .send('{"parentBody":"UBND","issuer":"x","number":"x","place":"x","recipients":["x"],"signerTitle":"x","extra":{"__proto__":1}}')
      .expect(400);
    expect(nested.body.errors.map((e: { path: string }) => e.path)).toEqual(['extra.__proto__']);
    await officer.get('/api/v1/tasks?province=DNG&__proto__=x').expect(400);
    const [{ n }] = await db.dataSource.query(`SELECT count(*)::int AS n FROM observation WHERE period = '2032'`);
    expect(n).toBe(0);
  });

  it('a body nested deeper than 32 levels is 400 on every JSON route, public or not, never a stack overflow', async () => {
    const server = app.getHttpServer();
    for (const depth of [33, 5_000, 400_000]) {
      const body = `{"rows": ${'['.repeat(depth)}${']'.repeat(depth)}}`;
      for (const res of [
        await request(server).post('/api/v1/auth/login').set('Content-Type', 'application/json').set('Accept-Language', 'en').send(body),
        await officer.post('/api/v1/observations').set('Content-Type', 'application/json').set('Accept-Language', 'en').send(body),
        await officer
          .post('/api/v1/observations/bulk?province=DNG')
          .set('Content-Type', 'application/json')
          .set('Accept-Language', 'en')
          .send(body),
      ]) {
        expect(res.status).toBe(400);
        expect(res.body).toMatchObject({ code: 'BAD_BODY', detail: 'the body nests arrays and objects more than 32 levels deep' });
      }
    }
    // 32 levels are still read (and refused by the DTO rules, not by depth).
    const flat = await request(server)
      .post('/api/v1/auth/login')
      .set('Content-Type', 'application/json')
      .send(`{"username": ${'['.repeat(31)}${']'.repeat(31)}}`);
    expect(flat.body.code).toBe('VALIDATION_FAILED');
  });

  it('an unreachable database is 503 with Retry-After, and the API answers again when it is back', async () => {
    const admin = new Client({ connectionString: TEST_DATABASE_ADMIN_URL });
    await admin.connect();
    const name = new URL(db.url).pathname.slice(1);
    try {
      await admin.query(`ALTER DATABASE ${name} ALLOW_CONNECTIONS false`);
      await admin.query(`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()`, [name]);
      const down = await officer.get('/api/v1/tasks?province=DNG').set('Accept-Language', 'vi');
      expect(down.status).toBe(503);
      expect(down.headers['retry-after']).toBe('5');
      expect(down.body).toMatchObject({ code: 'DATABASE_UNAVAILABLE', title: 'Dịch vụ tạm thời không truy cập được' });
    } finally {
      await admin.query(`ALTER DATABASE ${name} ALLOW_CONNECTIONS true`);
      await admin.end();
    }
    await officer.get('/api/v1/tasks?province=DNG').expect(200);
  });
});

describe('the client address behind a proxy', () => {
  let db: TestDatabase;

  beforeAll(async () => {
    db = await createTestDatabase();
    await new PlanImporter(db.dataSource).run(validPlanFile(DA_NANG_FILE), {
      fileName: 't.yaml',
      actor: 'jest',
      prune: false,
      dryRun: false,
      now: new Date(),
    });
  });
  afterAll(() => db.drop());

  it('comes from X-Forwarded-For only with TRUST_PROXY', async () => {
    const write = async (app: INestApplication, period: string) => {
      const officer = as(app, (await signIn(app, db, 'officer', 'DNG', 'STTTT')).token);
      const res = await officer
        .post('/api/v1/observations')
        .set('X-Forwarded-For', '203.0.113.7')
        .send({ indicator: 'dvc-toan-trinh', province: 'DNG', period, value: '50' })
        .expect(201);
      const [row] = await db.dataSource.query(`SELECT ip FROM audit_log WHERE entity_id = $1`, [res.body.observation.id]);
      return row.ip as string;
    };
    // Closing an app closes the data source it was given: both are closed only at the end.
    const direct = await createTestApp(db);
    expect(await write(direct, '2031-01')).not.toBe('203.0.113.7');
    const proxied = await createTestApp(db, { env: { TRUST_PROXY: 'true' } });
    expect(await write(proxied, '2031-02')).toBe('203.0.113.7');
    await proxied.close();
    await direct.close();
  });
});
