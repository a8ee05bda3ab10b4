import { DataSource, EntityManager } from 'typeorm';
import { readProvinceDtiRanks } from '@dx/db';
import { canonicalOrNull, GoalRollup, RankFigures, TaskRollup } from '@dx/domain';
import { KpiView, ProvinceSummary, RollupView } from './province-summary';

type Row = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any -- raw SQL rows: each column is read and converted where it is used

function rollupView(r: Row | undefined): RollupView {
  if (!r) return { goals: null, tasks: null };
  const goals: GoalRollup | null =
    r.goals_total === null
      ? null
      : { counts: r.goal_counts, met: r.goals_met, total: r.goals_total, recorded: r.goals_recorded, declared: r.goals_declared };
  const tasks: TaskRollup | null =
    r.tasks_total === null
      ? null
      : {
          counts: r.task_counts,
          total: r.tasks_total,
          overdue: r.tasks_overdue,
          dueSoon: r.tasks_due_soon,
          unverified: r.tasks_unverified,
          progress: canonicalOrNull(r.task_progress),
          recorded: r.tasks_recorded,
          declared: r.tasks_declared,
        };
  return { goals, tasks };
}

/** A stored KPI row's comparisons with the previous period and the same period a year before. */
export function comparisonsView(k: Row): Pick<KpiView, 'previous' | 'yearAgo'> {
  return {
    previous: {
      period: k.previous_period,
      value: canonicalOrNull(k.previous_value),
      change: canonicalOrNull(k.previous_change),
      changeRelative: canonicalOrNull(k.previous_change_rel),
    },
    yearAgo: {
      period: k.year_ago_period,
      value: canonicalOrNull(k.year_ago_value),
      change: canonicalOrNull(k.year_ago_change),
      changeRelative: canonicalOrNull(k.year_ago_change_rel),
    },
  };
}

/** A KPI's rank: the DTI table's when it ranks the province (an indicator fed from the DTI), else the stored one among the provinces with data. */
export function rankView(dti: RankFigures | undefined, k: Row): KpiView['rank'] {
  if (dti) return { ...dti, source: 'dti' };
  return k.rank === null ? null : { rank: k.rank, of: k.rank_of, percentile: canonicalOrNull(k.percentile)!, source: 'observations' };
}

/** The row of summary_stamp that indicators and the DTI tables (shared by every province) move: migrations 1765267200000, 1765440000000. */
const INDICATORS_STAMP = '00000000-0000-0000-0000-000000000000';

/** A province and the stamp of its summary: a text that changes with every committed change to what the summary reads. */
export interface SummaryStamp {
  provinceId: string;
  provinceCode: string;
  stamp: string;
}

/**
 * The province with this code and its summary's stamp (summary_stamp, kept by triggers:
 * migration 1765267200000): its own stamp row and the indicators' one, each as version and
 * row version (xmin). Null when there is no such province. One indexed query.
 */
export async function readSummaryStamp(db: DataSource | EntityManager, provinceCode: string): Promise<SummaryStamp | null> {
  return (await readSummaryStamps(db, [provinceCode])).get(provinceCode) ?? null;
}

/** readSummaryStamp for several provinces in one query, by code (codes without a province are left out). */
export async function readSummaryStamps(
  db: DataSource | EntityManager,
  provinceCodes: readonly string[],
): Promise<Map<string, SummaryStamp>> {
  const rows: { id: string; code: string; stamp: string }[] = await db.query(
    `SELECT p.id, p.code, (SELECT coalesce(string_agg(s.version || ':' || s.xmin::text, ',' ORDER BY s.province_id), '')
                             FROM summary_stamp s WHERE s.province_id IN (p.id, $2)) AS stamp
       FROM org_unit p WHERE p.kind = 'province' AND p.code = ANY($1)`,
    [provinceCodes, INDICATORS_STAMP],
  );
  return new Map(rows.map((r) => [r.code, { provinceId: r.id, provinceCode: r.code, stamp: r.stamp }]));
}

/**
 * The summary with its stamp, read in one snapshot (REPEATABLE READ, read only): while
 * readSummaryStamp returns the same stamp, the summary is still current.
 */
