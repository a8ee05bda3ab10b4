import { INestApplication } from '@nestjs/common';
import fc from 'fast-check';
import request from 'supertest';
import { PlanImporter } from '@dx/db';
import { DA_NANG_FILE, validPlanFile } from '../factories/plan-file.factory';
import { FUZZ_SEED } from '../support/fuzz';
import { createTestApp, signIn } from '../support/test-app';
import { createTestDatabase, TestDatabase } from '../support/test-database';

/** Random and malformed requests against every write route: the API answers each with a 2xx or 4xx and writes whole or nothing. */
describe('fuzzing the write routes (fast-check)', () => {
  let db: TestDatabase;
  let app: INestApplication;
  let token: string;
  let taskIds: string[];
  const statuses: { route: string; status: number }[] = [];

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
    token = (await signIn(app, db, 'officer', 'DNG', 'STTTT')).token;
    taskIds = (await db.dataSource.query(`SELECT t.id FROM task t ORDER BY t.code`)).map((r: { id: string }) => r.id);
  });
  afterAll(async () => {
    await app?.close();
    await db?.drop();
  });

  const runs = (n: number) => ({ numRuns: n, seed: FUZZ_SEED, endOnFailure: true });
  const text = fc.oneof(
    fc.string({ maxLength: 40 }),
    fc.constantFrom(
      '',
      ' ',
      '2023-10-31',
      '2999-01-01',
      '0000-00-00',
      '12/BC-STTTT',
      'đ̃',
      '\u0000',
      "'; DROP TABLE task; --",
      '9'.repeat(400),
    ),
  );
  const number = fc.oneof(
    fc.integer({ min: -1000, max: 1000 }),
    fc.double({ noNaN: false }),
    fc.constantFrom(0, 100, 101, -1, 1e308, Number.MAX_SAFE_INTEGER),
  );
  const value = fc.oneof(
    text,
    number,
    fc.boolean(),
    fc.constant(null),
    fc.array(fc.anything(), { maxLength: 3 }),
    fc.dictionary(fc.string({ maxLength: 5 }), fc.anything(), { maxKeys: 3 }),
  );
  const headerValue = fc.stringMatching(/^[\x20-\x7e]{0,60}$/);
  /** A body: JSON shaped like the route's DTO with random values, any JSON, or text that is not JSON. */
  /** Mostly plausible, sometimes anything: enough requests pass validation to reach the writes. */
  const mostly = <T>(plausible: fc.Arbitrary<T>) => fc.oneof({ weight: 12, arbitrary: plausible }, { weight: 1, arbitrary: value });
  /** Usually left out. */
  const rarely = <T>(given: fc.Arbitrary<T>) => fc.oneof({ weight: 3, arbitrary: fc.constant(undefined) }, { weight: 1, arbitrary: given });
  const body = (shape: Record<string, fc.Arbitrary<unknown>>) =>
    fc.oneof(
      { weight: 4, arbitrary: fc.record(shape) },
      { weight: 2, arbitrary: fc.record(shape, { requiredKeys: [] }) },
      { weight: 1, arbitrary: fc.record({ ...shape, unexpected: value }, { requiredKeys: [] }) },
      { weight: 1, arbitrary: fc.jsonValue() },
      { weight: 1, arbitrary: fc.string({ maxLength: 60 }).map((s) => ({ raw: s })) },
    );
  const contentType = fc.oneof(
    { weight: 8, arbitrary: fc.constantFrom('application/json', 'application/json; charset=utf-8') },
    { weight: 1, arbitrary: fc.constantFrom('text/plain', 'application/x-www-form-urlencoded', 'application/json; charset=latin1') },
  );

  async function send(
    method: 'post' | 'patch' | 'put' | 'get',
    url: string,
    payload: unknown,
    headers: Record<string, string>,
    ct: string,
  ) {
    let req = request(app.getHttpServer())[method](url).set('Authorization', `Bearer ${token}`);
    for (const [k, v] of Object.entries(headers)) req = req.set(k, v);
    if (method !== 'get') {
      const raw =
        payload && typeof payload === 'object' && 'raw' in (payload as object)
          ? String((payload as { raw: unknown }).raw)
          : JSON.stringify(payload);
      req = req.set('Content-Type', ct).send(raw ?? 'null');
    }
    const res = await req;
    statuses.push({
      route: `${method.toUpperCase()} ${url.split('?')[0].replace(/\/api\/v1\/tasks\/.*/, '/api/v1/tasks/:id')}`,
      status: res.status,
    });
    return res;
  }

  it('PATCH /api/v1/tasks/:id: 600 random bodies, If-Match headers and ids, never a 5xx', async () => {
    const task = {
      status: mostly(fc.constantFrom('not_started', 'in_progress', 'done', 'cancelled')),
      progress: rarely(mostly(fc.integer({ min: 0, max: 100 }))),
      evidence: rarely(
        mostly(
          fc.record(
            {
              number: mostly(fc.constantFrom('12/BC-STTTT', '5/QĐ-UBND')),
              date: mostly(fc.constantFrom('2023-10-31', '2024-02-29', '2999-01-01')),
              issuer: text,
              link: fc.webUrl(),
            },
            { requiredKeys: ['number', 'date'] },
          ),
        ),
      ),
      comment: mostly(text),
    };
    await fc.assert(
      fc.asyncProperty(
        fc.oneof({ weight: 4, arbitrary: fc.constantFrom(...taskIds) }, fc.uuid(), text.map(encodeURIComponent)),
        body(task),
        fc.oneof({ weight: 4, arbitrary: fc.integer({ min: 1, max: 8 }).map((n) => `"${n}"`) }, fc.constantFrom('1', 'W/"2"'), headerValue),
        contentType,
        async (id, payload, ifMatch, ct) => {
          const res = await send('patch', `/api/v1/tasks/${id}`, payload, { 'If-Match': ifMatch }, ct);
          expect(res.status).toBeLessThan(500);
        },
      ),
      runs(600),
    );
  }, 120_000);

  it('POST /api/v1/observations: 800 random bodies and Idempotency-Keys, never a 5xx', async () => {
    const observation = {
      indicator: mostly(fc.constantFrom('dvc-toan-trinh', 'dti-diem', 'ho-so-truc-tuyen', 'khong-co')),
      province: mostly(fc.constantFrom('DNG', 'dng', 'QNI')),
      org: mostly(fc.constantFrom('DNG', 'STTTT', 'SNV', 'X-HOA-BAC')),
      period: mostly(fc.constantFrom('2023', '2023-H1', '2023-Q3', '2023-10', '2023-10-31', '2022-05', '2023-13', '2023-02-30', '2023-Q5')),
      value: mostly(fc.oneof(fc.integer({ min: -10, max: 120 }).map(String), fc.double({ min: 0, max: 1, noNaN: true }))),
      numerator: rarely(mostly(fc.integer({ min: -10, max: 2000 }).map(String))),
      denominator: rarely(mostly(fc.integer({ min: -1, max: 2000 }).map(String))),
      source: rarely(mostly(fc.constantFrom('a', 'b'))),
      note: rarely(text),
    };
    await fc.assert(
      fc.asyncProperty(body(observation), fc.option(headerValue, { nil: undefined }), contentType, async (payload, key, ct) => {
        const res = await send('post', '/api/v1/observations', payload, key === undefined ? {} : { 'Idempotency-Key': key }, ct);
        expect(res.status).toBeLessThan(500);
      }),
      runs(800),
    );
  }, 120_000);

  it('bulk uploads: 200 random JSON rows and CSV texts, never a 5xx', async () => {
    const row = fc.record(
      {
        indicator: mostly(fc.constantFrom('dvc-toan-trinh', 'dti-diem', 'khong-co')),
        org: mostly(fc.constantFrom('DNG', 'STTTT', 'SNV')),
        period: mostly(fc.constantFrom('2021', '2021-Q1', '2021-05', '2021-13', '2021-02-29')),
        value: mostly(fc.integer({ min: -5, max: 120 }).map(String)),
        note: rarely(text),
      },
      { requiredKeys: [] },
    );
    const csv = fc
      .array(fc.array(fc.oneof(text, fc.constantFrom('dvc-toan-trinh', 'DNG', '2021-07', '5', '"', '""', ',')), { maxLength: 6 }), {
        maxLength: 6,
      })
      .map((lines) => `indicator,org,period,value\n${lines.map((l) => l.join(',')).join('\n')}`);
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          fc.array(row, { maxLength: 8 }).map((rows) => ({ json: { rows } })),
          csv.map((text) => ({ csv: text })),
          value.map((json) => ({ json })),
        ),
        fc.boolean(),
        async (upload, partial) => {
          const url = `/api/v1/observations/bulk?province=DNG&partial=${partial}`;
          let req = request(app.getHttpServer()).post(url).set('Authorization', `Bearer ${token}`);
          req =
            'csv' in upload
              ? req.set('Content-Type', 'text/csv').send(Buffer.from(upload.csv, 'utf8'))
              : req.send(JSON.stringify(upload.json) ?? 'null').set('Content-Type', 'application/json');
          const res = await req;
          statuses.push({ route: 'POST /api/v1/observations/bulk', status: res.status });
          expect(res.status).toBeLessThan(500);
        },
      ),
      runs(200),
    );
  }, 120_000);

  it('workflow routes: 300 random bodies and ids, never a 5xx', async () => {
    const id = fc.oneof(fc.uuid(), text.map(encodeURIComponent));
    const route = fc.oneof(
      id.map((x) => ({ method: 'post' as const, url: `/api/v1/submissions/${x}/approve` })),
      id.map((x) => ({ method: 'post' as const, url: `/api/v1/submissions/${x}/return` })),
      id.map((x) => ({ method: 'post' as const, url: `/api/v1/directives/${x}/answer` })),
      id.map((x) => ({ method: 'post' as const, url: `/api/v1/directives/${x}/close` })),
      fc.constant({ method: 'post' as const, url: '/api/v1/directives' }),
      fc.constant({ method: 'put' as const, url: '/api/v1/provinces/DNG/settings' }),
    );
    const shape = {
      reason: mostly(text),
      answer: mostly(text),
      trustReporters: mostly(fc.boolean()),
      kind: mostly(fc.constantFrom('directive', 'comment')),
      target: mostly(
        fc.record({
          kind: mostly(fc.constantFrom('goal', 'task', 'task_group')),
          id: mostly(fc.oneof(fc.constantFrom(...taskIds), fc.uuid())),
        }),
      ),
      body: mostly(text),
      assignee: rarely(mostly(fc.constantFrom('STTTT', 'NOPE'))),
      due: rarely(mostly(fc.constantFrom('2024-01-31', '2024-02-30'))),
    };
    await fc.assert(
      fc.asyncProperty(route, body(shape), contentType, async (r, payload, ct) => {
        const res = await send(r.method, r.url, payload, {}, ct);
        expect(res.status).toBeLessThan(500);
      }),
      runs(300),
    );
  }, 120_000);

  it('sign-in routes: 300 random bodies, never a 5xx', async () => {
    const credentials = { username: fc.oneof(text, value), password: fc.oneof(text, value), refreshToken: fc.oneof(text, value) };
    await fc.assert(
      fc.asyncProperty(fc.constantFrom('login', 'refresh', 'logout'), body(credentials), contentType, async (route, payload, ct) => {
        const res = await send('post', `/api/v1/auth/${route}`, payload, {}, ct);
        expect(res.status).toBeLessThan(500);
      }),
      runs(300),
    );
  }, 120_000);

  it('list routes: 400 random query strings, never a 5xx', async () => {
    const key = fc.constantFrom(
      'province',
      'status',
      'lead',
      'group',
      'document',
      'overdue',
      'due_before',
      'due_after',
      'q',
      'page',
      'pageSize',
      'sort',
      'indicator',
      'org',
      'period',
      'entity',
      'id',
      'as_of',
    );
    const query = fc.array(
      fc.tuple(key, fc.oneof(text, fc.constantFrom('DNG', '-1', '0', '1e9', 'true', 'NaN', '2023-02-29', '%', '__proto__'))),
      { maxLength: 6 },
    );
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom('/api/v1/tasks', '/api/v1/observations', '/api/v1/audit', '/api/v1/documents', '/api/v1/provinces/DNG/summary'),
        query,
        async (path, pairs) => {
          const qs = pairs.map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`).join('&');
          const res = await send('get', `${path}?${qs}`, undefined, {}, 'application/json');
          expect(res.status).toBeLessThan(500);
        },
      ),
      runs(400),
    );
  }, 120_000);

  it('wrote whole changes only: every accepted write has one audit entry and one outbox row, and versions agree', async () => {
    expect(statuses.length).toBeGreaterThanOrEqual(2500);
    // Writes got through on both write routes, so the check below is not vacuous.
    const accepted = (route: string) => statuses.filter((s) => s.route === route && (s.status === 200 || s.status === 201)).length;
    expect(accepted('PATCH /api/v1/tasks/:id')).toBeGreaterThan(5);
    expect(accepted('POST /api/v1/observations')).toBeGreaterThan(5);
    const [counts] = await db.dataSource.query(
      `SELECT (SELECT count(*)::int FROM audit_log WHERE entity_kind IN ('task', 'observation')) AS audits,
              (SELECT count(*)::int FROM outbox WHERE reason IN ('task', 'observation')) AS outbox,
              (SELECT coalesce(sum(version - 1), 0)::int FROM task) AS task_updates,
              (SELECT count(*)::int FROM audit_log WHERE action = 'task.update') AS task_audits,
              (SELECT count(*)::int FROM observation o WHERE o.import_run_id IS NULL
                  AND NOT EXISTS (SELECT 1 FROM audit_log a WHERE a.entity_id = o.id)) AS unaudited_observations`,
    );
    expect(counts.audits).toBe(counts.outbox);
    expect(counts.task_updates).toBe(counts.task_audits);
    expect(counts.unaudited_observations).toBe(0);
  });
});
