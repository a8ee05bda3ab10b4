import { INestApplication } from '@nestjs/common';
import { readFileSync } from 'fs';
import { PlanImporter } from '@dx/db';
import { todayIn } from '@dx/domain';
import { ReportGenerator } from '@dx/jobs';
import { RecomputeEngine, StatusRepository, systemClock, TIME_ZONE } from '@dx/status-engine';
import { QUANG_NINH_FILE, validPlan } from '../factories/plan-file.factory';
import { runCli } from '../support/run-built';
import { as, createTestApp, signIn } from '../support/test-app';
import { createTestDatabase, TestDatabase } from '../support/test-database';

/** The Quảng Ninh plan with two tasks in NV3 of 37/KH-UBND (its file lists none): in progress since the file, due mid-2024. */
function quangNinhWithTasks(): string {
  const tasks = [
    ['NV3.1', 'STTTT', 30],
    ['NV3.2', 'VPUBND', 10],
  ]
    .map(
      ([code, lead, progress]) => `          - code: ${code}
            title: Phát triển hạ tầng số ${code}
            lead: ${lead}
            due: 2024-06-30
            status: in_progress
            progress: ${progress}
`,
    )
    .join('');
  const text = readFileSync(QUANG_NINH_FILE, 'utf8');
  const replaced = text.replace(/(- code: NV3\n\s+name: [^\n]+\n\s+declared_count: \d+\n\s+)tasks: \[\]\n/, `$1tasks:\n${tasks}`);
  if (replaced === text) throw new Error('NV3 of 37/KH-UBND not found in the Quảng Ninh file');
  return replaced;
}

describe('tasks at a past as-of date: summary, dashboard, report and cli status (API, real PostgreSQL)', () => {
  let db: TestDatabase;
  let app: INestApplication;
  let qni: string;
  const today = () => todayIn(TIME_ZONE, new Date());
  const engine = () => new RecomputeEngine(db.dataSource, systemClock);
  const taskId = async (code: string): Promise<string> =>
    (
      await db.dataSource.query(
        `SELECT t.id FROM task t JOIN document d ON d.id = t.document_id WHERE d.code = '37/KH-UBND' AND t.code = $1`,
        [code],
      )
    )[0].id;

  beforeAll(async () => {
    db = await createTestDatabase();
    await new PlanImporter(db.dataSource).run(validPlan(quangNinhWithTasks()), {
      fileName: 'qn.yaml',
      actor: 'jest',
      prune: false,
      dryRun: false,
      now: new Date(),
    });
    app = await createTestApp(db);
    qni = (await new StatusRepository(db.dataSource.manager).provinceIdByCode('QNI'))!;
  });
  afterAll(async () => {
    await app?.close();
    await db?.drop();
  });

  it('NV3.1 completed through the API today and NV3.2 approved today count today, not as of 31/12/2023', async () => {
    const officer = as(app, (await signIn(app, db, 'officer', 'QNI', 'STTTT')).token);
    const reporter = as(app, (await signIn(app, db, 'reporter', 'QNI', 'VPUBND')).token);
    const leader = as(app, (await signIn(app, db, 'leader', 'QNI')).token);
    const nv31 = await taskId('NV3.1');
    await officer
      .patch(`/api/v1/tasks/${nv31}`)
      .set('If-Match', '"1"')
      .send({ status: 'done', evidence: { number: '120/BC-STTTT', date: today() } })
      .expect(200);
    const submitted = await reporter
      .patch(`/api/v1/tasks/${await taskId('NV3.2')}`)
      .set('If-Match', '"1"')
      .send({ status: 'done', evidence: { number: '7/BC-VP', date: today() } })
      .expect(202);
    await officer.post(`/api/v1/submissions/${submitted.body.submission.id}/approve`).expect(200);
    // What the worker does: the outbox job (today), then the report's recompute of its own date.
    await engine().recompute({ provinceId: qni, trigger: 'outbox', coalesce: true });
    const report = await new ReportGenerator(db.dataSource, systemClock).generate({
      province: 'QNI',
      document: '37/KH-UBND',
      period: '2023-Q4',
      formats: ['xlsx'],
      createdBy: 'jest',
    });

    expect(report.data.asOf).toBe('2023-12-31');
    expect(report.data.tasks).toMatchObject({ total: 2, counts: { done: 0, in_progress: 2 }, overdue: 0 });
    expect(report.data.taskGroups.find((g) => g.code === 'NV3')).toMatchObject({ counts: { done: 0, in_progress: 2 }, total: 2 });

    const plan = (body: {
      documents: { code: string; rollup: { tasks: { counts: Record<string, number>; progress: string | null } } }[];
    }) => body.documents.find((d) => d.code === '37/KH-UBND')!.rollup.tasks;
    const past = (await leader.get('/api/v1/provinces/QNI/summary?as_of=2023-12-31').expect(200)).body;
    expect(plan(past)).toMatchObject({ counts: { done: 0, in_progress: 2 }, progress: '20' });
    const now = (await leader.get('/api/v1/provinces/QNI/summary').expect(200)).body;
    expect(now.asOf).toBe(today());
    expect(plan(now)).toMatchObject({ counts: { done: 2, in_progress: 0 }, progress: '100' });

    const dashboard = (await leader.get('/api/v1/provinces/QNI/dashboard?as_of=2023-12-31').expect(200)).body;
    expect(dashboard.tasks.counts).toMatchObject({ done: 0, in_progress: 2 });
    expect(dashboard.tasks.byLead).toEqual([
      { lead: 'STTTT', name: 'Sở Thông tin và Truyền thông', total: 1, done: 0, overdue: 0 },
      { lead: 'VPUBND', name: expect.any(String), total: 1, done: 0, overdue: 0 },
    ]);
    const current = (await leader.get('/api/v1/provinces/QNI/dashboard').expect(200)).body;
    expect(current.tasks.byLead.map((l: { lead: string; done: number }) => [l.lead, l.done])).toEqual([
      ['STTTT', 1],
      ['VPUBND', 1],
    ]);

    // Six months on, the plan's tasks as the file gave them are overdue; they were completed only today.
    const status = runCli(['status', '--province', 'QNI', '--as-of', '2024-07-01'], { DATABASE_URL: db.url });
    expect(status.stderr).toBe('');
    expect(status.stdout).toContain(
      'NV3 Phát triển hạ tầng số — Nhiệm vụ: 2/9 nhiệm vụ đã nhập · 2 đang thực hiện · quá hạn 2 · tiến độ 20%',
    );
    const later = runCli(['status', '--province', 'QNI'], { DATABASE_URL: db.url });
    expect(later.stdout).toContain('NV3 Phát triển hạ tầng số — Nhiệm vụ: 2/9 nhiệm vụ đã nhập · 2 hoàn thành · quá hạn 0 · tiến độ 100%');
  }, 60_000);
});