export async function readStampedProvinceSummary(
  dataSource: DataSource,
  provinceCode: string,
  asOf: string,
): Promise<{ stamp: SummaryStamp; summary: ProvinceSummary } | null> {
  return dataSource.transaction('REPEATABLE READ', async (m) => {
    await m.query('SET TRANSACTION READ ONLY');
    const stamp = await readSummaryStamp(m, provinceCode);
    const summary = stamp && (await readProvinceSummary(m, provinceCode, asOf));
    return stamp && summary ? { stamp, summary } : null;
  });
}

type Query = (sql: string, params: unknown[]) => Promise<Row[]>;

/** The rows of a province's documents: the documents, their goal and task groups, goals (with their status at the as-of date) and reported claims. */
interface DocumentRows {
  documents: Row[];
  goalGroups: Row[];
  taskGroups: Row[];
  goals: Row[];
  claims: Row[];
}

async function readDocumentRows(q: Query, provinceId: string, asOf: string): Promise<DocumentRows> {
  const documents = await q(
    `SELECT d.id, d.code, d.title, d.type, d.scope, p.code AS implements FROM document d LEFT JOIN document p ON p.id = d.implements_id
      WHERE d.province_id = $1 ORDER BY d.position, d.code`,
    [provinceId],
  );
  const groups = (table: string) =>
    q(
      `SELECT g.id, g.document_id, g.code, g.name FROM ${table} g JOIN document d ON d.id = g.document_id WHERE d.province_id = $1 ORDER BY g.position, g.code`,
      [provinceId],
    );
  const goalGroups = await groups('goal_group');
  const taskGroups = await groups('task_group');
  const goals = await q(
    `SELECT g.id, g.group_id, g.code, g.title, g.kind, i.code AS indicator, g.target_op, g.target_value::text AS target_value, g.due,
            g.reported_status, g.version, g.origin, g.cancelled_at, g.cancel_reason, s.status, s.actual::text AS actual, s.actual_period, s.attainment::text AS attainment, s.colour, s.unverified
       FROM goal g JOIN document d ON d.id = g.document_id LEFT JOIN indicator i ON i.id = g.indicator_id
       LEFT JOIN goal_status s ON s.goal_id = g.id AND s.org_unit_id = d.province_id AND s.as_of = $2
      WHERE d.province_id = $1 ORDER BY g.position, g.code`,
    [provinceId, asOf],
  );
  const claims = await q(
    `SELECT c.document_id, c.scope, c.met, c."of", c.open, c.as_of, c.source, r.verdict, r.self_inconsistent, r.differs, r.computed_met,
            r.computed_total, r.differing_goals, r.reasons
       FROM reported_claim c JOIN document d ON d.id = c.document_id LEFT JOIN reconciliation r ON r.claim_id = c.id
      WHERE d.province_id = $1 ORDER BY c.position, c.as_of`,
    [provinceId],
  );
  return { documents, goalGroups, taskGroups, goals, claims };
}

function goalGroupViews(d: Row, rows: DocumentRows, rollups: Map<string, Row>): ProvinceSummary['documents'][number]['goalGroups'] {
  return rows.goalGroups
    .filter((g) => g.document_id === d.id)
    .map((g) => ({
      id: g.id,
      code: g.code,
      name: g.name,
      rollup: rollupView(rollups.get(`goal_group|${g.id}`)),
      goals: rows.goals
        .filter((x) => x.group_id === g.id)
        .map((x) => ({
          id: x.id,
          code: x.code,
          title: x.title,
          kind: x.kind,
          indicator: x.indicator,
          target: x.target_op ? { op: x.target_op, value: canonicalOrNull(x.target_value)! } : null,
          due: x.due,
          status: x.status,
          actual: canonicalOrNull(x.actual),
          actualPeriod: x.actual_period,
          attainment: canonicalOrNull(x.attainment),
          colour: x.colour,
          unverified: x.unverified ?? false,
          reportedStatus: x.reported_status,
          version: x.version,
          origin: x.origin,
          cancelled: x.cancelled_at ? { at: new Date(x.cancelled_at).toISOString(), reason: x.cancel_reason } : null,
        })),
    }));
}

