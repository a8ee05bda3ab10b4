import { INestApplication } from '@nestjs/common';
import { PlanImporter } from '@dx/db';
import { RecomputeEngine, StatusRepository } from '@dx/status-engine';
import { DA_NANG_FILE, QUANG_NINH_FILE, validPlanFile } from '../factories/plan-file.factory';
import { as, createTestApp, signIn } from '../support/test-app';
import { createTestDatabase, TestDatabase } from '../support/test-database';
import { testRunId } from '../support/test-env';
import { waitFor } from '../support/wait-for';

const importOptions = { fileName: 't.yaml', actor: 'jest', prune: false, dryRun: false, now: new Date('2023-11-01T00:00:00Z') };

describe('approval workflow, directives and the dashboard (real PostgreSQL and Redis)', () => {
  let db: TestDatabase;
  let app: INestApplication;
  let officer: ReturnType<typeof as>;
  let reporter: ReturnType<typeof as>;
  let otherReporter: ReturnType<typeof as>;
  let leader: ReturnType<typeof as>;
  let engine: RecomputeEngine;
  let dng: string;
  const taskId = async (code: string): Promise<string> =>
    (
      await db.dataSource.query(
        `SELECT t.id FROM task t JOIN document d ON d.id = t.document_id JOIN org_unit p ON p.id = d.province_id WHERE p.code = 'DNG' AND t.code = $1`,
        [code],
      )
    )[0].id;
  /** What the worker does after a write: the outbox job of the province (today: a write counts from the day it is made). */
  const recompute = () => engine.recompute({ provinceId: dng, trigger: 'outbox', coalesce: true });
  const taskCounts = async () => {
    const res = await leader.get('/api/v1/provinces/DNG/summary').expect(200);
    return res.body.totals.tasks.counts as Record<string, number>;
  };

  beforeAll(async () => {
    db = await createTestDatabase();
    await new PlanImporter(db.dataSource).run(validPlanFile(DA_NANG_FILE), importOptions);
    await new PlanImporter(db.dataSource).run(validPlanFile(QUANG_NINH_FILE), importOptions);
    app = await createTestApp(db);
    officer = as(app, (await signIn(app, db, 'officer', 'DNG', 'STTTT')).token);
    reporter = as(app, (await signIn(app, db, 'reporter', 'DNG', 'STTTT')).token);
    otherReporter = as(app, (await signIn(app, db, 'reporter', 'DNG', 'Q-HAI-CHAU')).token);
    leader = as(app, (await signIn(app, db, 'leader', 'DNG')).token);
    engine = new RecomputeEngine(db.dataSource, { now: () => new Date() });
    dng = (await new StatusRepository(db.dataSource.manager).provinceIdByCode('DNG'))!;
    // The dashboards below are read as of 1/11/2023.
    await engine.recompute({ provinceId: dng, asOf: '2023-11-01', trigger: 'test' });
    await recompute();
  });
  afterAll(async () => {
    await app?.close();
    await db?.drop();
  });

  it("a reporter marks its task done with evidence → an officer approves → the recompute counts it in the leader's summary", async () => {
    const id = await taskId('T1.1');
    const before = await taskCounts();
    const submitted = await reporter
      .patch(`/api/v1/tasks/${id}`)
      .set('If-Match', '"1"')
      .send({ status: 'done', evidence: { number: '15/BC-STTTT', date: '2023-10-25', issuer: 'Sở TT&TT' } })
      .expect(202);
    expect(submitted.body.submission).toMatchObject({ kind: 'task', status: 'submitted', task: { id, code: 'T1.1' }, baseVersion: 1 });
    // Submitted, not counted: the task and the summary are unchanged.
    expect((await officer.get(`/api/v1/tasks/${id}`).expect(200)).body).toMatchObject({ status: 'in_progress', version: 1 });
    await recompute();
    expect(await taskCounts()).toEqual(before);

    const pending = await officer.get('/api/v1/submissions?province=DNG&status=submitted').expect(200);
    expect(pending.body.items.map((s: { id: string }) => s.id)).toContain(submitted.body.submission.id);
    const approved = await officer.post(`/api/v1/submissions/${submitted.body.submission.id}/approve`).expect(200);
    expect(approved.body).toMatchObject({
      submission: { status: 'approved', decidedBy: expect.stringMatching(/^officer-/) },
      task: { status: 'done', version: 2 },
    });
    expect(approved.body.task.updatedBy).toMatch(/^reporter-/);
    await officer.post(`/api/v1/submissions/${submitted.body.submission.id}/approve`).expect(409);

    await recompute();
    const after = await taskCounts();
    expect(after.done).toBe(before.done + 1);
    expect(after.in_progress).toBe(before.in_progress - 1);
    const actions = (await officer.get(`/api/v1/audit?entity=submission&id=${submitted.body.submission.id}`).expect(200)).body.items.map(
      (a: { action: string }) => a.action,
    );
    expect(actions).toEqual(['submission.approve', 'task.submit']);
  });

  it('a returned submission never counts, and needs a reason', async () => {
    const id = await taskId('KH-T1.2');
    const before = await taskCounts();
    const submitted = await otherReporter.patch(`/api/v1/tasks/${id}`).set('If-Match', '"1"').send({ status: 'done' }).expect(202);
    await officer.post(`/api/v1/submissions/${submitted.body.submission.id}/return`).send({}).expect(400);
    const returned = await officer
      .post(`/api/v1/submissions/${submitted.body.submission.id}/return`)
      .send({ reason: 'Thiếu văn bản chứng minh' })
      .expect(200);
    expect(returned.body.submission).toMatchObject({ status: 'returned', reason: 'Thiếu văn bản chứng minh' });
    await officer.post(`/api/v1/submissions/${submitted.body.submission.id}/approve`).expect(409);
    await recompute();
    expect(await taskCounts()).toEqual(before);
    expect((await officer.get(`/api/v1/tasks/${id}`).expect(200)).body.status).toBe('in_progress');
    // Reporters see their own submissions only.
    const mine = await otherReporter.get('/api/v1/submissions?province=DNG').expect(200);
    expect(mine.body.items.every((s: { submittedBy: string }) => s.submittedBy === mine.body.items[0].submittedBy)).toBe(true);
    expect((await reporter.get('/api/v1/submissions?province=DNG').expect(200)).body.items.map((s: { id: string }) => s.id)).not.toContain(
      submitted.body.submission.id,
    );
  });

  it('a submission on a task that changed since is refused (409) until returned and resubmitted', async () => {
    const id = await taskId('KH-T1.1');
    const submitted = await reporter.patch(`/api/v1/tasks/${id}`).set('If-Match', '"1"').send({ comment: 'Cập nhật tiến độ' }).expect(202);
    await officer.patch(`/api/v1/tasks/${id}`).set('If-Match', '"1"').send({ comment: 'Sở cập nhật' }).expect(200);
    const conflict = await officer.post(`/api/v1/submissions/${submitted.body.submission.id}/approve`).expect(409);
    expect(conflict.body).toMatchObject({ code: 'VERSION_CONFLICT', current: { version: 2 } });
  });

  it("a reporter's KPI value waits for approval; approved, it is stored as the reporter's", async () => {
    const body = { indicator: 'dvc-toan-trinh', province: 'DNG', org: 'STTTT', period: '2024-01', value: '77' };
    const submitted = await reporter.post('/api/v1/observations').send(body).expect(202);
    expect(submitted.body.submission.payload).toMatchObject({ indicator: 'dvc-toan-trinh', org: 'STTTT', period: '2024-01', value: '77' });
    expect((await officer.get('/api/v1/observations?province=DNG&period=2024-01').expect(200)).body.total).toBe(0);
    const approved = await officer.post(`/api/v1/submissions/${submitted.body.submission.id}/approve`).expect(200);
    expect(approved.body.observation).toMatchObject({ value: '77', org: 'STTTT', enteredBy: expect.stringMatching(/^reporter-/) });
    const [outbox] = await db.dataSource.query(`SELECT period FROM outbox WHERE reason = 'observation' ORDER BY id DESC LIMIT 1`);
    expect(outbox.period).toBe('2024-01');
  });

  it('a province that trusts its reporters counts their updates at once; only officers change that', async () => {
    await reporter.put('/api/v1/provinces/DNG/settings').send({ trustReporters: true }).expect(403);
    await officer.put('/api/v1/provinces/DNG/settings').send({ trustReporters: 'yes' }).expect(400);
    expect((await officer.put('/api/v1/provinces/DNG/settings').send({ trustReporters: true }).expect(200)).body).toMatchObject({
      trustReporters: true,
      version: 1,
    });
    const id = await taskId('T1.1');
    const current = await reporter.get(`/api/v1/tasks/${id}`).expect(200);
    const res = await reporter
      .patch(`/api/v1/tasks/${id}`)
      .set('If-Match', current.headers.etag)
      .send({ comment: 'Đã báo cáo' })
      .expect(200);
    expect(res.body.comment).toBe('Đã báo cáo');
    await officer.put('/api/v1/provinces/DNG/settings').send({ trustReporters: false }).expect(200);
    expect((await leader.get('/api/v1/provinces/DNG/settings').expect(200)).body.trustReporters).toBe(false);
  });

  it('leaders direct, the assignee agency answers, the leader closes; overdue directives count on the dashboard', async () => {
    const group = (
      await db.dataSource.query(
        `SELECT g.id FROM task_group g JOIN document d ON d.id = g.document_id JOIN org_unit p ON p.id = d.province_id WHERE p.code = 'DNG' AND g.code = 'T1'`,
      )
    )[0].id;
    const late = await leader
      .post('/api/v1/directives')
      .send({
        kind: 'directive',
        target: { kind: 'task_group', id: group },
        body: 'Đẩy nhanh tiến độ tuyên truyền',
        assignee: 'STTTT',
        due: '2023-01-31',
      })
      .expect(201);
    expect(late.body).toMatchObject({ status: 'open', assignee: 'STTTT', targetCode: 'T1', overdue: true });
    await officer
      .post('/api/v1/directives')
      .send({ kind: 'directive', target: { kind: 'task_group', id: group }, body: 'x' })
      .expect(403);
    await officer
      .post('/api/v1/directives')
      .send({ kind: 'comment', target: { kind: 'task_group', id: group }, body: 'Đã nắm' })
      .expect(201);
    await leader
      .post('/api/v1/directives')
      .send({ kind: 'directive', target: { kind: 'task', id: group }, body: 'x' })
      .expect(400);
    await leader
      .post('/api/v1/directives')
      .send({ kind: 'directive', target: { kind: 'task_group', id: group }, body: 'x', assignee: 'NOPE' })
      .expect(404);

    let dashboard = await leader.get('/api/v1/provinces/DNG/dashboard?as_of=2023-11-01').expect(200);
    expect(dashboard.body.directives).toMatchObject({ open: 1, overdue: 1, overdueByAssignee: [{ code: 'STTTT', overdue: 1 }] });
    expect(dashboard.body.openDirectives.map((d: { id: string }) => d.id)).toEqual([late.body.id]);

    await otherReporter.post(`/api/v1/directives/${late.body.id}/answer`).send({ answer: 'x' }).expect(403);
    const answered = await reporter.post(`/api/v1/directives/${late.body.id}/answer`).send({ answer: 'Đã tổ chức 5 hội nghị' }).expect(200);
    expect(answered.body).toMatchObject({ status: 'answered', answer: 'Đã tổ chức 5 hội nghị', overdue: false });
    await reporter.post(`/api/v1/directives/${late.body.id}/answer`).send({ answer: 'lần hai' }).expect(409);
    await reporter.post(`/api/v1/directives/${late.body.id}/close`).expect(403);
    expect((await leader.post(`/api/v1/directives/${late.body.id}/close`).expect(200)).body.status).toBe('closed');
    dashboard = await leader.get('/api/v1/provinces/DNG/dashboard?as_of=2023-11-01').expect(200);
    expect(dashboard.body.directives).toMatchObject({ open: 0, overdue: 0 });
    const listed = await leader.get(`/api/v1/directives?province=DNG&target=${group}`).expect(200);
    expect(listed.body.items.map((d: { kind: string }) => d.kind).sort()).toEqual(['comment', 'directive']);
  });

  it('the dashboard shows targets met per document and group with the reconciliation, tasks by lead agency and KPI highlights', async () => {
    const res = await leader.get('/api/v1/provinces/DNG/dashboard?as_of=2023-11-01').expect(200);
    expect(res.body.computedAt).not.toBeNull();
    const plan = res.body.targets.find((d: { code: string }) => d.code === '05-NQ/TU');
    expect(plan.goals).toMatchObject({ total: expect.any(Number), met: expect.any(Number) });
    expect(plan.reported[0]).toMatchObject({ scope: 'document', met: 2, of: 5, verdict: expect.any(String) });
    expect(res.body.tasks.byLead.map((l: { lead: string }) => l.lead)).toContain('STTTT');
    expect(res.body.kpis.length).toBeGreaterThan(0);
    await leader.get('/api/v1/provinces/QNI/dashboard').expect(403);
  });
});

