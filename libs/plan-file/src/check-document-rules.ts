import {
  DOCUMENT_SCOPE_CODE,
  PlanDocument,
  planFileMessages as M,
  planFileWhat as W,
  PlanGoalGroup,
  PlanTaskGroup,
  ReportedClaim,
} from '@dx/domain';
import { followsBackTo, PlanRuleContext } from './plan-rule-context';

/** Documents: unique codes, `implements` resolves without cycles, then each document's goals, tasks and claims. */
export function checkDocumentRules(context: PlanRuleContext): void {
  const { plan, reader } = context;
  context.unique(plan.documents, (d) => d.code, 'code', W.document());
  const documentByCode = new Map(plan.documents.map((d) => [d.code, d]));
  for (const d of plan.documents) {
    const at = context.pathOf(d);
    if (d.implements !== null) {
      if (!documentByCode.has(d.implements)) {
        reader.error(`${at}.implements`, M.noDocument(d.implements));
      } else if (followsBackTo(d.code, (c) => documentByCode.get(c)?.implements ?? null)) {
        reader.error(`${at}.implements`, M.documentCycle(d.code));
      }
    }
    const groups = [...d.goalGroups, ...d.taskGroups];
    context.unique(groups, (g) => g.code, 'code', W.groupInDocument());
    context.unique(
      d.goalGroups.flatMap((g) => g.goals),
      (g) => g.code,
      'code',
      W.goalInDocument(),
    );
    context.unique(
      d.taskGroups.flatMap((g) => g.tasks),
      (t) => t.code,
      'code',
      W.taskInDocument(),
    );
    for (const g of d.goalGroups) checkGoalGroup(context, g);
    for (const g of d.taskGroups) checkTaskGroup(context, g);
    const groupCodes = new Set(groups.map((g) => g.code));
    for (const c of d.reported) checkClaim(context, d, groupCodes, c);
  }
}

function checkGoalGroup(context: PlanRuleContext, g: PlanGoalGroup): void {
  const { reader } = context;
  context.declaredCount(g.declaredCount, g.goals.length, context.pathOf(g), W.goals());
  for (const goal of g.goals) {
    const gp = context.pathOf(goal);
    if (goal.indicator !== null) {
      const indicator = context.indicators.get(goal.indicator);
      if (!indicator) reader.error(`${gp}.indicator`, M.noIndicator(goal.indicator));
      else {
        if (goal.target) context.checkRange(indicator, goal.target.value, `${gp}.target.value`);
        if (goal.baseline) context.checkRange(indicator, goal.baseline.value, `${gp}.baseline.value`);
      }
    }
    if (goal.reportedAsOf !== null && goal.reportedStatus === null) {
      reader.warn(`${gp}.reported_as_of`, M.reportedAsOfWithoutStatus());
    }
  }
}

function checkTaskGroup(context: PlanRuleContext, g: PlanTaskGroup): void {
  const { reader, orgCodes } = context;
  context.declaredCount(g.declaredCount, g.tasks.length, context.pathOf(g), W.tasks());
  for (const t of g.tasks) {
    const tp = context.pathOf(t);
    if (t.lead !== undefined && !orgCodes.has(t.lead)) {
      reader.error(`${tp}.lead`, M.noAgency(t.lead));
    }
    t.support.forEach((code, i) => {
      if (!orgCodes.has(code)) reader.error(`${tp}.support[${i}]`, M.noAgency(code));
    });
    t.support.forEach((code, i) => {
      if (t.support.indexOf(code) !== i) reader.error(`${tp}.support[${i}]`, M.listedTwice(code));
    });
    if (t.status === 'done' && t.progress !== null && t.progress < 100) {
      reader.error(`${tp}.progress`, M.doneProgress(t.progress));
    }
  }
}

/** A reported claim: its scope resolves; its numbers agree with themselves and with the goals' reported statuses. */
function checkClaim(context: PlanRuleContext, d: PlanDocument, groupCodes: Set<string>, c: ReportedClaim): void {
  const { reader } = context;
  const cp = context.pathOf(c);
  if (c.scope !== undefined && c.scope !== DOCUMENT_SCOPE_CODE && !groupCodes.has(c.scope)) {
    reader.error(`${cp}.scope`, M.scopeNotFound(c.scope, d.code));
    return;
  }
  if (c.met === undefined || c.of === undefined) return;
  if (c.met > c.of) reader.warn(cp, M.claimsMoreThanOf(c.met, c.of), reader.lineOf(`${cp}.met`));
  if (c.open !== null && c.met + c.open !== c.of) {
    reader.warn(cp, M.claimInconsistent(c.met, c.open, c.of), reader.lineOf(`${cp}.open`));
  }
  const scopeGoals =
    c.scope === DOCUMENT_SCOPE_CODE ? d.goalGroups.flatMap((g) => g.goals) : (d.goalGroups.find((g) => g.code === c.scope)?.goals ?? []);
  const statused = scopeGoals.filter((g) => g.reportedStatus !== null);
  if (statused.length === 0) return;
  const metCount = statused.filter((g) => g.reportedStatus === 'met').length;
  const openCount = statused.length - metCount;
  if (metCount !== c.met) {
    reader.warn(cp, M.claimMetMismatch(c.met, metCount), reader.lineOf(`${cp}.met`));
  }
  if (c.open !== null && openCount !== c.open) {
    reader.warn(cp, M.claimOpenMismatch(c.open, openCount), reader.lineOf(`${cp}.open`));
  }
}
