import { PlanImporter } from '@dx/db';
import { KpiComparisonSetChecks1770000000070 } from '@dx/migrations/1770000000070-kpi-comparison-set-checks';
import { RecomputeEngine } from '@dx/status-engine';
import { QUANG_NINH_FILE, smallPlanText, validPlan, validPlanFile } from '../factories/plan-file.factory';
import { createTestDatabase, TestDatabase } from '../support/test-database';

/**
 * Migration 1770000000070: kpi_comparison without per-row foreign keys, whose delete rules are kept by
 * statement-level triggers (a deleted indicator or org unit takes its comparisons, a deleted run is no longer named).
 */
describe('KPI comparisons follow deletes without per-row foreign keys (real PostgreSQL)', () => {
  let db: TestDatabase;
  const options = { fileName: 't.yaml', actor: 'jest', prune: false, dryRun: false, now: new Date() };
  const count = async (sql: string, params: unknown[] = []) => (await db.dataSource.query(sql, params))[0].n as number;

  beforeAll(async () => {
    db = await createTestDatabase();
    await new PlanImporter(db.dataSource).run(validPlanFile(QUANG_NINH_FILE), options);
    await new PlanImporter(db.dataSource).run(validPlan(smallPlanText('TMG')), options);
    await new RecomputeEngine(db.dataSource, { now: () => new Date('2024-03-01T00:00:00Z') }).recomputeMany(null, { trigger: 'test' });
  });
  afterAll(() => db?.drop());

  it('has no foreign keys on kpi_comparison, and writes it as before', async () => {
    expect(await count(`SELECT count(*)::int AS n FROM pg_constraint WHERE conrelid = 'kpi_comparison'::regclass AND contype = 'f'`)).toBe(
      0,
    );
    expect(await count(`SELECT count(*)::int AS n FROM kpi_comparison`)).toBeGreaterThan(0);
  });

  it('a deleted org unit takes the comparisons of its own rows and, for a province, of its whole province', async () => {
    const [tmg] = await db.dataSource.query(`SELECT id FROM org_unit WHERE code = 'TMG' AND kind = 'province'`);
    const before = await count(`SELECT count(*)::int AS n FROM kpi_comparison WHERE province_id = $1`, [tmg.id]);
    expect(before).toBeGreaterThan(0);
    // A comparison naming the province only as its province (an org unit of it that is not deleted here).
    await db.dataSource.query(
      `INSERT INTO kpi_comparison (indicator_id, org_unit_id, period, period_end, province_id, value, previous_period, year_ago_period, goal_targets, computed_at)
       SELECT indicator_id, gen_random_uuid(), period, period_end, province_id, value, previous_period, year_ago_period, goal_targets, computed_at
         FROM kpi_comparison WHERE province_id = $1 LIMIT 1`,
      [tmg.id],
    );
    const others = await count(`SELECT count(*)::int AS n FROM kpi_comparison WHERE province_id <> $1`, [tmg.id]);
    await db.dataSource.transaction(async (m) => {
      // Everything else naming the province goes first (their own foreign keys), then the province itself.
      for (const table of ['observation', 'reported_claim', 'goal', 'task', 'goal_group', 'task_group', 'document'])
        await m.query(
          `DELETE FROM ${table} WHERE ${table === 'observation' ? 'org_unit_id IN (SELECT id FROM org_unit WHERE province_id = $1)' : table === 'document' ? 'province_id = $1' : 'document_id IN (SELECT id FROM document WHERE province_id = $1)'}`,
          [tmg.id],
        );
      await m.query(`DELETE FROM org_unit WHERE province_id = $1 AND id <> $1`, [tmg.id]);
      expect(await m.query(`SELECT count(*)::int AS n FROM kpi_comparison WHERE org_unit_id <> $1 AND province_id = $1`, [tmg.id])).toEqual(
        [{ n: 1 }],
      );
      await m.query(`DELETE FROM org_unit WHERE id = $1`, [tmg.id]);
    });
    expect(await count(`SELECT count(*)::int AS n FROM kpi_comparison WHERE province_id = $1`, [tmg.id])).toBe(0);
    expect(await count(`SELECT count(*)::int AS n FROM kpi_comparison`)).toBe(others);
  });

  it('a deleted indicator takes its comparisons; a deleted recompute run is no longer named', async () => {
    const [{ indicator_id: indicatorId, n }] = await db.dataSource.query(
      `SELECT indicator_id, count(*)::int AS n FROM kpi_comparison GROUP BY indicator_id ORDER BY 2 DESC LIMIT 1`,
    );
    const total = await count(`SELECT count(*)::int AS n FROM kpi_comparison`);
    await db.dataSource.transaction(async (m) => {
      for (const table of ['observation', 'province_indicator'])
        await m.query(`DELETE FROM ${table} WHERE indicator_id = $1`, [indicatorId]);
      await m.query(
        `UPDATE goal SET indicator_id = NULL, target_op = NULL, target_value = NULL, kind = 'milestone' WHERE indicator_id = $1`,
        [indicatorId],
      );
      await m.query(`DELETE FROM indicator WHERE id = $1`, [indicatorId]);
    });
    expect(await count(`SELECT count(*)::int AS n FROM kpi_comparison WHERE indicator_id = $1`, [indicatorId])).toBe(0);
    expect(await count(`SELECT count(*)::int AS n FROM kpi_comparison`)).toBe(total - n);

    const named = await count(`SELECT count(*)::int AS n FROM kpi_comparison WHERE recompute_id IS NOT NULL`);
    expect(named).toBeGreaterThan(0);
    await db.dataSource.query(`DELETE FROM recompute_run WHERE kind = 'kpi'`);
    expect(await count(`SELECT count(*)::int AS n FROM kpi_comparison WHERE recompute_id IS NOT NULL`)).toBe(0);
    expect(await count(`SELECT count(*)::int AS n FROM kpi_comparison`)).toBe(total - n);
  });

  it('down puts the foreign keys back, up takes them off again', async () => {
    const migration = new KpiComparisonSetChecks1770000000070();
    const runner = db.dataSource.createQueryRunner();
    const keys = () => count(`SELECT count(*)::int AS n FROM pg_constraint WHERE conrelid = 'kpi_comparison'::regclass AND contype = 'f'`);
    try {
      await migration.down(runner);
      expect(await keys()).toBe(4);
      await migration.up(runner);
      expect(await keys()).toBe(0);
    } finally {
      await runner.release();
    }
  });
});
