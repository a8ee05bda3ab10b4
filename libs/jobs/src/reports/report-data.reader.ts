import { DataSource } from 'typeorm';
import { addDays, commonMessages, DomainError, orgMessages, parsePeriod, planMessages, viDate, viNumber } from '@dx/domain';
import { defaultHeading, ReportData, ReportHeading, reportNumberLine } from '@dx/reports';
import { ProvinceSummary, readProvinceSummary } from '@dx/status-engine';
import { readReportDti } from './report-dti.reader';
import { readTaskOutcomes } from './report-outcomes.reader';
import { readChanges, readDirectives, readLateTasks, readTrends } from './report-sections.reader';

type Row = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any -- raw SQL rows: each column is read and converted where it is used

export interface ReportRequest {
  province: string;
  document: string;
  period: string;
  /** Default: the period's last day, or today if the period has not ended. */
  asOf?: string;
  /** Where "changes since the previous report" start; default: the previous period's end. */
  since?: string | null;
  /** This report's own number ("125/BC-SKHCN") and signer; unset: the province's heading's (or the default). */
  number?: string | null;
  signerName?: string | null;
  signerTitle?: string | null;
}

/**
 * The heading a report prints: the default for its as-of date (`defaultHeading`), then the
 * province's configured heading, then the report's own number and signer.
 */
export function reportHeading(
  provinceName: string,
  stored: Partial<ReportHeading> | null,
  r: ReportRequest & { asOf: string },
): ReportHeading {
  const heading: ReportHeading = { ...defaultHeading(provinceName, r.asOf), ...(stored ?? {}) };
  if (r.number) heading.number = reportNumberLine(r.number);
  if (r.signerName) heading.signerName = r.signerName;
  if (r.signerTitle) heading.signerTitle = r.signerTitle;
  return heading;
}

/** The as-of date of a report: the period's end, or today while the period runs. */
export function reportAsOf(period: string, today: string): string {
  const p = parsePeriod(period);
  if (!p)
    throw new DomainError('INVALID_INPUT', commonMessages.notAPeriod(period), {
      errors: [{ path: 'period', messages: [commonMessages.periodForms()] }],
    });
  return p.end < today ? p.end : today;
}

const num = (v: unknown) => (v === null || v === undefined ? null : Number(v));

type SummaryDocument = ProvinceSummary['documents'][number];

/** The KPIs the report shows (those of the document's goals, or with a national target), with their targets worded. */
function kpiLines(summary: ProvinceSummary, doc: SummaryDocument): ReportData['kpis'] {
  const goalIndicators = new Set(doc.goalGroups.flatMap((g) => g.goals.map((x) => x.indicator).filter(Boolean)));
  return summary.kpis
    .filter((k) => k.period && (goalIndicators.size === 0 || goalIndicators.has(k.indicator.code) || k.nationalTarget))
    .map((k) => {
      const targets = [
        ...k.goalTargets.map((t) => ({ ...t, label: `${t.op} ${viNumber(t.target)}` })),
        ...(k.nationalTarget
          ? [{ ...k.nationalTarget, label: `${k.nationalTarget.op} ${viNumber(k.nationalTarget.target)} (quốc gia)` }]
          : []),
      ];
      return {
        code: k.indicator.code,
        name: k.indicator.name,
        unit: k.indicator.unit,
        kind: k.indicator.kind,
        direction: k.indicator.direction,
        period: k.period,
        value: Number(k.value),
        target: targets.length ? targets.map((t) => t.label).join('; ') : null,
        met: targets.length ? targets.every((t) => t.met) : null,
        previousPeriod: k.previous.period,
        previousValue: num(k.previous.value),
        previousChange: k.previous.change,
        yearAgoPeriod: k.yearAgo.period,
        yearAgoValue: num(k.yearAgo.value),
        rank: k.rank?.rank ?? null,
        rankOf: k.rank?.of ?? null,
      };
    });
}

function goalGroupLines(doc: SummaryDocument): ReportData['goalGroups'] {
  return doc.goalGroups.map((g) => ({
    code: g.code,
    name: g.name,
    met: g.rollup.goals?.met ?? 0,
    total: g.rollup.goals?.total ?? 0,
    recorded: g.rollup.goals?.recorded ?? 0,
    declared: g.rollup.goals?.declared ?? null,
  }));
}

function taskGroupLines(doc: SummaryDocument): ReportData['taskGroups'] {
  return doc.taskGroups.map((g) => ({
    code: g.code,
    name: g.name,
    counts: g.rollup.tasks?.counts ?? {},
    total: g.rollup.tasks?.total ?? 0,
    overdue: g.rollup.tasks?.overdue ?? 0,
    recorded: g.rollup.tasks?.recorded ?? 0,
    declared: g.rollup.tasks?.declared ?? null,
  }));
}