function claimViews(d: Row, rows: DocumentRows): ProvinceSummary['documents'][number]['claims'] {
  return rows.claims
    .filter((c) => c.document_id === d.id)
    .map((c) => ({
      scope: c.scope,
      met: c.met,
      of: c.of,
      open: c.open,
      asOf: c.as_of,
      source: c.source,
      reconciliation: c.verdict
        ? {
            verdict: c.verdict,
            selfInconsistent: c.self_inconsistent,
            differs: c.differs,
            computedMet: c.computed_met,
            computedTotal: c.computed_total,
            differingGoals: c.differing_goals,
            reasons: c.reasons,
          }
        : null,
    }));
}

function documentViews(rows: DocumentRows, rollups: Map<string, Row>): ProvinceSummary['documents'] {
  return rows.documents.map((d) => ({
    code: d.code,
    title: d.title,
    type: d.type,
    scope: d.scope,
    implements: d.implements,
    rollup: rollupView(rollups.get(`document|${d.id}`)),
    goalGroups: goalGroupViews(d, rows, rollups),
    taskGroups: rows.taskGroups
      .filter((g) => g.document_id === d.id)
      .map((g) => ({ id: g.id, code: g.code, name: g.name, rollup: rollupView(rollups.get(`task_group|${g.id}`)) })),
    claims: claimViews(d, rows),
  }));
}

/** The latest comparison of every indicator with data for the province up to the as-of date, by indicator code. */
async function readKpis(db: DataSource | EntityManager, q: Query, provinceId: string, asOf: string): Promise<KpiView[]> {
  const kpis = await q(
    // The latest comparison per indicator, one probe of kpi_comparison_latest_idx each (not a sort of every period).
    `SELECT k.*, i.code, i.unit, i.kind, i.direction, i.dti_figure, COALESCE(pi.name, i.name) AS name
       FROM indicator i
       CROSS JOIN LATERAL (SELECT * FROM kpi_comparison k WHERE k.org_unit_id = $1 AND k.indicator_id = i.id AND k.period_end <= $2
                            ORDER BY k.period_end DESC, k.period DESC LIMIT 1) k
       LEFT JOIN province_indicator pi ON pi.indicator_id = i.id AND pi.province_id = k.province_id`,
    [provinceId, asOf],
  );
  // An indicator fed from the DTI ranks as the DTI table does (out of the provinces on that year's map).
  const dtiRanks = await readProvinceDtiRanks(
    db,
    provinceId,
    kpis.filter((k) => k.dti_figure && /^\d{4}$/.test(k.period)).map((k) => ({ dtiFigure: k.dti_figure, year: Number(k.period) })),
  );
  kpis.sort((a, b) => a.code.localeCompare(b.code));
  return kpis.map((k) => ({
    indicator: { code: k.code, name: k.name, unit: k.unit, kind: k.kind, direction: k.direction },
    period: k.period,
    value: canonicalOrNull(k.value)!,
    ...comparisonsView(k),
    goalTargets: k.goal_targets.map(({ goalId: _id, ...t }: Row) => t),
    nationalTarget: k.national_target,
    rank: rankView(dtiRanks.get(`${k.dti_figure}|${k.period}`), k),
  }));
}

/** Reads the stored results of a province at an as-of date (written by recomputes). Null when the province does not exist. */
export async function readProvinceSummary(
  db: DataSource | EntityManager,
  provinceCode: string,
  asOf: string,
): Promise<ProvinceSummary | null> {
  const q: Query = (sql, params) => db.query(sql, params) as Promise<Row[]>;
  const [province] = await q(`SELECT id, code, name FROM org_unit WHERE kind = 'province' AND code = $1`, [provinceCode]);
  if (!province) return null;
  const [run] = await q(`SELECT max(finished_at) AS at FROM recompute_run WHERE province_id = $1 AND as_of = $2`, [province.id, asOf]);
  const rollups = new Map(
    (await q(`SELECT * FROM rollup WHERE province_id = $1 AND as_of = $2`, [province.id, asOf])).map((r) => [
      `${r.scope_kind}|${r.scope_id}`,
      r,
    ]),
  );
  const documentRows = await readDocumentRows(q, province.id, asOf);
  const kpis = await readKpis(db, q, province.id, asOf);
  return {
    province: { code: province.code, name: province.name },
    asOf,
    computedAt: run?.at ? new Date(run.at).toISOString() : null,
    totals: rollupView(rollups.get(`province|${province.id}`)),
    documents: documentViews(documentRows, rollups),
    kpis,
  };
}
