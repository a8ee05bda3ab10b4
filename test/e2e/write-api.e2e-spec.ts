import { INestApplication } from '@nestjs/common';
import { Client } from 'pg';
import request from 'supertest';
import { PlanImporter } from '@dx/db';
import { RecomputeEngine, readProvinceSummary, StatusRepository } from '@dx/status-engine';
import { DA_NANG_FILE, manyTasksPlanText, QUANG_NINH_FILE, validPlan, validPlanFile } from '../factories/plan-file.factory';
import { as, createTestApp, signIn } from '../support/test-app';
import { createTestDatabase, TestDatabase } from '../support/test-database';

const importOptions = { fileName: 't.yaml', actor: 'jest', prune: false, dryRun: false, now: new Date('2023-11-01T00:00:00Z') };

describe('write API: tasks, KPI values, audit (real PostgreSQL and Redis)', () => {
  let db: TestDatabase;
  let app: INestApplication;
  let officer: ReturnType<typeof as>;
  let stttt: ReturnType<typeof as>;
  let leader: ReturnType<typeof as>;
  let viewer: ReturnType<typeof as>;
  let qniOfficer: ReturnType<typeof as>;
  const taskId = async (province: string, code: string): Promise<string> =>
    (
      await db.dataSource.query(
        `SELECT t.id FROM task t JOIN document d ON d.id = t.document_id JOIN org_unit p ON p.id = d.province_id WHERE p.code = $1 AND t.code = $2`,
        [province, code],
      )
    )[0].id;

  beforeAll(async () => {
    db = await createTestDatabase();
    const importer = new PlanImporter(db.dataSource);
    await importer.run(validPlanFile(DA_NANG_FILE), importOptions);
    await importer.run(validPlanFile(QUANG_NINH_FILE), importOptions);
    await importer.run(validPlan(manyTasksPlanText('TNT', 20)), importOptions);
    app = await createTestApp(db);
    officer = as(app, (await signIn(app, db, 'officer', 'DNG', 'STTTT')).token);
    stttt = as(app, (await signIn(app, db, 'reporter', 'DNG', 'STTTT')).token);
    leader = as(app, (await signIn(app, db, 'leader', 'DNG')).token);
    viewer = as(app, (await signIn(app, db, 'viewer', 'DNG')).token);
    qniOfficer = as(app, (await signIn(app, db, 'officer', 'QNI', 'STTTT')).token);
  });
  afterAll(async () => {
    await app?.close();
    await db?.drop();
  });

  describe('PATCH /api/v1/tasks/:id', () => {
    it('an officer marks a task done with evidence: new version, audit entry, outbox row, and the recomputed summary counts it', async () => {
      const id = await taskId('DNG', 'T1.1');
      const before = await officer.get(`/api/v1/tasks/${id}`).expect(200);
      expect(before.headers.etag).toBe('"1"');
      expect(before.body).toMatchObject({ code: 'T1.1', status: 'in_progress', progress: 40, lead: { code: 'STTTT' } });
      const res = await officer
        .patch(`/api/v1/tasks/${id}`)
        .set('If-Match', before.headers.etag)
        .set('X-Request-Id', 'req-done-1')
        .send({
          status: 'done',
          evidence: { number: '12/BC-STTTT', date: '2023-10-20', issuer: 'Sở Thông tin và Truyền thông' },
          comment: 'Đã hoàn thành',
        })
        .expect(200);
      expect(res.headers.etag).toBe('"2"');
      expect(res.body).toMatchObject({
        status: 'done',
        progress: 100,
        version: 2,
        evidence: { number: '12/BC-STTTT' },
        comment: 'Đã hoàn thành',
      });
      const [audit] = await db.dataSource.query(
        `SELECT actor, action, request_id, ip, before->>'status' AS b, after->>'status' AS a FROM audit_log WHERE entity_id = $1`,
        [id],
      );
      expect(audit).toMatchObject({ action: 'task.update', request_id: 'req-done-1', b: 'in_progress', a: 'done' });
      expect(audit.actor).toMatch(/^officer-/);
      expect(audit.ip).toBeTruthy();
      const [outbox] = await db.dataSource.query(
        `SELECT reason, kpi_processed_at IS NOT NULL AS no_kpi FROM outbox WHERE reason = 'task' ORDER BY id DESC LIMIT 1`,
      );
      expect(outbox).toEqual({ reason: 'task', no_kpi: true });

      const provinceId = (await new StatusRepository(db.dataSource.manager).provinceIdByCode('DNG'))!;
      // The update counts from today (a view of an earlier date shows the task as it was then).
      const engine = new RecomputeEngine(db.dataSource, { now: () => new Date() });
      await engine.recompute({ provinceId, trigger: 'outbox', coalesce: true });
      const summary = (await readProvinceSummary(db.dataSource, 'DNG', engine.today()))!;
      const group = summary.documents.flatMap((d) => d.taskGroups).find((g) => g.code === 'T1')!;
      expect(group.rollup.tasks?.counts).toMatchObject({ done: 2 });
    });

    it('answers, and logs as "after", exactly what a read of the task then gives (overdue included)', async () => {
      const id = await taskId('DNG', 'KH-T1.2'); // in progress, due 2024-12-31: overdue today
      const readAfter = async (res: request.Response) => {
        const read = await officer.get(`/api/v1/tasks/${id}`).expect(200);
        expect(res.body).toEqual(read.body);
        expect(res.headers.etag).toBe(read.headers.etag);
        const [{ after }] = await db.dataSource.query(`SELECT after FROM audit_log WHERE entity_id = $1 ORDER BY id DESC LIMIT 1`, [id]);
        expect(after).toEqual({ ...read.body, submission: null });
        return read.body;
      };
      const first = await officer.get(`/api/v1/tasks/${id}`).expect(200);
      const progressed = await officer
        .patch(`/api/v1/tasks/${id}`)
        .set('If-Match', first.headers.etag)
        .send({ progress: 70, comment: '  Đang triển khai  ' })
        .expect(200);
      expect(await readAfter(progressed)).toMatchObject({
        overdue: true,
        progress: 70,
        comment: 'Đang triển khai',
        version: first.body.version + 1,
      });
      const done = await officer.patch(`/api/v1/tasks/${id}`).set('If-Match', progressed.headers.etag).send({ status: 'done' }).expect(200);
      expect(await readAfter(done)).toMatchObject({ overdue: false, status: 'done', progress: 100, comment: 'Đang triển khai' });
    });

    it('needs If-Match (428); a stale version gets 409 with the current task and writes nothing', async () => {
      const id = await taskId('DNG', 'KH-T1.1');
      await officer.patch(`/api/v1/tasks/${id}`).send({ comment: 'x' }).expect(428);
      const stale = await officer.patch(`/api/v1/tasks/${id}`).set('If-Match', '"7"').send({ comment: 'x' }).expect(409);
      expect(stale.body).toMatchObject({ code: 'VERSION_CONFLICT', current: { id, version: 1 } });
      const [{ n }] = await db.dataSource.query(`SELECT count(*)::int AS n FROM audit_log WHERE entity_id = $1`, [id]);
      expect(n).toBe(0);
    });

    it('bad bodies are 400 with every field path; nothing is written', async () => {
      const id = await taskId('DNG', 'KH-T1.1');
      const res = await officer
        .patch(`/api/v1/tasks/${id}`)
        .set('If-Match', '1')
        .send({ status: 'finished', progress: 140, evidence: { date: '20/10/2023' }, colour: 'red' })
        .expect(400);
      expect(res.body.errors.map((e: { path: string }) => e.path).sort()).toEqual([
        'colour',
        'evidence.date',
        'evidence.number',
        'progress',
        'status',
      ]);
      const rule = await officer.patch(`/api/v1/tasks/${id}`).set('If-Match', '1').send({ status: 'done', progress: 50 }).expect(400);
      expect(rule.body).toMatchObject({ code: 'INVALID_INPUT', errors: [{ path: 'progress' }] });
      const future = await officer
        .patch(`/api/v1/tasks/${id}`)
        .set('If-Match', '1')
        .send({ evidence: { number: 'x', date: '2999-01-01' } })
        .expect(400);
      expect(future.body.errors).toEqual([{ path: 'evidence.date', messages: [expect.stringMatching(/after today/)] }]);
      await officer
        .patch(`/api/v1/tasks/${id}`)
        .set('If-Match', '1')
        .set('Content-Type', 'application/json')
        .send('{"status": ')
        .expect(400);
      await officer.patch(`/api/v1/tasks/${id}`).set('If-Match', '1').set('Content-Type', 'text/plain').send('status=done').expect(415);
      await officer
        .patch(`/api/v1/tasks/${id}`)
        .set('If-Match', '1')
        .send({ comment: 'x'.repeat(1_100_000) })
        .expect(413);
      await officer.patch('/api/v1/tasks/not-a-uuid').set('If-Match', '1').send({ comment: 'x' }).expect(400);
      await officer.patch('/api/v1/tasks/00000000-0000-4000-8000-000000000000').set('If-Match', '1').send({ comment: 'x' }).expect(404);
      const [{ version }] = await db.dataSource.query(`SELECT version FROM task WHERE id = $1`, [id]);
      expect(version).toBe(1);
    });

    it("a reporter cannot change another agency's task; leaders and viewers edit nothing; nobody crosses provinces", async () => {
      const other = await taskId('DNG', 'KH-T1.2'); // led by Q-HAI-CHAU
      expect((await stttt.patch(`/api/v1/tasks/${other}`).set('If-Match', '1').send({ comment: 'x' }).expect(403)).body.code).toBe(
        'ACCESS_DENIED',
      );
      await leader.patch(`/api/v1/tasks/${other}`).set('If-Match', '1').send({ comment: 'x' }).expect(403);
      await viewer.patch(`/api/v1/tasks/${other}`).set('If-Match', '1').send({ comment: 'x' }).expect(403);
      await qniOfficer.patch(`/api/v1/tasks/${other}`).set('If-Match', '1').send({ comment: 'x' }).expect(403);
      await qniOfficer.get(`/api/v1/tasks/${other}`).expect(403);
      await qniOfficer.get('/api/v1/tasks?province=DNG').expect(403);
      await viewer.get(`/api/v1/tasks/${other}`).expect(200);
    });

    it('two clients with the same version: exactly one succeeds, the other gets 409', async () => {
      const id = await taskId('TNT', 'NV1.1');
      const tnt = as(app, (await signIn(app, db, 'officer', 'TNT', 'STTTT')).token);
      const results = await Promise.all(
        ['in_progress', 'done'].map((status) => tnt.patch(`/api/v1/tasks/${id}`).set('If-Match', '"1"').send({ status })),
      );
      expect(results.map((r) => r.status).sort()).toEqual([200, 409]);
      const [{ version }] = await db.dataSource.query(`SELECT version FROM task WHERE id = $1`, [id]);
      expect(version).toBe(2);
    });

    it('200 parallel updates over 20 tasks lose nothing: every success is in the task version and the audit log', async () => {
      const tnt = as(app, (await signIn(app, db, 'officer', 'TNT', 'STTTT')).token);
      const ids = await Promise.all(Array.from({ length: 20 }, (_, i) => taskId('TNT', `NV1.${i + 1}`)));
      const [{ n: auditBefore }] = await db.dataSource.query(`SELECT count(*)::int AS n FROM audit_log WHERE entity_id = ANY($1)`, [ids]);
      const versionsBefore = new Map<string, number>(
        (await db.dataSource.query(`SELECT id, version FROM task WHERE id = ANY($1)`, [ids])).map((r: { id: string; version: number }) => [
          r.id,
          r.version,
        ]),
      );
      let conflicts = 0;
      const update = async (k: number) => {
        const id = ids[k % 20];
        for (;;) {
          const current = await tnt.get(`/api/v1/tasks/${id}`).expect(200);
          const res = await tnt
            .patch(`/api/v1/tasks/${id}`)
            .set('If-Match', current.headers.etag)
            .send({ progress: k % 100, comment: `u${k}` });
          if (res.status === 200) return;
          expect(res.status).toBe(409);
          conflicts++;
        }
      };
      await Promise.all(Array.from({ length: 200 }, (_, k) => update(k)));
      const rows: { id: string; version: number }[] = await db.dataSource.query(`SELECT id, version FROM task WHERE id = ANY($1)`, [ids]);
      const [{ n: auditAfter }] = await db.dataSource.query(`SELECT count(*)::int AS n FROM audit_log WHERE entity_id = ANY($1)`, [ids]);
      const gained = rows.reduce((n, r) => n + r.version - versionsBefore.get(r.id)!, 0);
      expect(gained).toBe(200);
      expect(auditAfter - auditBefore).toBe(200);
      for (const r of rows) {
        const [{ n }] = await db.dataSource.query(`SELECT count(*)::int AS n FROM audit_log WHERE entity_id = $1`, [r.id]);
        expect(n).toBe(r.version - 1);
      }
      expect(conflicts).toBeGreaterThan(0);
    }, 60_000);
  });

  describe('GET /api/v1/tasks', () => {
    it('filters by status, lead, overdue and text with or without diacritics; paginates and sorts', async () => {
      const list = await viewer.get('/api/v1/tasks?province=DNG&pageSize=2&sort=code').expect(200);
      expect(list.body).toMatchObject({ page: 1, pageSize: 2 });
      expect(list.body.total).toBeGreaterThan(2);
      expect(list.body.items.map((t: { code: string }) => t.code)).toEqual(
        [...list.body.items.map((t: { code: string }) => t.code)].sort(),
      );
      const plain = await viewer.get(`/api/v1/tasks?province=DNG&q=${encodeURIComponent('tap huan ky nang')}`).expect(200);
      expect(plain.body.items.map((t: { code: string }) => t.code)).toEqual(['T1.2']);
      const accented = await viewer.get(`/api/v1/tasks?province=DNG&q=${encodeURIComponent('Tập huấn')}`).expect(200);
      expect(accented.body.items.map((t: { code: string }) => t.code)).toEqual(['T1.2']);
      const byLead = await viewer.get('/api/v1/tasks?province=DNG&lead=Q-HAI-CHAU').expect(200);
      expect(byLead.body.items.every((t: { lead: { code: string } }) => t.lead.code === 'Q-HAI-CHAU')).toBe(true);
      const notStarted = await viewer.get('/api/v1/tasks?province=DNG&status=not_started').expect(200);
      expect(notStarted.body.items.every((t: { status: string }) => t.status === 'not_started')).toBe(true);
      const overdue = await viewer.get('/api/v1/tasks?province=DNG&overdue=true').expect(200);
      expect(overdue.body.items.every((t: { overdue: boolean }) => t.overdue)).toBe(true);
      const bad = await viewer.get('/api/v1/tasks?province=DNG&status=x&overdue=maybe&due_before=2023-02-30&sort=title').expect(400);
      expect(bad.body.errors.map((e: { path: string }) => e.path).sort()).toEqual(['overdue', 'sort', 'status']);
      await viewer.get('/api/v1/tasks?province=DNG&due_before=2023-02-30').expect(400);
      await viewer.get(`/api/v1/tasks?province=DNG&q=${encodeURIComponent('100%_\\')}`).expect(200);
    });

    it('answers with an ETag and 304 when nothing changed', async () => {
      const first = await viewer.get('/api/v1/tasks?province=DNG').expect(200);
      expect(first.headers.etag).toBeTruthy();
      await viewer.get('/api/v1/tasks?province=DNG').set('If-None-Match', first.headers.etag).expect(304);
    });
  });

  describe('POST /api/v1/observations', () => {
    const body = { indicator: 'dvc-toan-trinh', province: 'DNG', period: '2024-01', value: '88.5' };

    it('creates (201), replaces (200), writes audit and an outbox row naming indicator, org unit and period', async () => {
      const created = await officer.post('/api/v1/observations').send(body).expect(201);
      expect(created.body).toMatchObject({
        created: true,
        observation: { indicator: 'dvc-toan-trinh', org: 'DNG', period: '2024-01', value: '88.5', version: 1 },
      });
      const replaced = await officer
        .post('/api/v1/observations')
        .send({ ...body, value: 89 })
        .expect(200);
      expect(replaced.body).toMatchObject({ created: false, observation: { value: '89', version: 2 } });
      const [outbox] = await db.dataSource.query(
        `SELECT reason, period, org_unit_id IS NOT NULL AS org FROM outbox WHERE reason = 'observation' ORDER BY id DESC LIMIT 1`,
      );
      expect(outbox).toEqual({ reason: 'observation', period: '2024-01', org: true });
      const audit = await officer.get(`/api/v1/audit?entity=observation&id=${created.body.observation.id}`).expect(200);
      expect(audit.body.items.map((a: { action: string }) => a.action)).toEqual(['observation.update', 'observation.create']);
      expect(audit.body.items[0].before.value).toBe('88.5');
    });

    it('honours Idempotency-Key: a repeat replays the answer, another body with the key is refused', async () => {
      const first = await officer
        .post('/api/v1/observations')
        .set('Idempotency-Key', 'k-1')
        .send({ ...body, period: '2024-02', value: '70' })
        .expect(201);
      const again = await officer
        .post('/api/v1/observations')
        .set('Idempotency-Key', 'k-1')
        .send({ ...body, period: '2024-02', value: '70' })
        .expect(201);
      expect(again.body).toEqual(first.body);
      const [{ version }] = await db.dataSource.query(`SELECT version FROM observation WHERE period = '2024-02'`);
      expect(version).toBe(1);
      expect(
        (
          await officer
            .post('/api/v1/observations')
            .set('Idempotency-Key', 'k-1')
            .send({ ...body, period: '2024-02', value: '71' })
            .expect(409)
        ).body.code,
      ).toBe('IDEMPOTENCY_KEY_REUSED');
      const concurrent = await Promise.all(
        [1, 2, 3].map(() =>
          officer
            .post('/api/v1/observations')
            .set('Idempotency-Key', 'k-2')
            .send({ ...body, period: '2024-03', value: '72' }),
        ),
      );
      expect(concurrent.map((r) => r.status)).toEqual([201, 201, 201]);
    });

    it("refuses values that break the rules with 400 and paths, unknown things with 404, others' org units with 403", async () => {
      const bad = await officer
        .post('/api/v1/observations')
        .send({ indicator: 'dvc-toan-trinh', province: 'DNG', period: '2023-Q5', value: 'abc', extra: 1 })
        .expect(400);
      expect(bad.body.errors.map((e: { path: string }) => e.path).sort()).toEqual(['extra', 'period', 'value']);
      const month = await officer
        .post('/api/v1/observations')
        .set('Accept-Language', 'en')
        .send({ ...body, period: '2023-13' })
        .expect(400);
      expect(month.body.errors).toEqual([{ path: 'period', messages: [expect.stringMatching(/^period must be 2023, /)] }]);
      const day = await officer
        .post('/api/v1/observations')
        .set('Accept-Language', 'en')
        .send({ ...body, period: '2023-02-30' })
        .expect(400);
      expect(day.body.errors).toEqual([{ path: 'period', messages: ['"2023-02-30" is not a real period'] }]);
      const range = await officer
        .post('/api/v1/observations')
        .send({ ...body, period: '2024-04', value: '150' })
        .expect(400);
      expect(range.body).toMatchObject({ code: 'INVALID_INPUT', errors: [{ path: 'value' }] });
      const counts = await officer
        .post('/api/v1/observations')
        .set('Accept-Language', 'en')
        .send({ ...body, period: '2024-04', value: '80', numerator: '500', denominator: '1000' })
        .expect(400);
      expect(counts.body.errors[0].messages[0]).toMatch(/disagrees/);
      await officer
        .post('/api/v1/observations')
        .send({ ...body, period: '2024-04', value: null, numerator: '5', denominator: '0' })
        .expect(400);
      await officer
        .post('/api/v1/observations')
        .send({ ...body, period: '2023-02-30' })
        .expect(400);
      await officer
        .post('/api/v1/observations')
        .send({ ...body, indicator: 'khong-co' })
        .expect(404);
      await officer
        .post('/api/v1/observations')
        .send({ ...body, org: 'NOPE' })
        .expect(404);
      await stttt
        .post('/api/v1/observations')
        .send({ ...body, org: 'SNV', period: '2024-05' })
        .expect(403);
      // A reporter's own value is accepted as a submission for an officer to approve.
      expect(
        (
          await stttt
            .post('/api/v1/observations')
            .send({ ...body, org: 'STTTT', period: '2024-05' })
            .expect(202)
        ).body.submission,
      ).toMatchObject({ status: 'submitted' });
      await leader
        .post('/api/v1/observations')
        .send({ ...body, period: '2024-05' })
        .expect(403);
      await qniOfficer
        .post('/api/v1/observations')
        .send({ ...body, period: '2024-05' })
        .expect(403);
      const [{ n }] = await db.dataSource.query(`SELECT count(*)::int AS n FROM observation WHERE period = '2024-04'`);
      expect(n).toBe(0);
    });
  });

  describe('audit log', () => {
    it('is read by officers and leaders of the province, not by reporters, viewers or other provinces', async () => {
      await officer.get('/api/v1/audit?province=DNG').expect(200);
      await leader.get('/api/v1/audit').expect(200);
      await stttt.get('/api/v1/audit').expect(403);
      await viewer.get('/api/v1/audit').expect(403);
      await qniOfficer.get('/api/v1/audit?province=DNG').expect(403);
    });

    it('lists newest first by number (not as text: entry 10 before entry 9), paged with the total', async () => {
      // Enough entries that their numbers gain a digit (…98, 99, 100, 101…).
      const [{ last }] = await db.dataSource.query(`SELECT coalesce(max(id), 0)::int AS last FROM audit_log`);
      const more = 10 ** String(last).length - last + 2;
      await db.dataSource.query(
        `INSERT INTO audit_log (actor, action, entity_kind, province_id) SELECT 'jest', 'test.entry', 'test', id FROM org_unit, generate_series(1, $1::int)
          WHERE kind = 'province' AND code = 'DNG'`,
        [more],
      );
      const all = (await officer.get('/api/v1/audit?province=DNG&pageSize=200').expect(200)).body;
      expect(new Set(all.items.map((a: { id: string }) => a.id.length)).size).toBeGreaterThan(1);
      const ids = all.items.map((a: { id: string }) => BigInt(a.id));
      expect(ids).toEqual([...ids].sort((a, b) => (a < b ? 1 : a > b ? -1 : 0)));
      const page = (await officer.get('/api/v1/audit?province=DNG&page=2&pageSize=3').expect(200)).body;
      expect(page.items).toEqual(all.items.slice(3, 6));
      expect(page.total).toBe(all.total);
    });

    it('cannot be altered with UPDATE, DELETE or TRUNCATE, whatever the role', async () => {
      // A plain connection as the application's role (TypeORM would log each refusal as a failed query).
      const client = new Client({ connectionString: db.url });
      await client.connect();
      try {
        await expect(client.query(`UPDATE audit_log SET actor = 'x'`)).rejects.toThrow(/append-only/);
        await expect(client.query(`DELETE FROM audit_log`)).rejects.toThrow(/append-only/);
        await expect(client.query(`TRUNCATE audit_log`)).rejects.toThrow(/append-only/);
      } finally {
        await client.end();
      }
      const [{ n }] = await db.dataSource.query(`SELECT count(*)::int AS n FROM audit_log`);
      expect(n).toBeGreaterThan(0);
    });
  });
});

