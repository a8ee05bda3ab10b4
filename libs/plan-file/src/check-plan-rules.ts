import { DOCUMENT_SCOPE_CODE, observationProblems, PlanFile, PlanIndicator, valueRangeProblems } from '@dx/domain';
import { PathIndex } from './read-plan-file';
import { YamlReader } from './yaml-reader';


/**
 * Cross-reference and consistency rules of plan-format.md: unique codes, resolvable
 * references, no `implements` cycles, task progress, observation arithmetic (errors);
 * declared counts, reported claims and implausible values (warnings).
 */
export function checkPlanRules(plan: PlanFile, paths: PathIndex, reader: YamlReader): void {
  const pathOf = (o: object) => paths.get(o) ?? '(unknown)';
  const orgCodes = new Set<string>([plan.province.code]);
  const indicators = new Map<string, PlanIndicator>();

  const unique = <T extends object>(items: T[], key: (t: T) => string | undefined, field: string, what: string) => {
    const seen = new Map<string, string>();
    for (const item of items) {
      const k = key(item);
      if (k === undefined) continue;
      const first = seen.get(k);
      const at = field ? `${pathOf(item)}.${field}` : pathOf(item);
      if (first !== undefined) reader.error(at, `duplicate ${what} "${k}" (first at ${first})`);
      else seen.set(k, pathOf(item));
    }
  };

  // Agencies: unique, distinct from the province, parents resolve without cycles.
  unique(plan.agencies, (a) => a.code, 'code', 'agency code');
  for (const a of plan.agencies) {
    if (a.code !== undefined && a.code === plan.province.code) {
      reader.error(`${pathOf(a)}.code`, `agency code "${a.code}" is the province's own code`);
    }
    if (a.code !== undefined) orgCodes.add(a.code);
  }
  const agencyByCode = new Map(plan.agencies.map((a) => [a.code, a]));
  for (const a of plan.agencies) {
    if (a.parent === null) continue;
    if (!agencyByCode.has(a.parent)) {
      reader.error(`${pathOf(a)}.parent`, `no agency with code "${a.parent}" in this file`);
    } else if (followsBackTo(a.code, (c) => agencyByCode.get(c)?.parent ?? null)) {
      reader.error(`${pathOf(a)}.parent`, `agency "${a.code}" is its own ancestor (parent cycle)`);
    }
  }

  // Indicators.
  unique(plan.indicators, (i) => i.code, 'code', 'indicator code');
  for (const i of plan.indicators) {
    if (i.code !== undefined && !indicators.has(i.code)) indicators.set(i.code, i);
    if (i.nationalTarget) checkRange(i, i.nationalTarget.value, `${pathOf(i)}.national_target.value`);
  }

  // Documents.
  unique(plan.documents, (d) => d.code, 'code', 'document code');
  const documentByCode = new Map(plan.documents.map((d) => [d.code, d]));
  for (const d of plan.documents) {
    const at = pathOf(d);
    if (d.implements !== null) {
      if (!documentByCode.has(d.implements)) {
        reader.error(`${at}.implements`, `no document with code "${d.implements}" in this file`);
      } else if (followsBackTo(d.code, (c) => documentByCode.get(c)?.implements ?? null)) {
        reader.error(`${at}.implements`, `document "${d.code}" implements itself through a cycle`);
      }
    }
    const groups = [...d.goalGroups, ...d.taskGroups];
    unique(groups, (g) => g.code, 'code', 'group code in this document');
    unique(d.goalGroups.flatMap((g) => g.goals), (g) => g.code, 'code', 'goal code in this document');
    unique(d.taskGroups.flatMap((g) => g.tasks), (t) => t.code, 'code', 'task code in this document');

    for (const g of d.goalGroups) {
      declaredCount(g.declaredCount, g.goals.length, pathOf(g), 'goals');
      for (const goal of g.goals) {
        const gp = pathOf(goal);
        if (goal.indicator !== null) {
          const indicator = indicators.get(goal.indicator);
          if (!indicator) reader.error(`${gp}.indicator`, `no indicator with code "${goal.indicator}" in this file`);
          else {
            if (goal.target) checkRange(indicator, goal.target.value, `${gp}.target.value`);
            if (goal.baseline) checkRange(indicator, goal.baseline.value, `${gp}.baseline.value`);
          }
        }
        if (goal.reportedAsOf !== null && goal.reportedStatus === null) {
          reader.warn(`${gp}.reported_as_of`, 'is given without reported_status');
        }
      }
    }
    for (const g of d.taskGroups) {
      declaredCount(g.declaredCount, g.tasks.length, pathOf(g), 'tasks');
      for (const t of g.tasks) {
        const tp = pathOf(t);
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

    const groupByCode = new Map(groups.map((g) => [g.code, g]));
    for (const c of d.reported) {
      const cp = pathOf(c);
      if (c.scope !== undefined && c.scope !== DOCUMENT_SCOPE_CODE && !groupByCode.has(c.scope)) {
        reader.error(`${cp}.scope`, `"${c.scope}" is neither "document" nor a group code of ${d.code}`);
        continue;
      }
      if (c.met === undefined || c.of === undefined) continue;
      if (c.met > c.of) reader.warn(cp, `claims ${c.met} met of only ${c.of}`, reader.lineOf(`${cp}.met`));
      if (c.open !== null && c.met + c.open !== c.of) {
        reader.warn(cp, `is inconsistent with itself: ${c.met} met + ${c.open} open ≠ ${c.of}`, reader.lineOf(`${cp}.open`));
      }
      const scopeGoals =
        c.scope === DOCUMENT_SCOPE_CODE
          ? d.goalGroups.flatMap((g) => g.goals)
          : (d.goalGroups.find((g) => g.code === c.scope)?.goals ?? []);
      const statused = scopeGoals.filter((g) => g.reportedStatus !== null);
      if (statused.length > 0) {
        const metCount = statused.filter((g) => g.reportedStatus === 'met').length;
        const openCount = statused.length - metCount;
        if (metCount !== c.met) {
          reader.warn(cp, `claims ${c.met} met, but ${metCount} goal(s) in scope have reported_status: met`, reader.lineOf(`${cp}.met`));
        }
        if (c.open !== null && openCount !== c.open) {
          reader.warn(cp, `claims ${c.open} open, but ${openCount} goal(s) in scope are reported as not met or in progress`, reader.lineOf(`${cp}.open`));
        }
      }
    }
  }

  // Observations.
  unique(
    plan.observations,
    (o) => (o.indicator && o.org && o.period ? `${o.indicator} / ${o.org} / ${o.period} / ${o.source ?? '(no source)'}` : undefined),
    '',
    'observation (indicator / org / period / source)',
  );
  for (const o of plan.observations) {
    const op = pathOf(o);
    if (o.org !== undefined && !orgCodes.has(o.org)) {
      reader.error(`${op}.org`, `"${o.org}" is neither the province code nor an agency code in this file`);
    }
    const indicator = o.indicator === undefined ? undefined : indicators.get(o.indicator);
    if (o.indicator !== undefined && !indicator) {
      reader.error(`${op}.indicator`, `no indicator with code "${o.indicator}" in this file`);
    }
    // The plan format's schema already requires a value or a numerator; the rest are the shared observation rules.
    for (const p of observationProblems(indicator ?? null, o)) {
      if (p.rule === 'missing-value') continue;
      const path = `${op}.${p.field}`;
      const line = p.rule === 'value-without-denominator' ? reader.lineOf(op) : undefined;
      if (p.severity === 'error') reader.error(path, p.message, line);
      else reader.warn(path, p.message);
    }
  }

  function declaredCount(declared: number | null, actual: number, path: string, what: string): void {
    if (declared === null || declared === actual) return;
    const note = actual < declared ? `${declared - actual} not recorded yet` : `${actual - declared} more than declared`;
    reader.warn(`${path}.declared_count`, `the document declares ${declared} ${what}, the file has ${actual} (${note})`);
  }

  function checkRange(indicator: PlanIndicator, value: string, path: string): void {
    for (const p of valueRangeProblems(indicator, value)) {
      if (p.severity === 'error') reader.error(path, p.message);
      else reader.warn(path, p.message);
    }
  }
}

/** True when following `next` from `start` comes back to `start`. */
function followsBackTo(start: string, next: (code: string) => string | null): boolean {
  const seen = new Set<string>();
  let current = next(start);
  while (current !== null && !seen.has(current)) {
    if (current === start) return true;
    seen.add(current);
    current = next(current);
  }
  return false;
}