describe('the same flow through the real queue worker (RUN_WORKER)', () => {
  let db: TestDatabase;
  let app: INestApplication;

  beforeAll(async () => {
    db = await createTestDatabase();
    await new PlanImporter(db.dataSource).run(validPlanFile(DA_NANG_FILE), importOptions);
    app = await createTestApp(db, { env: { RUN_WORKER: 'true', QUEUE_PREFIX: `dx-test-${testRunId()}-wf` } });
  });
  afterAll(async () => {
    await app?.close();
    await db?.drop();
  });

  it("reporter → officer approves → the worker recomputes → the leader's summary shows the new count, with no call to the engine", async () => {
    const officer = as(app, (await signIn(app, db, 'officer', 'DNG', 'STTTT')).token);
    const reporter = as(app, (await signIn(app, db, 'reporter', 'DNG', 'STTTT')).token);
    const leader = as(app, (await signIn(app, db, 'leader', 'DNG')).token);
    const doneCount = async () => {
      const s = (await leader.get('/api/v1/provinces/DNG/summary').expect(200)).body;
      return s.computedAt ? (s.totals.tasks.counts.done as number) : null;
    };
    const { n: before } = await waitFor(
      'the worker to compute the imported plan',
      async () => {
        const n = await doneCount();
        return n === null ? null : { n };
      },
      30_000,
    );
    const id = (await db.dataSource.query(`SELECT id FROM task WHERE code = 'T1.1'`))[0].id;
    const submitted = await reporter
      .patch(`/api/v1/tasks/${id}`)
      .set('If-Match', '"1"')
      .send({ status: 'done', evidence: { number: '9/BC', date: '2023-10-01' } })
      .expect(202);
    await officer.post(`/api/v1/submissions/${submitted.body.submission.id}/approve`).expect(200);
    await waitFor('the approved update in the summary', async () => ((await doneCount()) === before + 1 ? true : null), 30_000);
  }, 60_000);
});
