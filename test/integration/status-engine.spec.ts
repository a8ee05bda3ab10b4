import { importDtiDirectory, PlanImporter } from '@dx/db';
import { Clock, computeProvinceStatus, readProvinceSummary, RecomputeEngine, StatusRepository } from '@dx/status-engine';
import { writeObservationValue } from '../factories/observation-write.factory';
import { DTI_DIRECTORY, QUANG_NINH_FILE, smallPlanText, validPlan, validPlanFile } from '../factories/plan-file.factory';
import { createTestDatabase, snapshot, TestDatabase } from '../support/test-database';

const importOptions = { fileName: 't.yaml', actor: 'jest', prune: false, dryRun: false, now: new Date('2023-11-01T00:00:00Z') };

class FixedClock implements Clock {
  constructor(public instant: Date) {}
  now(): Date {
    return this.instant;
  }
}

describe('RecomputeEngine against PostgreSQL', () => {
  let db: TestDatabase;
  let clock: FixedClock;
  let engine: RecomputeEngine;
  const provinceId = (code: string) => new StatusRepository(db.dataSource.manager).provinceIdByCode(code) as Promise<string>;

  beforeAll(async () => {
    db = await createTestDatabase();
    clock = new FixedClock(new Date('2023-10-31T03:00:00Z'));
    engine = new RecomputeEngine(db.dataSource, clock);
    const importer = new PlanImporter(db.dataSource);
    await importer.run(validPlanFile(QUANG_NINH_FILE), importOptions);
    await importDtiDirectory(db.dataSource, DTI_DIRECTORY);
    await importer.run(validPlan(smallPlanText('TSA')), importOptions);
    await importer.run(
      validPlan(smallPlanText('TSB').replace('value: 81\n    numerator: 810', 'value: 90\n    numerator: 900')),
      importOptions,
    );
  });
  afterAll(() => db.drop());

  it('computes the Quảng Ninh national 2023 targets: reported 6/9 with 4 open is self-inconsistent, the data gives 5/9', async () => {
    const outcome = await engine.recompute({ provinceId: await provinceId('QNI'), trigger: 'test' });
    expect(outcome).toMatchObject({ asOf: '2023-10-31', skipped: false });
    const summary = (await readProvinceSummary(db.dataSource, 'QNI', '2023-10-31'))!;
    const national = summary.documents.find((d) => d.scope === 'national')!;
    expect(national.rollup.goals).toMatchObject({ met: 5, total: 9, declared: 9 });
    expect(national.claims).toHaveLength(1);
    expect(national.claims[0]).toMatchObject({ met: 6, of: 9, open: 4 });
    expect(national.claims[0].reconciliation).toMatchObject({
      verdict: 'self_inconsistent',
      selfInconsistent: true,
      differs: true,
      computedMet: 5,
      computedTotal: 9,
    });
    expect(national.goalGroups[0].goals.filter((g) => g.unverified)).toHaveLength(5);
    const plan = summary.documents.find((d) => d.code === '37/KH-UBND')!;
    expect(plan.rollup.goals).toMatchObject({ recorded: 0, declared: 44 });
    expect(plan.rollup.tasks).toMatchObject({ recorded: 0, declared: 92 });
  });

  it('compares the 81% online-service KPI with its national target and shows 99.2% cashless revenue, once their period has ended', async () => {
    clock.instant = new Date('2024-01-15T03:00:00Z');
    await engine.recompute({ provinceId: await provinceId('QNI'), trigger: 'test' });
    const summary = (await readProvinceSummary(db.dataSource, 'QNI', '2024-01-15'))!;
    const kpi = (code: string) => summary.kpis.find((k) => k.indicator.code === code)!;
    expect(kpi('dvc-toan-trinh')).toMatchObject({
      value: '81',
      nationalTarget: { op: '>=', target: '80', gap: '1', met: true, attainment: '1.0125' },
    });
    expect(kpi('thu-nsnn-khong-tien-mat')).toMatchObject({ value: '99.2', goalTargets: [], nationalTarget: null });
    expect(kpi('dti-diem')).toMatchObject({ value: '0.7024', previous: { period: '2021', value: '0.4972', change: '0.2052' } });
    // A goal due at the end of 2023 without data is no_data, not not_met.
    const goals = summary.documents.flatMap((d) => d.goalGroups.flatMap((g) => g.goals));
    expect(goals.find((g) => g.code === 'MT2.1')).toMatchObject({ status: 'met', actual: '3' });
  });

  it('is idempotent: a second run is skipped, a forced one changes no row and logs no event', async () => {
    const id = await provinceId('QNI');
    const before = await snapshot(db.dataSource);
    expect(await engine.recompute({ provinceId: id, trigger: 'test' })).toMatchObject({ skipped: true, rowsChanged: 0 });
    const forced = await engine.recompute({ provinceId: id, trigger: 'test', force: true });
    expect(forced).toMatchObject({ skipped: false, rowsChanged: 0, events: 0 });
    const after = await snapshot(db.dataSource);
    for (const table of ['goal_status', 'rollup', 'reconciliation', 'kpi_comparison', 'status_event', 'task_status']) {
      expect(after[table]).toEqual(before[table]);
    }
  });

  it('rolls the as-of date at midnight in Asia/Ho_Chi_Minh: goals turn not_met and tasks overdue with no write', async () => {
    const id = await provinceId('TSA');
    await db.dataSource.query(
      `UPDATE task SET due = '2023-11-30' WHERE code = 'NV1.1' AND document_id IN (SELECT id FROM document WHERE province_id = $1)`,
      [id],
    );
    clock.instant = new Date('2023-11-30T16:59:00Z'); // 23:59 on 30/11 in Hà Nội
    expect(engine.today()).toBe('2023-11-30');
    await engine.recompute({ provinceId: id, trigger: 'schedule:daily' });
    const status = async (asOf: string) => {
      const s = (await readProvinceSummary(db.dataSource, 'TSA', asOf))!;
      return s.documents[0].goalGroups[0].goals.find((g) => g.code === 'MT1.2')!.status;
    };
    expect(await status('2023-11-30')).toBe('in_progress');
    clock.instant = new Date('2023-11-30T17:05:00Z'); // 00:05 on 1/12
    expect(engine.today()).toBe('2023-12-01');
    await engine.recompute({ provinceId: id, trigger: 'schedule:daily' });
    expect(await status('2023-12-01')).toBe('not_met');
    const events = await db.dataSource.query(
      `SELECT entity_kind, field, from_value, to_value, as_of, reason FROM status_event WHERE province_id = $1 AND as_of = '2023-12-01' ORDER BY id`,
      [id],
    );
    expect(events).toEqual(
      expect.arrayContaining([
        {
          entity_kind: 'goal',
          field: 'status',
          from_value: 'in_progress',
          to_value: 'not_met',
          as_of: '2023-12-01',
          reason: 'schedule:daily',
        },
        { entity_kind: 'task', field: 'overdue', from_value: 'false', to_value: 'true', as_of: '2023-12-01', reason: 'schedule:daily' },
      ]),
    );
    // Rollups log only what moved since the previous day: the met counts did not, so nothing.
    const [rollupEvents] = await db.dataSource.query(
      `SELECT count(*)::int AS n FROM status_event WHERE province_id = $1 AND as_of = '2023-12-01' AND entity_kind = 'rollup'`,
      [id],
    );
    expect(rollupEvents.n).toBe(0);
    const [overdue] = await db.dataSource.query(
      `SELECT tasks_overdue FROM rollup WHERE province_id = $1 AND scope_kind = 'province' AND as_of = '2023-12-01'`,
      [id],
    );
    expect(overdue.tasks_overdue).toBe(1);
  });

  it('ranks provinces against each other and refreshes the other province when one changes', async () => {
    clock.instant = new Date('2023-11-15T03:00:00Z');
    const [a, b] = [await provinceId('TSA'), await provinceId('TSB')];
    await engine.recompute({ provinceId: a, trigger: 'test' });
    await engine.recompute({ provinceId: b, trigger: 'test' });
    const rank = async (code: string) =>
      (await readProvinceSummary(db.dataSource, code, '2023-11-15'))!.kpis.find((k) => k.indicator.code === 'dvc-toan-trinh')!.rank;
    // TSB 90 > TSA 81; QNI has no 2023-10 value for this indicator.
    expect(await rank('TSB')).toEqual({ rank: 1, of: 2, percentile: '100', source: 'observations' });
    expect(await rank('TSA')).toEqual({ rank: 2, of: 2, percentile: '0', source: 'observations' });
    await writeObservationValue(db.dataSource, { province: 'TSA', indicator: 'dvc-toan-trinh', period: '2023-10' }, '95');
    await engine.recompute({ provinceId: a, trigger: 'observation' });
    expect(await rank('TSA')).toEqual({ rank: 1, of: 2, percentile: '100', source: 'observations' });
    expect(await rank('TSB')).toEqual({ rank: 2, of: 2, percentile: '0', source: 'observations' });
  });

  it('an outbox job recomputes the comparisons of the (indicator, org unit) that changed, and nothing when nothing is pending', async () => {
    const id = await provinceId('QNI');
    clock.instant = new Date('2024-01-20T03:00:00Z');
    await engine.recompute({ provinceId: id, trigger: 'test' });
    const stamp = async (indicator: string) =>
      (
        await db.dataSource.query(
          `SELECT k.recompute_id, k.value::text AS value FROM kpi_comparison k JOIN indicator i ON i.id = k.indicator_id
            WHERE k.org_unit_id = $1 AND i.code = $2 ORDER BY k.period DESC LIMIT 1`,
          [id, indicator],
        )
      )[0];
    const untouched = await stamp('dti-diem');
    await writeObservationValue(db.dataSource, { province: 'QNI', indicator: 'thu-nsnn-khong-tien-mat', period: '2023-H2' }, '99.5');
    const outcome = await engine.recompute({ provinceId: id, trigger: 'outbox' });
    expect(outcome.skipped).toBe(false);
    expect(outcome.kpiRowsChanged).toBeGreaterThan(0);
    expect((await stamp('thu-nsnn-khong-tien-mat')).value).toBe('99.5');
    expect(await stamp('dti-diem')).toEqual(untouched);
    expect(await engine.recompute({ provinceId: id, trigger: 'outbox' })).toMatchObject({ skipped: true, rowsChanged: 0 });
    // The scoped pass left every row as a full pass computes it.
    expect(await engine.recompute({ provinceId: id, trigger: 'test', force: true })).toMatchObject({
      skipped: false,
      rowsChanged: 0,
      events: 0,
    });
  });

  it.each(['QNI', 'TSA', 'TSB'])('%s: statuses from the pre-filtered observations equal those from every observation', async (code) => {
    const repo = new StatusRepository(db.dataSource.manager);
    const id = await provinceId(code);
    for (const asOf of ['2023-06-30', '2023-10-31', '2024-01-15', '2030-01-01']) {
      const inputs = (await repo.loadInputs([id], asOf)).get(id)!;
      const every = await db.dataSource.query(
        `SELECT o.indicator_id AS "indicatorId", o.org_unit_id AS "orgUnitId", o.period, o.period_kind AS "periodKind",
                o.period_start AS "periodStart", o.period_end AS "periodEnd", o.value::text AS value, o.numerator::text AS numerator,
                o.denominator::text AS denominator, o.source
           FROM observation o WHERE o.org_unit_id = $1`,
        [id],
      );
      // Quảng Ninh has several periods per indicator, so the filter leaves some out; the small plans have one value each.
      expect(every.length).toBeGreaterThan(code === 'QNI' ? inputs.observations.length : 0);
      expect(computeProvinceStatus(inputs, asOf)).toEqual(computeProvinceStatus({ ...inputs, observations: every }, asOf));
    }
  });

  it('marks the outbox processed up to the rows it saw', async () => {
    const id = await provinceId('TSB');
    await writeObservationValue(db.dataSource, { province: 'TSB', indicator: 'dvc-toan-trinh', period: '2023-10' }, '91');
    const [{ pending }] = await db.dataSource.query(
      `SELECT count(*)::int AS pending FROM outbox WHERE province_id = $1 AND processed_at IS NULL`,
      [id],
    );
    expect(pending).toBeGreaterThan(0);
    await engine.recompute({ provinceId: id, trigger: 'observation' });
    const [{ left }] = await db.dataSource.query(
      `SELECT count(*)::int AS left FROM outbox WHERE province_id = $1 AND processed_at IS NULL`,
      [id],
    );
    expect(left).toBe(0);
  });
});
