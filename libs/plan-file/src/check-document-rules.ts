import { DOCUMENT_SCOPE_CODE, PlanDocument, PlanGoalGroup, PlanTaskGroup, ReportedClaim } from '@dx/domain';
import { followsBackTo, PlanRuleContext } from './plan-rule-context';

/** Documents: unique codes, `implements` resolves without cycles, then each document's goals, tasks and claims. */
export function checkDocumentRules(context: PlanRuleContext): void {
  const { plan, reader } = context;
  context.unique(plan.documents, (d) => d.code, 'code', 'document code');
  const documentByCode = new Map(plan.documents.map((d) => [d.code, d]));
  for (const d of plan.documents) {
    const at = context.pathOf(d);
    if (d.implements !== null) {
      if (!documentByCode.has(d.implements)) {
        reader.error(`${at}.implements`, `no document with code "${d.implements}" in this file`);
      } else if (followsBackTo(d.code, (c) => documentByCode.get(c)?.implements ?? null)) {
        reader.error(`${at}.implements`, `document "${d.code}" implements itself through a cycle`);
      }
    }
    const groups = [...d.goalGroups, ...d.taskGroups];
    context.unique(groups, (g) => g.code, 'code', 'group code in this document');
    context.unique(
      d.goalGroups.flatMap((g) => g.goals),
      (g) => g.code,
      'code',
      'goal code in this document',
    );
    context.unique(
      d.taskGroups.flatMap((g) => g.tasks),
      (t) => t.code,
      'code',
      'task code in this document',
    );
    for (const g of d.goalGroups) checkGoalGroup(context, g);
    for (const g of d.taskGroups) checkTaskGroup(context, g);
    const groupCodes = new Set(groups.map((g) => g.code));
    for (const c of d.reported) checkClaim(context, d, groupCodes, c);
  }
}

function checkGoalGroup(context: PlanRuleContext, g: PlanGoalGroup): void {
  const { reader } = context;
  context.declaredCount(g.declaredCount, g.goals.length, context.pathOf(g), 'goals');
  for (const goal of g.goals) {
    const gp = context.pathOf(goal);
    if (goal.indicator !== null) {
      const indicator = context.indicators.get(goal.indicator);
      if (!indicator) reader.error(`${gp}.indicator`, `no indicator with code "${goal.indicator}" in this file`);
      else {
        if (goal.target) context.checkRange(indicator, goal.target.value, `${gp}.target.value`);
        if (goal.baseline) context.checkRange(indicator, goal.baseline.value, `${gp}.baseline.value`);
      }
    }
    if (goal.reportedAsOf !== null && goal.reportedStatus === null) {
      reader.warn(`${gp}.reported_as_of`, 'is given without reported_status');
    }
  }
}

function checkTaskGroup(context: PlanRuleContext, g: PlanTaskGroup): void {
  const { reader, orgCodes } = context;
  context.declaredCount(g.declaredCount, g.tasks.length, context.pathOf(g), 'tasks');
  for (const t of g.tasks) {
    const tp = context.pathOf(t);
    if (t.lead !== undefined && !orgCodes.has(t.lead)) {
      reader.error(`${tp}.lead`, `no agency with code "${t.lead}" in this file`);
    }
    t.support.forEach((code, i) => {
      if (!orgCodes.has(code)) reader.error(`${tp}.support[${i}]`, `no agency with code "${code}" in this file`);
    });
    t.support.forEach((code, i) => {
      if (t.support.indexOf(code) !== i) reader.error(`${tp}.support[${i}]`, `agency "${code}" is listed twice`);
    });
    if (t.status === 'done' && t.progress !== null && t.progress < 100) {
      reader.error(`${tp}.progress`, `a done task has progress 100, got ${t.progress}`);
    }
  }
}

/** A reported claim: its scope resolves; its numbers agree with themselves and with the goals' reported statuses. */
function checkClaim(context: PlanRuleContext, d: PlanDocument, groupCodes: Set<string>, c: ReportedClaim): void {
  const { reader } = context;
  const cp = context.pathOf(c);
  if (c.scope !== undefined && c.scope !== DOCUMENT_SCOPE_CODE && !groupCodes.has(c.scope)) {
    reader.error(`${cp}.scope`, `"${c.scope}" is neither "document" nor a group code of ${d.code}`);
    return;
  }
  if (c.met === undefined || c.of === undefined) return;
  if (c.met > c.of) reader.warn(cp, `claims ${c.met} met of only ${c.of}`, reader.lineOf(`${cp}.met`));
  if (c.open !== null && c.met + c.open !== c.of) {
    reader.warn(cp, `is inconsistent with itself: ${c.met} met + ${c.open} open ≠ ${c.of}`, reader.lineOf(`${cp}.open`));
  }
  const scopeGoals =
    c.scope === DOCUMENT_SCOPE_CODE ? d.goalGroups.flatMap((g) => g.goals) : (d.goalGroups.find((g) => g.code === c.scope)?.goals ?? []);
  const statused = scopeGoals.filter((g) => g.reportedStatus !== null);
  if (statused.length === 0) return;
  const metCount = statused.filter((g) => g.reportedStatus === 'met').length;
  const openCount = statused.length - metCount;
  if (metCount !== c.met) {
    reader.warn(cp, `claims ${c.met} met, but ${metCount} goal(s) in scope have reported_status: met`, reader.lineOf(`${cp}.met`));
  }
  if (c.open !== null && openCount !== c.open) {
    reader.warn(
      cp,
      `claims ${c.open} open, but ${openCount} goal(s) in scope are reported as not met or in progress`,
      reader.lineOf(`${cp}.open`),
    );
  }
}
