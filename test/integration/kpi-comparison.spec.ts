import { canonicalOrNull } from '@dx/domain';
import { PlanImporter } from '@dx/db';
import { computeKpiComparisons, KpiRow, PeerObservation, ProvinceInputs, RecomputeEngine, StatusRepository } from '@dx/status-engine';
import { writeObservationValue } from '../factories/observation-write.factory';
import { DA_NANG_FILE, QUANG_NINH_FILE, smallPlanText, validPlan, validPlanFile } from '../factories/plan-file.factory';
import { createTestDatabase, TestDatabase } from '../support/test-database';

const options = { fileName: 't.yaml', actor: 'jest', prune: false, dryRun: false, now: new Date() };

/** Observations that exercise the rules: several sources, ratios, percent from counts, every period length, ties. */
function richPlan(code: string, base: number): string {
  const obs = (period: string, extra: string) => `  - indicator: dvc-toan-trinh\n    org: ${code}\n    period: "${period}"\n${extra}`;
  const lines = [
    obs('2023-10', `    value: ${base}\n`),
    obs('2023-09', `    value: ${base - 2}\n    source: a\n`),
    obs('2023-09', `    value: ${base - 3}\n    source: b\n`),
    obs('2022-10', `    numerator: ${base * 10 - 50}\n    denominator: 1000\n`),
    obs('2023-Q3', `    value: ${base - 1}\n`),
    obs('2023-Q2', `    value: 70\n`),
    obs('2022-Q3', `    value: 0\n`),
    obs('2023-H1', `    value: 75\n`),
    obs('2022-H2', `    value: 72\n`),
    obs('2023', `    value: ${base}\n`),
    obs('2022', `    value: ${base}\n`),
    obs('2024-02-29', `    value: 50\n`),
    obs('2023-02-28', `    value: 40\n`),
    `  - indicator: dvc-toan-trinh\n    org: STTTT\n    period: "2023-10"\n    value: 12\n`,
    `  - indicator: dvc-toan-trinh\n    org: STTTT\n    period: "2023-09"\n    value: 10\n`,
  ];
  return smallPlanText(code).replace(/observations:\n(.*\n)*/, `observations:\n${lines.join('')}`);
}

