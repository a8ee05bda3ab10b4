/**
 * The stages of the synthetic dataset (dataset.ts runs them in this order), each set-based
 * INSERT … SELECT … generate_series through `step`, which reports its row count and time.
 */
import type { BenchShape } from './dataset';

/** Runs one statement as a named stage and returns the rows it wrote. */
export type Step = (stage: string, sql: string, params?: unknown[]) => Promise<number>;

/** The first months of the province-level and commune-level observations. */
export const PROVINCE_FIRST_MONTH = '2021-01-01';
export const COMMUNE_FIRST_MONTH = '2023-01-01';

/** The same id in SQL as benchUuid (dataset.ts) gives for a key. */
const UUID_SQL = (key: string) => `overlay(overlay(md5(${key}) placing '4' from 13) placing '8' from 17)::uuid`;

/** SQL expressions shared by the generator: ids from the same keys as benchUuid. */
const PROV = (p: string) => UUID_SQL(`'dxb:prov:' || ${p}`);
const DOC = (p: string, d: string) => UUID_SQL(`'dxb:doc:' || ${p} || ':' || ${d}`);
const GG = (p: string, d: string, g: string) => UUID_SQL(`'dxb:gg:' || ${p} || ':' || ${d} || ':' || ${g}`);
const TG = (p: string, d: string, g: string) => UUID_SQL(`'dxb:tg:' || ${p} || ':' || ${d} || ':' || ${g}`);
const IND = (i: string) => UUID_SQL(`'dxb:ind:' || ${i}`);
const DEPT = (p: string, k: string) => UUID_SQL(`'dxb:dept:' || ${p} || ':' || ${k}`);
const COMM = (c: string) => UUID_SQL(`'dxb:comm:' || ${c}`);

/**
 * Values are stored canonically (36.3, not 36.30), as the plan importer writes them.
 * BENCH_NONCANONICAL_VALUES=1 keeps numeric scale 2 (36.30) instead, which the engine's
 * diff does not treat as equal to its stored canonical copy (see docs/benchmarks.md).
 */
export const CANONICAL_VALUES = process.env.BENCH_NONCANONICAL_VALUES !== '1';
const TRIM = CANONICAL_VALUES ? 'trim_scale(' : '';
const TRIM_END = CANONICAL_VALUES ? ')' : '';

/**
 * Province-level value of indicator i in month m (0 = 2021-01): a trend (up, or down for
 * every 7th indicator, which is a "lower is better" one) plus a periodic wiggle.
 */
const PROVINCE_VALUE = (p: string, i: string, m: string) =>
  `${TRIM}round(((CASE WHEN ${i} % 7 = 0 THEN 100 ELSE 20 END) + ${i} % 50 + ${p} % 10
          + (CASE WHEN ${i} % 7 = 0 THEN -0.8 ELSE 0.8 END) * ${m} + ((${p} * 37 + ${i} * 11 + ${m} * 5) % 13) * 0.5)::numeric, 2)${TRIM_END}`;
const COMMUNE_VALUE = (c: string, i: string, m: string) =>
  `${TRIM}round(((CASE WHEN ${i} % 7 = 0 THEN 90 ELSE 10 END) + ${i} % 50 + ${c} % 17
          + (CASE WHEN ${i} % 7 = 0 THEN -0.5 ELSE 0.5 END) * ${m} + ((${c} * 13 + ${i} * 7 + ${m} * 3) % 11) * 0.5)::numeric, 2)${TRIM_END}`;

/** Provinces, their departments and the communes (spread round-robin over the provinces). */
async function insertOrgUnits(step: Step, shape: BenchShape): Promise<void> {
  const { provinces: P, communes: C } = shape;
  await step(
    'provinces',
    `INSERT INTO org_unit (id, province_id, code, name, kind, position)
     SELECT ${PROV('p')}, ${PROV('p')}, 'P' || lpad(p::text, 2, '0'), 'Tỉnh ' || p, 'province', p
       FROM generate_series(1, $1::int) p`,
    [P],
  );
  await step(
    'departments',
    `INSERT INTO org_unit (id, province_id, code, name, kind, parent_id, position)
     SELECT ${DEPT('p', 'k')}, ${PROV('p')}, 'SO' || lpad(k::text, 2, '0'), 'Sở ' || k || ' tỉnh ' || p,
            'department', ${PROV('p')}, k
       FROM generate_series(1, $1::int) p, generate_series(1, $2::int) k`,
    [P, shape.departmentsPerProvince],
  );
  await step(
    'communes',
    `INSERT INTO org_unit (id, province_id, code, name, kind, parent_id, position)
     SELECT ${COMM('c')}, ${PROV('p')}, 'X' || lpad(c::text, 5, '0'), 'Xã ' || c, 'commune', ${PROV('p')}, c
       FROM generate_series(1, $1::int) c, LATERAL (SELECT (c - 1) % $2::int + 1 AS p) x`,
    [C, P],
  );
}