describe('sign-in', () => {
  let db: TestDatabase;
  let app: INestApplication;

  beforeAll(async () => {
    db = await createTestDatabase();
    await new PlanImporter(db.dataSource).run(validPlanFile(DA_NANG_FILE), importOptions);
    app = await createTestApp(db);
  });
  afterAll(async () => {
    await app?.close();
    await db?.drop();
  });
  const post = (url: string, body: object) => request(app.getHttpServer()).post(url).send(body);

  it('signs in, says who you are, refreshes once (rotation) and signs out', async () => {
    const user = await signIn(app, db, 'reporter', 'DNG', 'SNV');
    const login = await post('/api/v1/auth/login', { username: user.username.toUpperCase(), password: user.password }).expect(200);
    expect(login.body).toMatchObject({ tokenType: 'Bearer', expiresIn: 900, user: { role: 'reporter', province: 'DNG', orgUnit: 'SNV' } });
    const me = await as(app, login.body.accessToken).get('/api/v1/auth/me').expect(200);
    expect(me.body).toMatchObject({ username: user.username, role: 'reporter', scopes: null });
    const refreshed = await post('/api/v1/auth/refresh', { refreshToken: login.body.refreshToken }).expect(200);
    await post('/api/v1/auth/refresh', { refreshToken: login.body.refreshToken }).expect(401);
    await request(app.getHttpServer()).post('/api/v1/auth/logout').send({ refreshToken: refreshed.body.refreshToken }).expect(204);
    await post('/api/v1/auth/refresh', { refreshToken: refreshed.body.refreshToken }).expect(401);
  });

  it('refuses anonymous, malformed and forged tokens with 401', async () => {
    await request(app.getHttpServer()).get('/api/v1/provinces').expect(401);
    await request(app.getHttpServer()).get('/api/v1/provinces').set('Authorization', 'Bearer nonsense').expect(401);
    const user = await signIn(app, db, 'viewer', 'DNG');
    const [h, p] = user.token.split('.');
    const forged = `${h}.${Buffer.from(JSON.stringify({ ...JSON.parse(Buffer.from(p, 'base64url').toString()), role: 'admin' })).toString('base64url')}.sig`;
    await as(app, forged).get('/api/v1/provinces').expect(401);
    await request(app.getHttpServer()).get('/health').expect(200);
  });

  it('gives one answer for unknown users and wrong passwords, and locks an account after 5 failures', async () => {
    const user = await signIn(app, db, 'viewer', 'DNG');
    const unknown = await post('/api/v1/auth/login', { username: 'khong-co', password: 'x' }).expect(401);
    const wrong = await post('/api/v1/auth/login', { username: user.username, password: 'wrong password' }).expect(401);
    expect(unknown.body.message).toBe(wrong.body.message);
    for (let i = 0; i < 4; i++) await post('/api/v1/auth/login', { username: user.username, password: 'wrong password' }).expect(401);
    expect((await post('/api/v1/auth/login', { username: user.username, password: user.password }).expect(429)).body.code).toBe(
      'ACCOUNT_LOCKED',
    );
    await post('/api/v1/auth/login', { username: 1, password: [] }).expect(400);
  });

  it('API tokens act within their scopes and stop working when revoked', async () => {
    const { AccountRepository } = await import('@dx/db');
    const reporter = await signIn(app, db, 'reporter', 'DNG', 'STTTT');
    const accounts = new AccountRepository(db.dataSource);
    const { id, token } = await accounts.createApiToken(reporter.username, 'Cổng dữ liệu', ['observations:write'], null);
    const api = as(app, token);
    await api
      .post('/api/v1/observations')
      .send({ indicator: 'dvc-toan-trinh', province: 'DNG', org: 'STTTT', period: '2024-06', value: '90' })
      .expect(202);
    await api.get('/api/v1/tasks?province=DNG').expect(403);
    expect((await api.get('/api/v1/auth/me').expect(200)).body.scopes).toEqual(['observations:write']);
    await accounts.revokeApiToken(id);
    await api.get('/api/v1/auth/me').expect(401);
    const [stored] = await db.dataSource.query(`SELECT token_hash FROM api_token WHERE id = $1`, [id]);
    expect(stored.token_hash).not.toContain(token.slice(4, 20));
  });

  it('throttles sign-in attempts per client address (429)', async () => {
    const limited = await createTestApp(db, { env: { LOGIN_RATE_LIMIT: '3' } });
    try {
      const statuses: number[] = [];
      for (let i = 0; i < 5; i++)
        statuses.push((await request(limited.getHttpServer()).post('/api/v1/auth/login').send({ username: 'x', password: 'y' })).status);
      expect(statuses).toEqual([401, 401, 401, 429, 429]);
    } finally {
      await limited.close();
    }
  });
});
