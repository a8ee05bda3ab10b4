import { stringify } from 'yaml';
import { Evidence, PLAN_SCHEMA, PlanDocument, PlanFile, PlanGoal, PlanIndicator, PlanObservation, PlanTask } from '@dx/domain';

type Plain = Record<string, unknown>;

/**
 * Writes a plan in `dx-tracker/plan@1`, keys in the spec's order and optional keys
 * left out when empty, so `parsePlanFile(serializePlanFile(p))` gives back `p`.
 */
export function serializePlanFile(plan: PlanFile, header?: string): string {
  const body: Plain = {
    schema: PLAN_SCHEMA,
    province: compact({ code: plan.province.code, name: plan.province.name, valid_from: plan.province.validFrom }),
    agencies: plan.agencies.map((a) => compact({ code: a.code, name: a.name, kind: a.kind, parent: a.parent })),
    indicators: plan.indicators.map(indicatorEntry),
    documents: plan.documents.map(documentEntry),
    observations: plan.observations.map(observationEntry),
  };
  for (const key of ['agencies', 'indicators', 'documents', 'observations']) {
    if ((body[key] as unknown[]).length === 0) delete body[key];
  }
  const yaml = stringify(body, { lineWidth: 0, indentSeq: true });
  return header ? `${header.replace(/^/gm, '# ')}\n${yaml}` : yaml;
}

function indicatorEntry(i: PlanIndicator): Plain {
  return compact({
    code: i.code,
    name: i.name,
    unit: i.unit,
    kind: i.kind,
    scale: num(i.scale),
    direction: i.direction,
    national_target: i.nationalTarget && compact({ ...i.nationalTarget, value: num(i.nationalTarget.value) }),
    dti: i.dti,
  });
}

function documentEntry(d: PlanDocument): Plain {
  return compact({
    code: d.code,
    type: d.type,
    issuer: d.issuer,
    issued: d.issued,
    title: d.title,
    period: d.period,
    scope: d.scope,
    implements: d.implements,
    goal_groups: d.goalGroups.map((g) =>
      compact({ code: g.code, name: g.name, declared_count: g.declaredCount, goals: g.goals.map(goalEntry) }),
    ),
    task_groups: d.taskGroups.map((g) =>
      compact({ code: g.code, name: g.name, declared_count: g.declaredCount, tasks: g.tasks.map(taskEntry) }),
    ),
    reported: d.reported.map((c) => compact({ scope: c.scope, met: c.met, of: c.of, open: c.open, as_of: c.asOf, source: c.source })),
  });
}

function goalEntry(goal: PlanGoal): Plain {
  return compact({
    code: goal.code,
    title: goal.title,
    indicator: goal.indicator,
    target: goal.target && { op: goal.target.op, value: num(goal.target.value) },
    milestone: goal.milestone || null,
    baseline: goal.baseline && { value: num(goal.baseline.value), date: goal.baseline.date },
    due: goal.due,
    reported_status: goal.reportedStatus,
    reported_as_of: goal.reportedAsOf,
    evidence: evidence(goal.evidence),
    source: goal.source,
    note: goal.note,
  });
}

function taskEntry(t: PlanTask): Plain {
  return compact({
    code: t.code,
    title: t.title,
    lead: t.lead,
    support: t.support.length > 0 ? t.support : null,
    due: t.due,
    status: t.status,
    progress: t.progress,
    evidence: evidence(t.evidence),
  });
}

function observationEntry(o: PlanObservation): Plain {
  return compact({
    indicator: o.indicator,
    org: o.org,
    period: o.period,
    value: num(o.value),
    numerator: num(o.numerator),
    denominator: num(o.denominator),
    source: o.source,
    note: o.note,
  });
}

function evidence(e: Evidence | null): Plain | null {
  if (!e) return null;
  const out = compact({ number: e.number, date: e.date, issuer: e.issuer });
  return Object.keys(out).length > 0 ? out : null;
}

/** Decimal strings hold at most 15 significant digits (the reader enforces it), so a double is exact. */
function num(value: string | null): number | null {
  return value === null ? null : Number(value);
}

function compact(o: Plain): Plain {
  const out: Plain = {};
  for (const [k, v] of Object.entries(o)) {
    if (v === null || v === undefined) continue;
    if (Array.isArray(v) && v.length === 0) continue;
    out[k] = v;
  }
  return out;
}