/** Indicators, and every province declaring all of them (some with a national target). */
async function insertIndicators(step: Step, shape: BenchShape): Promise<void> {
  const { provinces: P, indicators: I } = shape;
  await step(
    'indicators',
    `INSERT INTO indicator (id, code, name, unit, kind, scale, direction)
     SELECT ${IND('i')}, 'ind-' || lpad(i::text, 3, '0'), 'Chỉ tiêu ' || i,
            (ARRAY['%', 'thủ tục', 'điểm', 'tỷ đồng', '%'])[i % 5 + 1],
            (ARRAY['percent', 'count', 'score', 'amount', 'ratio'])[i % 5 + 1],
            CASE WHEN i % 5 = 4 THEN 100 END,
            CASE WHEN i % 7 = 0 THEN 'down' ELSE 'up' END
       FROM generate_series(1, $1::int) i`,
    [I],
  );
  await step(
    'province_indicator',
    `INSERT INTO province_indicator (province_id, indicator_id, name, national_target_op, national_target_value, position)
     SELECT ${PROV('p')}, ${IND('i')}, 'Chỉ tiêu ' || i || ' (tỉnh ' || p || ')',
            CASE WHEN i % 5 = 0 THEN (CASE WHEN i % 7 = 0 THEN '<=' ELSE '>=' END) END,
            CASE WHEN i % 5 = 0 THEN (CASE WHEN i % 7 = 0 THEN 80 + i % 50 ELSE 40 + i % 50 END) END,
            i
       FROM generate_series(1, $1::int) p, generate_series(1, $2::int) i`,
    [P, I],
  );
}

/** Each province's documents and their goal and task groups. */
async function insertDocuments(step: Step, shape: BenchShape): Promise<void> {
  const { provinces: P } = shape;
  // Document 1: a resolution; 2: the plan implementing it; 3: national yearly targets.
  await step(
    'documents',
    `INSERT INTO document (id, province_id, code, type, issuer, issued, title, period_from, period_to, scope, implements_id, position)
     SELECT ${DOC('p', 'd')}, ${PROV('p')},
            (ARRAY['NQ-', 'KH-', 'QD-'])[d] || p || '/' || (ARRAY['NQ-TU', 'KH-UBND', 'QD-TTg'])[d],
            (ARRAY['resolution', 'plan', 'decision'])[d], (ARRAY['Tỉnh ủy', 'UBND tỉnh', 'Thủ tướng'])[d],
            (ARRAY[date '2021-03-01', date '2022-02-15', date '2023-01-10'])[d], 'Văn bản ' || d || ' tỉnh ' || p,
            (ARRAY[date '2021-01-01', date '2022-01-01', date '2023-01-01'])[d],
            (ARRAY[date '2025-12-31', date '2024-12-31', date '2023-12-31'])[d],
            CASE WHEN d = 3 THEN 'national' ELSE 'province' END,
            CASE WHEN d = 2 THEN ${DOC('p', '1')} END, d
       FROM generate_series(1, $1::int) p, generate_series(1, $2::int) d`,
    [P, shape.documentsPerProvince],
  );
  await step(
    'goal_group',
    `INSERT INTO goal_group (id, document_id, code, name, position)
     SELECT ${GG('p', 'd', 'g')}, ${DOC('p', 'd')}, 'MT' || g, 'Nhóm mục tiêu ' || g, g
       FROM generate_series(1, $1::int) p, generate_series(1, $2::int) d, generate_series(1, $3::int) g`,
    [P, shape.documentsPerProvince, shape.goalGroupsPerDocument],
  );
  await step(
    'task_group',
    `INSERT INTO task_group (id, document_id, code, name, position)
     SELECT ${TG('p', 'd', 'g')}, ${DOC('p', 'd')}, 'NV' || g, 'Nhóm nhiệm vụ ' || g, g
       FROM generate_series(1, $1::int) p, generate_series(1, $2::int) d, generate_series(1, $3::int) g`,
    [P, shape.documentsPerProvince, shape.taskGroupsPerDocument],
  );
}

