import { writeTaskUpdate } from '@dx/api/task/task.writer';
import { PlanImporter, TaskRepository } from '@dx/db';
import { applyTaskUpdate, Principal, TaskPatch, todayIn } from '@dx/domain';
import { ReportGenerator } from '@dx/jobs';
import { RecomputeEngine, StatusRepository, systemClock, TIME_ZONE } from '@dx/status-engine';
import { smallPlanText, validPlan } from '../factories/plan-file.factory';
import { createTestDatabase, TestDatabase } from '../support/test-database';

/** smallPlanText with three tasks: in progress; done with evidence of 10/07/2023; done without evidence. All due 30/06/2023. */
function threeTaskPlan(code: string, first = 'status: in_progress\n            progress: 40'): string {
  const task = (n: number, state: string) => `          - code: NV1.${n}
            title: Nhiệm vụ ${n}
            lead: STTTT
            due: 2023-06-30
            ${state}
`;
  return smallPlanText(code).replace(
    / {8}tasks:\n[\s\S]*?observations:/,
    `        tasks:\n${task(1, first)}${task(2, 'status: done\n            evidence: { number: "345/BC-STTTT", date: 2023-07-10 }')}${task(3, 'status: done')}observations:`,
  );
}

const officer: Principal = {
  userId: '00000000-0000-4000-8000-000000000001',
  username: 'officer-jest',
  role: 'officer',
  orgUnitId: null,
  provinceId: null,
  scopes: null,
};

