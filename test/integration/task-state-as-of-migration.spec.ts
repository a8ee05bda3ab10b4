import { PlanImporter } from '@dx/db';
import { todayIn } from '@dx/domain';
import { readProvinceSummary, RecomputeEngine, StatusRepository, systemClock, TIME_ZONE } from '@dx/status-engine';
import { TaskStateAsOf1765353600000 } from '@dx/migrations/1765353600000-task-state-as-of';
import { smallPlanText, validPlan } from '../factories/plan-file.factory';
import { createTestDatabase, TestDatabase } from '../support/test-database';

describe('migration 1765353600000-task-state-as-of (real PostgreSQL)', () => {
  let db: TestDatabase;
  const count = async (sql: string, params: unknown[]) => (await db.dataSource.query(sql, params))[0].n as number;

  beforeAll(async () => {
    db = await createTestDatabase();
  });
  afterAll(() => db?.drop());

  it("forgets what was computed for past dates from today's task rows, so they are recomputed when asked for; today's stays", async () => {
    await new PlanImporter(db.dataSource).run(validPlan(smallPlanText('TMG')), {
      fileName: 'kh.yaml',
      actor: 'jest',
      prune: false,
      dryRun: false,
      now: new Date('2023-03-01T02:00:00Z'),
    });
    const id = (await new StatusRepository(db.dataSource.manager).provinceIdByCode('TMG'))!;
    const today = todayIn(TIME_ZONE, new Date());
    const engine = new RecomputeEngine(db.dataSource, systemClock);
    for (const asOf of [today, '2023-12-31']) await engine.recompute({ provinceId: id, asOf, trigger: 'test' });
    expect((await readProvinceSummary(db.dataSource, 'TMG', '2023-12-31'))?.computedAt).not.toBeNull();

    // The database as the previous release left it, then this migration.
    const migration = new TaskStateAsOf1765353600000();
    const runner = db.dataSource.createQueryRunner();
    try {
      await migration.down(runner);
      await migration.up(runner);
    } finally {
      await runner.release();
    }

    const past = await readProvinceSummary(db.dataSource, 'TMG', '2023-12-31');
    expect(past?.computedAt).toBeNull();
    expect(past?.totals).toEqual({ goals: null, tasks: null });
    const rows = (table: string, asOf: string) => count(`SELECT count(*)::int AS n FROM ${table} WHERE as_of = $1`, [asOf]);
    expect(await rows('task_status', '2023-12-31')).toBe(0);
    expect(await rows('recompute_run', '2023-12-31')).toBe(0);
    expect(
      await count(`SELECT count(*)::int AS n FROM status_event WHERE as_of = $1 AND entity_kind IN ('task', 'rollup')`, ['2023-12-31']),
    ).toBe(0);
    // Goal statuses do not read tasks: kept.
    expect(await rows('goal_status', '2023-12-31')).toBeGreaterThan(0);
    // Today's results are the task rows' states, still computed.
    expect((await readProvinceSummary(db.dataSource, 'TMG', today))?.computedAt).not.toBeNull();
    expect(await db.dataSource.query(`SELECT status, progress FROM task_status WHERE as_of = $1`, [today])).toEqual([
      { status: 'in_progress', progress: 40 },
    ]);

    // Asked for again (as `cli status --as-of` and the summary do), the past date is computed from the tasks' history.
    await engine.recompute({ provinceId: id, asOf: '2023-12-31', trigger: 'test' });
    const recomputed = await readProvinceSummary(db.dataSource, 'TMG', '2023-12-31');
    expect(recomputed?.computedAt).not.toBeNull();
    expect(recomputed?.totals.tasks).toMatchObject({ total: 1, counts: { in_progress: 1 } });
    expect(await db.dataSource.query(`SELECT status, progress FROM task_status WHERE as_of = '2023-12-31'`)).toEqual([
      { status: 'in_progress', progress: 40 },
    ]);
  });
});
