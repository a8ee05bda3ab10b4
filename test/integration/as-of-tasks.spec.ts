import { writeTaskUpdate } from '../../apps/api/src/task/task-writes';
import { PlanImporter, TaskRepository } from '../../libs/db/src';
import { applyTaskUpdate, Principal, TaskPatch, todayIn } from '../../libs/domain/src';
import { RecomputeEngine, ReportGenerator, StatusRepository, systemClock, TIME_ZONE } from '../../libs/status-engine/src';
import { smallPlanText, validPlan } from '../factories/plan-file.factory';
import { createTestDatabase, TestDatabase } from '../support/test-database';

const officer: Principal = { userId: '00000000-0000-4000-8000-000000000001', username: 'officer-jest', role: 'officer', orgUnitId: null, provinceId: null, scopes: null };

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
    const written = await writeTaskUpdate(db.dataSource, before, applyTaskUpdate(before, patch, today()), undefined, {
      principal: officer, updatedBy: officer.username, meta: { ip: null, requestId: null },
    }, today());
    expect(written).not.toBeNull();
  };
  const taskCounts = async (province: string, asOf: string) => {
    const [row] = await db.dataSource.query(
      `SELECT r.task_counts FROM rollup r JOIN org_unit p ON p.id = r.province_id WHERE p.code = $1 AND r.scope_kind = 'province' AND r.as_of = $2`,
      [province, asOf],
    );
    return row?.task_counts as Record<string, number> | undefined;
  };

  beforeAll(async () => {
    db = await createTestDatabase();
  });
  afterAll(() => db?.drop());

  it("a report for a past period leaves today's pending changes to today's recompute", async () => {
    await new PlanImporter(db.dataSource).run(validPlan(smallPlanText('TPR')), { fileName: 't.yaml', actor: 'jest', prune: false, dryRun: false, now: new Date() });
    const id = await provinceId('TPR');
    const engine = new RecomputeEngine(db.dataSource, systemClock);
    await engine.recompute({ provinceId: id, trigger: 'outbox', coalesce: true });
    expect(await taskCounts('TPR', today())).toMatchObject({ in_progress: 1, done: 0 });

    await updateTask('TPR', 'NV1.1', { status: 'done', evidence: { number: '12/BC-STTTT', date: today() } });
    const [{ id: outboxId }] = await db.dataSource.query(`SELECT id FROM outbox WHERE province_id = $1 ORDER BY id DESC LIMIT 1`, [id]);
    await new ReportGenerator(db.dataSource, systemClock).generate({ province: 'TPR', document: '1/KH-UBND', period: '2023-Q4', formats: ['xlsx'], createdBy: 'jest' });

    // The report's pass (as of 31/12/2023) covered nothing of today: the write's row waits for the worker's job.
    const [row] = await db.dataSource.query(`SELECT processed_at FROM outbox WHERE id = $1`, [outboxId]);
    expect(row.processed_at).toBeNull();
    const job = await engine.recompute({ provinceId: id, trigger: 'outbox', coalesce: true });
    expect(job.runId).not.toBeNull();
    expect(await taskCounts('TPR', today())).toMatchObject({ in_progress: 0, done: 1 });
    const [{ pending }] = await db.dataSource.query(`SELECT count(*)::int AS pending FROM outbox WHERE province_id = $1 AND processed_at IS NULL`, [id]);
    expect(pending).toBe(0);
  });
});