describe('set-based KPI comparisons agree with the pure domain rules', () => {
  let db: TestDatabase;

  beforeAll(async () => {
    db = await createTestDatabase();
    const importer = new PlanImporter(db.dataSource);
    await importer.run(validPlanFile(QUANG_NINH_FILE), options);
    await importer.run(validPlanFile(DA_NANG_FILE), options);
    await importer.run(validPlan(richPlan('KA', 81)), options);
    await importer.run(validPlan(richPlan('KB', 90)), options);
    await importer.run(validPlan(richPlan('KC', 81)), options); // ties KA
    const engine = new RecomputeEngine(db.dataSource, { now: () => new Date('2024-03-01T00:00:00Z') });
    await engine.recomputeMany(null, { trigger: 'test' });
  });
  afterAll(() => db.drop());

  const codes = ['QNI', 'DNG', 'KA', 'KB', 'KC'];

  it.each(codes)('%s: every comparison stored by the province pass equals computeKpiComparisons', (code) => expectAgreement(code));

  it('a forced national pass writes the same comparisons: unchanged rows are left alone, deleted ones come back', async () => {
    const engine = new RecomputeEngine(db.dataSource, { now: () => new Date('2024-03-01T00:00:00Z') });
    await engine.recomputeMany(null, { trigger: 'test', force: true });
    const [run] = await db.dataSource.query(`SELECT rows_changed FROM recompute_run WHERE kind = 'kpi' AND province_id IS NULL`);
    expect(run).toEqual({ rows_changed: 0 });
    await db.dataSource.query(`DELETE FROM kpi_comparison`);
    await engine.recomputeMany(null, { trigger: 'test', force: true });
    for (const code of codes) await expectAgreement(code);
  });

  it('a pass scoped to written periods leaves every row as a full pass computes it (changed, inserted and deleted values)', async () => {
    const engine = new RecomputeEngine(db.dataSource, { now: () => new Date('2024-03-01T00:00:00Z') });
    await writeObservationValue(db.dataSource, { province: 'KA', indicator: 'dvc-toan-trinh', period: '2023-09' }, '95');
    await writeObservationValue(db.dataSource, { province: 'KB', indicator: 'dvc-toan-trinh', period: '2022-10' }, '1');
    await db.dataSource.transaction(async (m) => {
      // TypeORM returns [rows, count] for a DELETE … RETURNING.
      const [[row]] = await m.query(
        `DELETE FROM observation o USING org_unit u, indicator i
          WHERE u.id = o.org_unit_id AND u.code = 'KC' AND u.kind = 'province' AND i.id = o.indicator_id AND i.code = 'dvc-toan-trinh'
            AND o.period = '2023-Q3' RETURNING u.id, i.id AS indicator_id`,
      );
      await m.query(
        `INSERT INTO outbox (province_id, indicator_id, org_unit_id, period, reason) VALUES ($1, $2, $1, '2023-Q3', 'observation')`,
        [row.id, row.indicator_id],
      );
    });
    const pendingKpiProvinces = async () =>
      (
        await db.dataSource.query(
          `SELECT DISTINCT u.code FROM outbox o JOIN org_unit u ON u.id = o.province_id WHERE o.kpi_processed_at IS NULL ORDER BY 1`,
        )
      ).map((r: { code: string }) => r.code);
    expect(await pendingKpiProvinces()).toEqual(['KA', 'KB', 'KC']);
    // One outbox job (KA's) also takes the other provinces' pending KPI rows, as its status pass takes their statuses,
    // KC's deleted value among them (its own and the other provinces' ranks for that period move).
    const ka = (await new StatusRepository(db.dataSource.manager).provinceIdByCode('KA'))!;
    const outcome = await engine.recompute({ provinceId: ka, trigger: 'outbox', coalesce: true });
    expect(outcome.kpiRowsChanged).toBeGreaterThan(0);
    expect(await pendingKpiProvinces()).toEqual([]);
    const runs = await db.dataSource.query(
      `SELECT u.code FROM recompute_run r JOIN org_unit u ON u.id = r.province_id WHERE r.kind = 'kpi' AND r.trigger = 'outbox' ORDER BY r.started_at, u.code`,
    );
    // One pass (one statement) for the three provinces, recorded under the job's own.
    expect(runs.map((r: { code: string }) => r.code)).toEqual(['KA']);
    for (const code of codes) await expectAgreement(code);
  });

  async function expectAgreement(code: string): Promise<void> {
    const repo = new StatusRepository(db.dataSource.manager);
    const provinceId = (await repo.provinceIdByCode(code))!;
    const inputs = (await repo.loadInputs([provinceId], '2024-03-01')).get(provinceId)!;
    const full: ProvinceInputs = {
      ...inputs,
      observations: await db.dataSource.query(
        `SELECT o.indicator_id AS "indicatorId", o.org_unit_id AS "orgUnitId", o.period, o.period_kind AS "periodKind",
                o.period_start AS "periodStart", o.period_end AS "periodEnd", o.value::text AS value, o.numerator::text AS numerator,
                o.denominator::text AS denominator, o.source
           FROM observation o JOIN org_unit u ON u.id = o.org_unit_id WHERE u.province_id = $1`,
        [provinceId],
      ),
      indicators: await db.dataSource.query(
        `SELECT i.id, i.code, i.kind, i.scale::text AS scale, i.direction,
                CASE WHEN pi.national_target_op IS NULL THEN NULL
                     ELSE jsonb_build_object('op', pi.national_target_op, 'value', trim_scale(pi.national_target_value)::text) END AS "nationalTarget"
           FROM indicator i LEFT JOIN province_indicator pi ON pi.indicator_id = i.id AND pi.province_id = $1`,
        [provinceId],
      ),
    };
    const peers: PeerObservation[] = await db.dataSource.query(
      `SELECT o.indicator_id AS "indicatorId", u.id AS "provinceId", u.code AS "provinceCode", o.period, o.period_kind AS "periodKind",
              o.period_start AS "periodStart", o.period_end AS "periodEnd", o.value::text AS value, o.numerator::text AS numerator,
              o.denominator::text AS denominator, o.source
         FROM observation o JOIN org_unit u ON u.id = o.org_unit_id AND u.kind = 'province'`,
    );
    for (const o of [...full.observations, ...peers]) {
      for (const f of ['value', 'numerator', 'denominator'] as const) o[f] = canonicalOrNull(o[f]);
    }
    const expected = computeKpiComparisons(full, peers).map(normalise);
    const stored = (
      await db.dataSource.query(
        `SELECT indicator_id, org_unit_id, period, period_end, value::text AS value, previous_period, previous_value::text AS previous_value,
                previous_change::text AS previous_change, previous_change_rel::text AS previous_change_rel, year_ago_period,
                year_ago_value::text AS year_ago_value, year_ago_change::text AS year_ago_change,
                year_ago_change_rel::text AS year_ago_change_rel, goal_targets, national_target, rank, rank_of, percentile::text AS percentile
           FROM kpi_comparison WHERE province_id = $1`,
        [provinceId],
      )
    )
      // eslint-disable-next-line @typescript-eslint/no-explicit-any -- raw SQL rows: each column is read and converted where it is used
      .map((r: Record<string, any>): KpiRow =>
        normalise({
          indicatorId: r.indicator_id,
          orgUnitId: r.org_unit_id,
          period: r.period,
          periodEnd: r.period_end,
          value: r.value,
          previousPeriod: r.previous_period,
          previousValue: r.previous_value,
          previousChange: r.previous_change,
          previousChangeRel: r.previous_change_rel,
          yearAgoPeriod: r.year_ago_period,
          yearAgoValue: r.year_ago_value,
          yearAgoChange: r.year_ago_change,
          yearAgoChangeRel: r.year_ago_change_rel,
          goalTargets: r.goal_targets,
          nationalTarget: r.national_target,
          rank: r.rank,
          rankOf: r.rank_of,
          percentile: r.percentile,
        }),
      );
    expect(expected.length).toBeGreaterThan(0);
    expect(sorted(stored)).toEqual(sorted(expected));
  }

  it('ranks ties as equals, and the rank after a tie skips', async () => {
    const rows = await db.dataSource.query(
      `SELECT u.code, k.rank, k.rank_of FROM kpi_comparison k JOIN org_unit u ON u.id = k.org_unit_id JOIN indicator i ON i.id = k.indicator_id
        WHERE i.code = 'dvc-toan-trinh' AND k.period = '2023-10' AND u.kind = 'province' ORDER BY u.code`,
    );
    // KB 90, DNG's sample value, KA and KC 81 each.
    expect(rows).toEqual([
      { code: 'DNG', rank: 2, rank_of: 4 },
      { code: 'KA', rank: 3, rank_of: 4 },
      { code: 'KB', rank: 1, rank_of: 4 },
      { code: 'KC', rank: 3, rank_of: 4 },
    ]);
  });
});

function normalise(k: KpiRow): KpiRow {
  const n = (v: string | null) => canonicalOrNull(v);
  return {
    ...k,
    value: n(k.value)!,
    previousValue: n(k.previousValue),
    previousChange: n(k.previousChange),
    previousChangeRel: n(k.previousChangeRel),
    yearAgoValue: n(k.yearAgoValue),
    yearAgoChange: n(k.yearAgoChange),
    yearAgoChangeRel: n(k.yearAgoChangeRel),
    percentile: n(k.percentile),
    goalTargets: [...k.goalTargets].sort((a, b) => a.goalId.localeCompare(b.goalId)),
  };
}

function sorted(rows: KpiRow[]): KpiRow[] {
  return [...rows].sort((a, b) =>
    `${a.indicatorId}|${a.orgUnitId}|${a.period}`.localeCompare(`${b.indicatorId}|${b.orgUnitId}|${b.period}`),
  );
}