function reconciliationLines(doc: SummaryDocument): ReportData['reconciliations'] {
  return doc.claims.map((c) => ({
    scope: c.scope,
    asOf: c.asOf,
    reportedMet: c.met,
    reportedOf: c.of,
    reportedOpen: c.open,
    computedMet: c.reconciliation?.computedMet ?? null,
    computedTotal: c.reconciliation?.computedTotal ?? null,
    verdict: c.reconciliation?.verdict ?? null,
    differingGoals: (c.reconciliation?.differingGoals ?? []).map((g) => (typeof g === 'string' ? g : (g as { code: string }).code)),
    reasons: c.reconciliation?.reasons ?? [],
  }));
}

function goalLines(doc: SummaryDocument): ReportData['goalLines'] {
  // A goal cancelled in the web app is out of the plan's evaluation, so out of the report's goal table (issue 19).
  return doc.goalGroups.flatMap((g) =>
    g.goals
      .filter((x) => !x.cancelled)
      .map((x) => ({
        group: g.code,
        code: x.code,
        title: x.title,
        target: x.target ? `${x.target.op} ${viNumber(x.target.value)}` : x.kind === 'milestone' ? `đến ${viDate(x.due)}` : null,
        actual: num(x.actual),
        actualPeriod: x.actualPeriod,
        attainment: num(x.attainment),
        status: x.status,
        source: x.indicator,
      })),
  );
}

/** The summary of the province at the as-of date and the reported document in it; throws when either does not exist. */
async function readDocumentSummary(
  ds: DataSource,
  r: ReportRequest & { asOf: string },
): Promise<{ summary: ProvinceSummary; doc: SummaryDocument }> {
  const summary = await readProvinceSummary(ds, r.province, r.asOf);
  if (!summary) throw new DomainError('PROVINCE_NOT_FOUND', orgMessages.provinceNotFound(r.province));
  const doc = summary.documents.find((d) => d.code === r.document);
  if (!doc) throw new DomainError('DOCUMENT_NOT_FOUND', planMessages.documentNotFound(r.document, r.province));
  return { summary, doc };
}

/**
 * Assembles a report's data from the stored statuses of a province at an as-of date (the
 * caller recomputes that date first): nothing here computes a status, so a report shows
 * what the dashboard and `cli status` show.
 */
export async function readReportData(ds: DataSource, r: ReportRequest & { asOf: string; issued: string }): Promise<ReportData> {
  const { summary, doc } = await readDocumentSummary(ds, r);
  const [ids]: Row[] = await ds.query(
    `SELECT p.id AS province_id, d.id AS document_id, s.report_heading FROM org_unit p JOIN document d ON d.province_id = p.id
       LEFT JOIN province_setting s ON s.province_id = p.id WHERE p.code = $1 AND d.code = $2`,
    [r.province, r.document],
  );
  const heading = reportHeading(summary.province.name, ids.report_heading ?? null, r);
  const since = r.since === undefined ? previousPeriodEnd(r.period) : r.since;
  const lateTasks = await readLateTasks(ds, ids.document_id, r.asOf);
  const directives = await readDirectives(ds, ids.document_id, r.asOf);
  const taskOutcomes = await readTaskOutcomes(ds, ids.document_id, r.asOf);
  const changes = await readChanges(ds, { provinceId: ids.province_id, documentId: ids.document_id }, since, r.asOf);
  const kpis = kpiLines(summary, doc);
  const trends = await readTrends(ds, kpis, ids.province_id, r.asOf);
  // The latest DTI table whose year is not after the as-of date's year.
  const dti = await readReportDti(ds, ids.province_id, Number(r.asOf.slice(0, 4)));

  const goals = doc.rollup.goals;
  const tasks = doc.rollup.tasks;
  return {
    heading,
    province: summary.province,
    document: { code: doc.code, title: doc.title, type: doc.type, scope: doc.scope },
    period: r.period,
    asOf: r.asOf,
    issued: r.issued,
    goals: { met: goals?.met ?? 0, total: goals?.total ?? 0, recorded: goals?.recorded ?? 0, declared: goals?.declared ?? null },
    tasks: {
      total: tasks?.total ?? 0,
      counts: tasks?.counts ?? {},
      overdue: tasks?.overdue ?? 0,
      recorded: tasks?.recorded ?? 0,
      declared: tasks?.declared ?? null,
    },
    goalGroups: goalGroupLines(doc),
    taskGroups: taskGroupLines(doc),
    taskOutcomes,
    reconciliations: reconciliationLines(doc),
    goalLines: goalLines(doc),
    lateTasks,
    kpis,
    directives,
    changesSince: since,
    changes,
    trends,
    dti,
  };
}

/** The day before the period starts: the end of the previous report of the same length. */
function previousPeriodEnd(period: string): string | null {
  const p = parsePeriod(period);
  return p ? addDays(p.start, -1) : null;
}