/** Each document's goals. */
async function insertGoals(step: Step, shape: BenchShape): Promise<void> {
  const { provinces: P, indicators: I } = shape;
  // Goals: n-th goal of a province (1..45) is goal k of document d; every 9th is a milestone.
  // Targets sit around the trend at the due date, so statuses come out mixed.
  await step(
    'goals',
    `INSERT INTO goal (id, document_id, group_id, code, title, kind, indicator_id, target_op, target_value, baseline_value, baseline_date,
                       due, reported_status, reported_as_of, evidence_number, evidence_date, position)
     SELECT ${UUID_SQL(`'dxb:goal:' || p || ':' || d || ':' || k`)}, ${DOC('p', 'd')}, ${GG('p', 'd', 'g')},
            'MT' || g || '.' || k, 'Mục tiêu ' || n || ' tỉnh ' || p, CASE WHEN ms THEN 'milestone' ELSE 'quantitative' END,
            CASE WHEN NOT ms THEN ${IND('i')} END,
            CASE WHEN NOT ms THEN (CASE WHEN i % 7 = 0 THEN '<=' ELSE '>=' END) END,
            CASE WHEN NOT ms THEN round(((CASE WHEN i % 7 = 0 THEN 100 ELSE 20 END) + i % 50 + p % 10
                 + (CASE WHEN i % 7 = 0 THEN -0.8 ELSE 0.8 END) * (35 + 12 * (n % 3)) + ((p + n) % 9 - 4))::numeric, 1) END,
            CASE WHEN NOT ms AND n % 2 = 0 THEN ((CASE WHEN i % 7 = 0 THEN 100 ELSE 20 END) + i % 50 + p % 10)::numeric END,
            CASE WHEN NOT ms AND n % 2 = 0 THEN date '2021-01-31' END,
            (ARRAY[date '2023-12-31', date '2024-12-31', date '2025-12-31'])[n % 3 + 1],
            (ARRAY['met', 'in_progress', NULL, NULL])[n % 4 + 1], CASE WHEN n % 4 < 2 THEN date '2023-12-31' END,
            CASE WHEN ms AND n % 18 = 0 THEN 'QD-' || p || '-' || n END, CASE WHEN ms AND n % 18 = 0 THEN date '2023-06-30' END,
            k
       FROM generate_series(1, $1::int) p, generate_series(1, $2::int) d, generate_series(1, $3::int) k,
            LATERAL (SELECT (d - 1) * $3::int + k AS n, (k - 1) % $4::int + 1 AS g) x,
            LATERAL (SELECT n % 9 = 0 AS ms, (p * 7 + n * 13) % $5::int + 1 AS i) y`,
    [P, shape.documentsPerProvince, shape.goalsPerDocument, shape.goalGroupsPerDocument, I],
  );
}

/** Each province's tasks, spread over its documents and task groups. */
async function insertTasks(step: Step, shape: BenchShape): Promise<void> {
  const { provinces: P } = shape;
  await step(
    'tasks',
    `INSERT INTO task (id, document_id, group_id, code, title, lead_id, due, status, progress, evidence_number, evidence_date, position)
     SELECT ${UUID_SQL(`'dxb:task:' || p || ':' || t`)}, ${DOC('p', 'd')}, ${TG('p', 'd', 'g')}, 'NV' || g || '.' || t, 'Nhiệm vụ ' || t || ' tỉnh ' || p,
            ${DEPT('p', '(t % $3::int + 1)')}, date '2023-06-30' + (t * 37) % 900, s,
            CASE s WHEN 'done' THEN 100 WHEN 'cancelled' THEN NULL WHEN 'not_started' THEN 0 ELSE (t * 7) % 100 END,
            CASE WHEN s = 'done' AND t % 2 = 0 THEN 'BC-' || p || '-' || t END, CASE WHEN s = 'done' AND t % 2 = 0 THEN date '2023-11-30' END,
            t
       FROM generate_series(1, $1::int) p, generate_series(1, $2::int) t,
            LATERAL (SELECT (t - 1) % $4::int + 1 AS d, ((t - 1) / $4::int) % $5::int + 1 AS g,
                            (ARRAY['done', 'done', 'done', 'in_progress', 'in_progress', 'in_progress', 'not_started', 'not_started', 'cancelled', 'in_progress'])[t % 10 + 1] AS s) x`,
    [P, shape.tasksPerProvince, shape.departmentsPerProvince, shape.documentsPerProvince, shape.taskGroupsPerDocument],
  );
}

