import { observationProblems, PlanFile, planFileMessages as M, planFileWhat as W, PlanIndicator } from '@dx/domain';
import { checkDocumentRules } from './check-document-rules';
import { followsBackTo, PlanRuleContext } from './plan-rule-context';
import { PathIndex } from './read-plan-file';
import { YamlReader } from './yaml.reader';

/**
 * Cross-reference and consistency rules of docs/plan-format.md: unique codes, resolvable
 * references, no `implements` cycles, task progress, observation arithmetic (errors);
 * declared counts, reported claims and implausible values (warnings).
 * Sections are checked in the file's order, so issues come out in that order.
 */
export function checkPlanRules(plan: PlanFile, paths: PathIndex, reader: YamlReader): void {
  const context = new PlanRuleContext(plan, paths, reader);
  checkAgencyRules(context);
  checkIndicatorRules(context);
  checkDocumentRules(context);
  checkObservationRules(context);
}

/** Agencies: unique, distinct from the province, parents resolve without cycles. */
function checkAgencyRules(context: PlanRuleContext): void {
  const { plan, reader } = context;
  context.unique(plan.agencies, (a) => a.code, 'code', W.agency());
  for (const a of plan.agencies) {
    if (a.code !== undefined && a.code === plan.province.code) {
      reader.error(`${context.pathOf(a)}.code`, M.agencyIsProvince(a.code));
    }
    if (a.code !== undefined) context.orgCodes.add(a.code);
  }
  const agencyByCode = new Map(plan.agencies.map((a) => [a.code, a]));
  for (const a of plan.agencies) {
    if (a.parent === null) continue;
    if (!agencyByCode.has(a.parent)) {
      reader.error(`${context.pathOf(a)}.parent`, M.noAgency(a.parent));
    } else if (followsBackTo(a.code, (c) => agencyByCode.get(c)?.parent ?? null)) {
      reader.error(`${context.pathOf(a)}.parent`, M.agencyCycle(a.code));
    }
  }
}

function checkIndicatorRules(context: PlanRuleContext): void {
  const { plan, indicators } = context;
  context.unique(plan.indicators, (i) => i.code, 'code', W.indicator());
  for (const i of plan.indicators) {
    if (i.code !== undefined && !indicators.has(i.code)) indicators.set(i.code, i);
    if (i.nationalTarget) context.checkRange(i, i.nationalTarget.value, `${context.pathOf(i)}.national_target.value`);
  }
}

function checkObservationRules(context: PlanRuleContext): void {
  const { plan, reader } = context;
  context.unique(
    plan.observations,
    (o) => (o.indicator && o.org && o.period ? `${o.indicator} / ${o.org} / ${o.period} / ${o.source ?? '(no source)'}` : undefined),
    '',
    W.observation(),
  );
  for (const o of plan.observations) {
    const op = context.pathOf(o);
    if (o.org !== undefined && !context.orgCodes.has(o.org)) {
      reader.error(`${op}.org`, M.notAnOrg(o.org));
    }
    const indicator: PlanIndicator | undefined = o.indicator === undefined ? undefined : context.indicators.get(o.indicator);
    if (o.indicator !== undefined && !indicator) {
      reader.error(`${op}.indicator`, M.noIndicator(o.indicator));
    }
    // The plan format's schema already requires a value or a numerator; the rest are the shared observation rules.
    for (const p of observationProblems(indicator ?? null, o)) {
      if (p.rule === 'missing-value') continue;
      const path = `${op}.${p.field}`;
      const line = p.rule === 'value-without-denominator' ? reader.lineOf(op) : undefined;
      const text = { en: p.message, vi: p.vi };
      if (p.severity === 'error') reader.error(path, text, line);
      else reader.warn(path, text);
    }
  }
}