describe('past as-of dates and the outbox (real PostgreSQL)', () => {
  let db: TestDatabase;
  const today = () => todayIn(TIME_ZONE, new Date());
  const provinceId = async (code: string) => (await new StatusRepository(db.dataSource.manager).provinceIdByCode(code))!;
  const taskOf = async (province: string, code: string) => {
    const [{ id }] = await db.dataSource.query(
      `SELECT t.id FROM task t JOIN document d ON d.id = t.document_id JOIN org_unit p ON p.id = d.province_id WHERE p.code = $1 AND t.code = $2`,
      [province, code],
    );
    return (await new TaskRepository(db.dataSource).findById(id, today()))!;
  };
  /** A task update as the API writes it: the row, its audit entry and its outbox row in one statement. */
  const updateTask = async (province: string, code: string, patch: TaskPatch) => {
    const before = await taskOf(province, code);
    const written = await writeTaskUpdate(
      db.dataSource,
      before,
      applyTaskUpdate(before, patch, today()),
      undefined,
      {
        principal: officer,
        updatedBy: officer.username,
        meta: { ip: null, requestId: null },
      },
      today(),
    );
    expect(written).not.toBeNull();
  };
  const taskCounts = async (province: string, asOf: string) => {
    const [row] = await db.dataSource.query(
      `SELECT r.task_counts FROM rollup r JOIN org_unit p ON p.id = r.province_id WHERE p.code = $1 AND r.scope_kind = 'province' AND r.as_of = $2`,
      [province, asOf],
    );
    return row?.task_counts as Record<string, number> | undefined;
  };

  const groupCounts = async (province: string, asOf: string) => {
    const [row] = await db.dataSource.query(
      `SELECT r.task_counts, r.tasks_total, r.tasks_overdue, r.task_progress::text AS progress FROM rollup r JOIN task_group g ON g.id = r.scope_id
         JOIN org_unit p ON p.id = r.province_id WHERE p.code = $1 AND r.scope_kind = 'task_group' AND g.code = 'NV1' AND r.as_of = $2`,
      [province, asOf],
    );
    return row && { ...row.task_counts, total: row.tasks_total, overdue: row.tasks_overdue, progress: Number(row.progress) };
  };
  const taskStatus = async (province: string, code: string, asOf: string) =>
    (
      await db.dataSource.query(
        `SELECT ts.status, ts.progress, ts.overdue, ts.unverified FROM task_status ts JOIN task t ON t.id = ts.task_id JOIN document d ON d.id = t.document_id
           JOIN org_unit p ON p.id = d.province_id WHERE p.code = $1 AND t.code = $2 AND ts.as_of = $3`,
        [province, code, asOf],
      )
    )[0] ?? null;
  const importAt = (text: string, now: string) =>
    new PlanImporter(db.dataSource).run(validPlan(text), {
      fileName: 'kh.yaml',
      actor: 'jest',
      prune: false,
      dryRun: false,
      now: new Date(now),
    });

  beforeAll(async () => {
    db = await createTestDatabase();
  });
  afterAll(() => db?.drop());

  it('a past date sees each task as it stood then: a task completed through the API today is not done in a 2023-Q4 report', async () => {
    await importAt(threeTaskPlan('TAH'), '2026-11-27T02:00:00Z');
    const id = await provinceId('TAH');
    await updateTask('TAH', 'NV1.1', { status: 'done', evidence: { number: '99/BC-STTTT', date: today() } });
    const engine = new RecomputeEngine(db.dataSource, systemClock);
    await engine.recompute({ provinceId: id, trigger: 'outbox', coalesce: true });
    expect(await groupCounts('TAH', today())).toMatchObject({ done: 3, in_progress: 0, total: 3, overdue: 0 });

    const report = await new ReportGenerator(db.dataSource, systemClock).generate({
      province: 'TAH',
      document: '1/KH-UBND',
      period: '2023-Q4',
      formats: ['xlsx'],
      createdBy: 'jest',
    });
    expect(report.data.asOf).toBe('2023-12-31');
    // NV1.1 as the plan file gave it (in progress, 40%, overdue since 30/06); NV1.2 done on 10/07/2023; NV1.3 done, no date given.
    expect(report.data.tasks).toMatchObject({ total: 3, counts: { done: 2, in_progress: 1, not_started: 0 }, overdue: 1 });
    expect(report.data.lateTasks).toEqual([
      {
        lead: 'STTTT',
        leadName: 'Sở Thông tin và Truyền thông',
        tasks: [{ code: 'NV1.1', title: 'Nhiệm vụ 1', due: '2023-06-30', status: 'in_progress', progress: 40, flag: 'overdue' }],
      },
    ]);
    expect(await taskStatus('TAH', 'NV1.1', '2023-12-31')).toEqual({
      status: 'in_progress',
      progress: 40,
      overdue: true,
      unverified: false,
    });
    expect(await taskStatus('TAH', 'NV1.3', '2023-12-31')).toEqual({ status: 'done', progress: null, overdue: false, unverified: true });

    // Before the evidence of NV1.2 it was not done yet; before the plan was issued (10/01/2023) there were no tasks.
    await engine.recompute({ provinceId: id, asOf: '2023-06-30', trigger: 'test' });
    expect(await groupCounts('TAH', '2023-06-30')).toMatchObject({ done: 1, in_progress: 2, total: 3, overdue: 0 });
    expect(await taskStatus('TAH', 'NV1.2', '2023-06-30')).toEqual({
      status: 'in_progress',
      progress: null,
      overdue: false,
      unverified: false,
    });
    await engine.recompute({ provinceId: id, asOf: '2023-01-09', trigger: 'test' });
    expect(await groupCounts('TAH', '2023-01-09')).toMatchObject({ total: 0 });
    expect(await taskStatus('TAH', 'NV1.1', '2023-01-09')).toBeNull();
    // Today's figures are untouched by the passes for earlier dates.
    expect(await groupCounts('TAH', today())).toMatchObject({ done: 3, in_progress: 0, total: 3 });
  });

  it("a re-import that changes a task is recorded at the import's time; dates before it keep the earlier file's state", async () => {
    await importAt(threeTaskPlan('TRI'), '2024-02-01T02:00:00Z');
    const id = await provinceId('TRI');
    await importAt(
      threeTaskPlan('TRI', 'status: done\n            evidence: { number: "5/BC-STTTT", date: 2024-04-20 }'),
      '2024-05-01T02:00:00Z',
    );
    const task = await taskOf('TRI', 'NV1.1');
    const audit = await db.dataSource.query(
      `SELECT at, actor, action, before, after FROM audit_log WHERE entity_kind = 'task' AND entity_id = $1`,
      [task.id],
    );
    expect(audit).toEqual([
      {
        at: new Date('2024-05-01T02:00:00Z'),
        actor: 'jest',
        action: 'task.import',
        before: { status: 'in_progress', progress: 40, evidence: null, file: 'kh.yaml' },
        after: { status: 'done', progress: null, evidence: { number: '5/BC-STTTT', date: '2024-04-20', issuer: null }, file: 'kh.yaml' },
      },
    ]);
    const engine = new RecomputeEngine(db.dataSource, systemClock);
    for (const asOf of ['2024-04-30', '2024-05-01']) await engine.recompute({ provinceId: id, asOf, trigger: 'test' });
    expect(await taskStatus('TRI', 'NV1.1', '2024-04-30')).toMatchObject({ status: 'in_progress', progress: 40 });
    expect(await taskStatus('TRI', 'NV1.1', '2024-05-01')).toMatchObject({ status: 'done', progress: null, unverified: false });
    // The same file again changes nothing and records nothing.
    await importAt(
      threeTaskPlan('TRI', 'status: done\n            evidence: { number: "5/BC-STTTT", date: 2024-04-20 }'),
      '2024-06-01T02:00:00Z',
    );
    const [{ n }] = await db.dataSource.query(`SELECT count(*)::int AS n FROM audit_log WHERE entity_kind = 'task' AND entity_id = $1`, [
      task.id,
    ]);
    expect(n).toBe(1);
  });

  it("a task a later import added is in the plan from the day of that import, not from the plan's issue date", async () => {
    // Plan issued 10/01/2023, first loaded on 01/03/2023; a re-import on 15/01/2026 (10:00 in Hà Nội) adds NV1.4.
    await importAt(threeTaskPlan('TAD'), '2023-03-01T02:00:00Z');
    const added = `          - code: NV1.4
            title: Nhiệm vụ 4
            lead: STTTT
            due: 2026-06-30
            status: not_started
`;
    await importAt(threeTaskPlan('TAD').replace(/^observations:/m, `${added}observations:`), '2026-01-15T03:00:00Z');
    const id = await provinceId('TAD');
    const engine = new RecomputeEngine(db.dataSource, systemClock);
    for (const asOf of ['2023-01-10', '2025-12-31', '2026-01-14', '2026-01-15'])
      await engine.recompute({ provinceId: id, asOf, trigger: 'test' });
    // The tasks of the first load count from the issue date; NV1.4 only from its import's day.
    expect(await taskStatus('TAD', 'NV1.1', '2023-01-10')).toMatchObject({ status: 'in_progress', progress: 40 });
    for (const asOf of ['2023-01-10', '2025-12-31', '2026-01-14']) {
      expect(await taskStatus('TAD', 'NV1.4', asOf)).toBeNull();
      expect(await groupCounts('TAD', asOf)).toMatchObject({ total: 3 });
    }
    expect(await taskStatus('TAD', 'NV1.4', '2026-01-15')).toMatchObject({ status: 'not_started' });
    expect(await groupCounts('TAD', '2026-01-15')).toMatchObject({ total: 4, not_started: 1 });
  });

  it('a change at 23:30 in Hà Nội on the as-of date counts on that date, one at 00:05 the next day does not', async () => {
    await importAt(threeTaskPlan('TTZ'), '2023-03-01T02:00:00Z');
    const id = await provinceId('TTZ');
    const task = await taskOf('TTZ', 'NV1.1');
    // Two updates recorded on the edges of 31/12/2023 there (23:30 and 00:05, UTC+7): 40% → 80%, then done.
    await db.dataSource.query(
      `INSERT INTO audit_log (at, actor, action, entity_kind, entity_id, province_id, before, after) VALUES
         ('2023-12-31T16:30:00Z', 'jest', 'task.update', 'task', $1, $2, '{"status": "in_progress", "progress": 40, "evidence": null}', '{"status": "in_progress", "progress": 80, "evidence": null}'),
         ('2023-12-31T17:05:00Z', 'jest', 'task.update', 'task', $1, $2, '{"status": "in_progress", "progress": 80, "evidence": null}', '{"status": "done", "progress": 100, "evidence": null}')`,
      [task.id, id],
    );
    await db.dataSource.query(`UPDATE task SET status = 'done', progress = 100 WHERE id = $1`, [task.id]);
    const engine = new RecomputeEngine(db.dataSource, systemClock);
    for (const asOf of ['2023-12-30', '2023-12-31', '2024-01-01']) await engine.recompute({ provinceId: id, asOf, trigger: 'test' });
    expect(await taskStatus('TTZ', 'NV1.1', '2023-12-30')).toMatchObject({ status: 'in_progress', progress: 40 });
    expect(await taskStatus('TTZ', 'NV1.1', '2023-12-31')).toMatchObject({ status: 'in_progress', progress: 80 });
    expect(await taskStatus('TTZ', 'NV1.1', '2024-01-01')).toMatchObject({ status: 'done', progress: 100 });
  });

  it("a report for a past period leaves today's pending changes to today's recompute", async () => {
    await new PlanImporter(db.dataSource).run(validPlan(smallPlanText('TPR')), {
      fileName: 't.yaml',
      actor: 'jest',
      prune: false,
      dryRun: false,
      now: new Date(),
    });
    const id = await provinceId('TPR');
    const engine = new RecomputeEngine(db.dataSource, systemClock);
    await engine.recompute({ provinceId: id, trigger: 'outbox', coalesce: true });
    expect(await taskCounts('TPR', today())).toMatchObject({ in_progress: 1, done: 0 });

    await updateTask('TPR', 'NV1.1', { status: 'done', evidence: { number: '12/BC-STTTT', date: today() } });
    const [{ id: outboxId }] = await db.dataSource.query(`SELECT id FROM outbox WHERE province_id = $1 ORDER BY id DESC LIMIT 1`, [id]);
    await new ReportGenerator(db.dataSource, systemClock).generate({
      province: 'TPR',
      document: '1/KH-UBND',
      period: '2023-Q4',
      formats: ['xlsx'],
      createdBy: 'jest',
    });

    // The report's pass (as of 31/12/2023) covered nothing of today: the write's row waits for the worker's job.
    const [row] = await db.dataSource.query(`SELECT processed_at FROM outbox WHERE id = $1`, [outboxId]);
    expect(row.processed_at).toBeNull();
    const job = await engine.recompute({ provinceId: id, trigger: 'outbox', coalesce: true });
    expect(job.runId).not.toBeNull();
    expect(await taskCounts('TPR', today())).toMatchObject({ in_progress: 0, done: 1 });
    const [{ pending }] = await db.dataSource.query(
      `SELECT count(*)::int AS pending FROM outbox WHERE province_id = $1 AND processed_at IS NULL`,
      [id],
    );
    expect(pending).toBe(0);
  });
});