/** The groups' declared counts and the reported claims. */
async function insertDeclaredCountsAndClaims(step: Step, shape: BenchShape): Promise<void> {
  const { provinces: P } = shape;
  // Declared counts: as recorded, except one group per document declares one more (completeness < 100%).
  await step(
    'declared_count',
    `UPDATE goal_group gg SET declared_count = (SELECT count(*) FROM goal g WHERE g.group_id = gg.id) + CASE WHEN gg.position = 4 THEN 1 ELSE 0 END`,
  );
  await step(
    'declared_count tasks',
    `UPDATE task_group tg SET declared_count = (SELECT count(*) FROM task t WHERE t.group_id = tg.id) + CASE WHEN tg.position = 3 THEN 1 ELSE 0 END`,
  );
  await step(
    'reported_claim',
    `INSERT INTO reported_claim (document_id, scope, met, "of", open, as_of, source, position)
     SELECT ${DOC('p', 'c.d')}, c.scope, c.met, c."of", c.open, c.as_of, 'Báo cáo ' || p, c.pos
       FROM generate_series(1, $1::int) p,
            (VALUES (1, 'document', 8, 15, 7, date '2023-12-31', 1), (2, 'MT1', 2, 4, 2, date '2024-03-31', 2), (2, 'NV1', 5, 11, 6, date '2023-12-31', 3))
              AS c(d, scope, met, "of", open, as_of, pos)`,
    [P],
  );
}

/** Monthly observations, province-level then commune-level. */
async function insertObservations(step: Step, shape: BenchShape): Promise<void> {
  const { provinces: P, communes: C, indicators: I, communeIndicators: CI } = shape;
  // Observations, in chunks of provinces so progress shows.
  const chunk = Math.max(1, Math.ceil(P / 8));
  for (let a = 1; a <= P; a += chunk) {
    const b = Math.min(P, a + chunk - 1);
    await step(
      `observations province-level provinces ${a}-${b}`,
      `INSERT INTO observation (indicator_id, org_unit_id, period, period_kind, period_start, period_end, value, entered_by)
         SELECT ${IND('i')}, ${PROV('p')}, to_char(ms, 'YYYY-MM'), 'month', ms, (ms + interval '1 month' - interval '1 day')::date,
                ${PROVINCE_VALUE('p', 'i', 'm')}, 'bench'
           FROM generate_series($1::int, $2::int) p, generate_series(1, $3::int) i, generate_series(0, $4::int - 1) m,
                LATERAL (SELECT ($5::date + make_interval(months => m))::date AS ms) x`,
      [a, b, I, shape.provinceMonths, PROVINCE_FIRST_MONTH],
    );
  }
  for (let a = 1; a <= P; a += chunk) {
    const b = Math.min(P, a + chunk - 1);
    await step(
      `observations commune-level provinces ${a}-${b}`,
      `INSERT INTO observation (indicator_id, org_unit_id, period, period_kind, period_start, period_end, value, entered_by)
         SELECT ${IND('i')}, ${COMM('c')}, to_char(ms, 'YYYY-MM'), 'month', ms, (ms + interval '1 month' - interval '1 day')::date,
                ${COMMUNE_VALUE('c', 'i', 'm')}, 'bench'
           FROM generate_series(1, $3::int) c, generate_series(1, $4::int) i, generate_series(0, $5::int - 1) m,
                LATERAL (SELECT ($6::date + make_interval(months => m))::date AS ms) x
          WHERE (c - 1) % $7::int + 1 BETWEEN $1::int AND $2::int`,
      [a, b, C, CI, shape.communeMonths, COMMUNE_FIRST_MONTH, P],
    );
  }
}

/** Every stage, in order. */
export async function insertDataset(step: Step, shape: BenchShape): Promise<void> {
  await insertOrgUnits(step, shape);
  await insertIndicators(step, shape);
  await insertDocuments(step, shape);
  await insertGoals(step, shape);
  await insertTasks(step, shape);
  await insertDeclaredCountsAndClaims(step, shape);
  await insertObservations(step, shape);
}
