import { INestApplication } from '@nestjs/common';
import { readFileSync } from 'fs';
import { PlanImporter } from '@dx/db';
import { RecomputeEngine, readProvinceSummary, StatusRepository } from '@dx/status-engine';
import { DA_NANG_FILE, validPlanFile } from '../factories/plan-file.factory';
import { as, createTestApp, signIn } from '../support/test-app';
import { createTestDatabase, TestDatabase } from '../support/test-database';

const importOptions = { fileName: 't.yaml', actor: 'jest', prune: false, dryRun: false, now: new Date('2023-11-01T00:00:00Z') };
const DOC = `/api/v1/documents/${encodeURIComponent('05-NQ/TU')}`;

describe('tasks and goals added, edited and cancelled in the web app (issue 19)', () => {
  let db: TestDatabase;
  let app: INestApplication;
  let officer: ReturnType<typeof as>;
  let admin: ReturnType<typeof as>;
  let reporter: ReturnType<typeof as>;
  let leader: ReturnType<typeof as>;
  let otherOfficer: ReturnType<typeof as>;
  const audit = (id: string) =>
    db.dataSource.query(`SELECT action, actor, before, after FROM audit_log WHERE entity_id = $1 ORDER BY id`, [id]);

  beforeAll(async () => {
    db = await createTestDatabase();
    const importer = new PlanImporter(db.dataSource);
    await importer.run(validPlanFile(DA_NANG_FILE), importOptions);
    await importer.run(validPlanFile(DA_NANG_FILE.replace('da-nang-sample', 'minimal')), importOptions);
    app = await createTestApp(db);
    officer = as(app, (await signIn(app, db, 'officer', 'DNG', 'STTTT')).token);
    admin = as(app, (await signIn(app, db, 'admin')).token);
    reporter = as(app, (await signIn(app, db, 'reporter', 'DNG', 'STTTT')).token);
    leader = as(app, (await signIn(app, db, 'leader', 'DNG')).token);
    const other: string = (await db.dataSource.query(`SELECT code FROM org_unit WHERE kind = 'province' AND code <> 'DNG' LIMIT 1`))[0]
      .code;
    otherOfficer = as(app, (await signIn(app, db, 'officer', other)).token);
  });
  afterAll(async () => {
    await app?.close();
    await db?.drop();
  });

  it('an officer adds a task (code suggested), edits its title, lead and due date, then cancels it with a reason; each write audited', async () => {
    const next = await officer.get(`${DOC}/tasks/next-code?group=T1`).expect(200);
    expect(next.body).toEqual({ code: 'T1.3' });
    const created = await officer
      .post(`${DOC}/tasks`)
      .send({ group: 'T1', title: 'Xây dựng kho dữ liệu dùng chung', lead: 'STTTT', support: ['SNV'], due: '2024-06-30' })
      .expect(201);
    expect(created.headers.etag).toBe('"1"');
    expect(created.body).toMatchObject({
      code: 'T1.3',
      group: 'T1',
      lead: { code: 'STTTT' },
      status: 'not_started',
      origin: 'web',
      support: ['SNV'],
    });
    const id = created.body.id as string;
    const [outbox] = await db.dataSource.query(`SELECT reason FROM outbox ORDER BY id DESC LIMIT 1`);
    expect(outbox.reason).toBe('task');

    const edited = await officer
      .patch(`/api/v1/tasks/${id}`)
      .set('If-Match', '"1"')
      .send({ title: 'Xây dựng kho dữ liệu dùng chung của thành phố', lead: 'TTCDS', due: '2024-09-30' })
      .expect(200);
    expect(edited.headers.etag).toBe('"2"');
    expect(edited.body).toMatchObject({
      version: 2,
      lead: { code: 'TTCDS' },
      due: '2024-09-30',
      title: 'Xây dựng kho dữ liệu dùng chung của thành phố',
    });

    const stale = await officer
      .patch(`/api/v1/tasks/${id}`)
      .set('If-Match', '"1"')
      .set('Accept-Language', 'vi')
      .send({ due: '2024-10-31' })
      .expect(409);
    expect(stale.body).toMatchObject({ code: 'VERSION_CONFLICT', current: { version: 2, due: '2024-09-30' } });
    expect(stale.body.detail).toContain('đã được người khác cập nhật');

    const noReason = await officer
      .post(`/api/v1/tasks/${id}/cancel`)
      .set('If-Match', '"2"')
      .set('Accept-Language', 'vi')
      .send({ reason: '  ' })
      .expect(400);
    expect(noReason.body.errors).toEqual([{ path: 'reason', messages: ['"reason" là bắt buộc'] }]);
    const cancelled = await officer
      .post(`/api/v1/tasks/${id}/cancel`)
      .set('If-Match', '"2"')
      .send({ reason: 'Đã gộp vào nhiệm vụ T1.1' })
      .expect(200);
    expect(cancelled.body).toMatchObject({ status: 'cancelled', progress: null, cancelReason: 'Đã gộp vào nhiệm vụ T1.1', version: 3 });
    await officer.post(`/api/v1/tasks/${id}/cancel`).set('If-Match', '"2"').send({ reason: 'lần nữa' }).expect(409);

    const entries = await audit(id);
    expect(entries.map((e: { action: string }) => e.action)).toEqual(['task.create', 'task.edit', 'task.cancel']);
    expect(entries[1].before).toMatchObject({ lead: { code: 'STTTT' }, due: '2024-06-30' });
    expect(entries[1].after).toMatchObject({ lead: { code: 'TTCDS' }, due: '2024-09-30' });
    expect(entries[2].after).toMatchObject({ status: 'cancelled', reason: 'Đã gộp vào nhiệm vụ T1.1' });
    expect(entries[0].actor).toMatch(/^officer-/);
    const list = await officer.get('/api/v1/tasks?province=DNG&status=cancelled').expect(200);
    expect(list.body.items.map((t: { code: string }) => t.code)).toContain('T1.3');
  });

  it('refuses bad input with field paths, in Vietnamese', async () => {
    const res = await officer
      .post(`${DOC}/tasks`)
      .set('Accept-Language', 'vi')
      .send({ group: 'T9', code: 'T1.1', title: ' ', lead: 'KHONG-CO', support: ['SNV', 'SNV'], due: '2024-02-30' })
      .expect(400);
    const paths = res.body.errors.map((e: { path: string }) => e.path).sort();
    expect(paths).toEqual(['code', 'due', 'group', 'lead', 'support[1]', 'title']);
    const lead = res.body.errors.find((e: { path: string }) => e.path === 'lead');
    expect(lead.messages).toEqual(['"lead" không phải cơ quan của tỉnh']);
    const dto = await officer
      .post(`${DOC}/tasks`)
      .set('Accept-Language', 'vi')
      .send({ group: 'T1', lead: 'STTTT', due: 'mai' })
      .expect(400);
    expect(dto.body.errors.map((e: { path: string }) => e.path).sort()).toEqual(['due', 'title']);
    const en = await officer
      .post(`${DOC}/tasks`)
      .set('Accept-Language', 'en')
      .send({ group: 'T1', title: 'x', lead: 'KHONG-CO' })
      .expect(400);
    expect(en.body.errors).toEqual([{ path: 'lead', messages: ['"lead" is not one of the province\'s agencies'] }]);
  });

  it('leaves the plan to officers and admins of the province: 403 for reporters, leaders and other provinces', async () => {
    const body = { group: 'T1', title: 'Nhiệm vụ thử', lead: 'STTTT' };
    await reporter.post(`${DOC}/tasks`).send(body).expect(403);
    await leader.post(`${DOC}/tasks`).send(body).expect(403);
    await otherOfficer.post(`${DOC}/tasks?province=DNG`).send(body).expect(403);
    const [t] = await db.dataSource.query(`SELECT id, version FROM task WHERE code = 'T1.1'`);
    await reporter.patch(`/api/v1/tasks/${t.id}`).set('If-Match', `"${t.version}"`).send({ title: 'Đổi tên' }).expect(403);
    await leader.post(`/api/v1/tasks/${t.id}/cancel`).set('If-Match', `"${t.version}"`).send({ reason: 'không' }).expect(403);
    await admin.post(`${DOC}/tasks`).send(body).expect(400); // an admin names the province
    const byAdmin = await admin.post(`${DOC}/tasks?province=DNG`).send(body).expect(201);
    expect(byAdmin.body.code).toBe('T1.4');
  });

  it('adds, edits and cancels a goal; a cancelled goal is marked and kept', async () => {
    const created = await officer
      .post(`${DOC}/goals`)
      .send({
        group: 'G1',
        title: 'Tỷ lệ hồ sơ trực tuyến toàn trình',
        indicator: 'dvc-toan-trinh',
        target: { op: '>=', value: 85 },
        due: '2025-12-31',
      })
      .expect(201);
    expect(created.body).toMatchObject({
      code: 'G1.4',
      kind: 'quantitative',
      target: { op: '>=', value: '85' },
      origin: 'web',
      cancelled: null,
    });
    const id = created.body.id as string;
    const edited = await officer
      .patch(`/api/v1/goals/${id}`)
      .set('If-Match', '"1"')
      .send({ target: { op: '>=', value: 90 } })
      .expect(200);
    expect(edited.body).toMatchObject({ version: 2, target: { value: '90' } });
    await officer.patch(`/api/v1/goals/${id}`).set('If-Match', '"1"').send({ title: 'cũ' }).expect(409);
    const milestone = await officer
      .post(`${DOC}/goals`)
      .set('Accept-Language', 'vi')
      .send({ group: 'G1', title: 'Mốc', due: '2025-12-31', target: { op: '>=', value: 1 } })
      .expect(400);
    expect(milestone.body.errors.map((e: { path: string }) => e.path)).toEqual(['indicator']);
    await reporter.post(`/api/v1/goals/${id}/cancel`).set('If-Match', '"2"').send({ reason: 'x' }).expect(403);
    const cancelled = await officer
      .post(`/api/v1/goals/${id}/cancel`)
      .set('If-Match', '"2"')
      .send({ reason: 'Chỉ tiêu trùng G1.1' })
      .expect(200);
    expect(cancelled.body.cancelled).toMatchObject({ reason: 'Chỉ tiêu trùng G1.1' });
    const read = await leader.get(`/api/v1/goals/${id}`).expect(200);
    expect(read.headers.etag).toBe('"3"');
    await otherOfficer.get(`/api/v1/goals/${id}`).expect(403);
    expect((await audit(id)).map((e: { action: string }) => e.action)).toEqual(['goal.create', 'goal.edit', 'goal.cancel']);
  });

  it('leaves a cancelled goal out of the rollup and a cancelled task out of progress, and still lists both as cancelled', async () => {
    const provinceId = (await new StatusRepository(db.dataSource.manager).provinceIdByCode('DNG'))!;
    const engine = new RecomputeEngine(db.dataSource, { now: () => new Date() });
    const rollups = async () => {
      await engine.recompute({ provinceId, trigger: 'test', force: true });
      const summary = (await readProvinceSummary(db.dataSource, 'DNG', engine.today()))!;
      const doc = summary.documents.find((d) => d.code === '05-NQ/TU')!;
      return { goals: doc.goalGroups.find((g) => g.code === 'G1')!, tasks: doc.taskGroups.find((g) => g.code === 'T1')!.rollup.tasks! };
    };
    const before = await rollups();
    const [g] = await db.dataSource.query(`SELECT id, version FROM goal WHERE code = 'G1.3'`);
    await officer.post(`/api/v1/goals/${g.id}/cancel`).set('If-Match', `"${g.version}"`).send({ reason: 'Không còn phù hợp' }).expect(200);
    const after = await rollups();
    expect(after.goals.rollup.goals!.total).toBe(before.goals.rollup.goals!.total - 1);
    expect(after.goals.goals.find((x) => x.code === 'G1.3')!.cancelled).toMatchObject({ reason: 'Không còn phù hợp' });
    // T1.3 (cancelled in the first test) is counted as cancelled, not in progress.
    expect(after.tasks.counts).toMatchObject({ cancelled: 1 });
  });

  it("lists the web's tasks and goals in a plan import's answer: web-added ones kept, web-edited ones back to the file", async () => {
    const res = await admin
      .post('/api/v1/plans/import?file=da-nang.yaml')
      .set('Content-Type', 'application/yaml')
      .send(readFileSync(DA_NANG_FILE))
      .expect(200);
    expect(res.body.webItems).toMatchObject({ keptTasks: ['T1.3', 'T1.4'], keptGoals: ['G1.4'], replacedGoals: ['G1.3'] });
    const [g13] = await db.dataSource.query(`SELECT cancelled_at FROM goal WHERE code = 'G1.3'`);
    expect(g13.cancelled_at).toBeNull();
  });
});
