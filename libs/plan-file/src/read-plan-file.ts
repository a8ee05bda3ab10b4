import {
  COMPARISON_OPS,
  DIRECTIONS,
  DOCUMENT_SCOPES,
  DOCUMENT_TYPES,
  DTI_FIGURE,
  Evidence,
  INDICATOR_KINDS,
  ORG_KINDS,
  parseDtiFigure,
  parsePeriod,
  PLAN_SCHEMA,
  PROVINCE_CODE_PATTERN,
  PlanAgency,
  PlanDocument,
  PlanFile,
  PlanGoal,
  PlanGoalGroup,
  PlanIndicator,
  PlanObservation,
  PlanTask,
  PlanTaskGroup,
  REPORTED_STATUSES,
  ReportedClaim,
  TASK_STATUSES,
} from '@dx/domain';
import { Located, MapView, YamlReader } from './yaml-reader';

export const PROVINCE_CODE = PROVINCE_CODE_PATTERN;
export const AGENCY_CODE = /^[A-Za-z0-9][A-Za-z0-9._-]{0,31}$/;
export const INDICATOR_CODE = /^[a-z0-9]+(-[a-z0-9]+)*$/;
/** Document numbers such as `09-NQ/TU`, `37/KH-UBND`; goal codes such as `G1.1`. */
export const DOCUMENT_CODE = /^[^\s](.{0,62}[^\s])?$/;
export const ITEM_CODE = /^[A-Za-z0-9][A-Za-z0-9._/-]{0,31}$/;

/** Where each element of the read plan came from, for issues raised after reading. */
export type PathIndex = WeakMap<object, string>;

/**
 * Reads the structure of a plan file: required keys, unknown keys, types, enums,
 * dates, periods and code formats. Cross-references are checked by checkPlanRules.
 */
export function readPlanFile(reader: YamlReader): { plan: PlanFile; paths: PathIndex } {
  const paths: PathIndex = new WeakMap();
  const remember = <T extends object>(value: T, path: string): T => {
    paths.set(value, path);
    return value;
  };
  const root = reader.map(reader.root(), ['schema', 'province', 'agencies', 'indicators', 'documents', 'observations']);
  const empty: PlanFile = {
    province: { code: '', name: '', validFrom: null },
    agencies: [],
    indicators: [],
    documents: [],
    observations: [],
  };
  if (!root) return { plan: empty, paths };

  const schema = root.req('schema', (at) => reader.text(at));
  if (schema !== undefined && schema !== PLAN_SCHEMA) {
    reader.error('schema', `must be exactly "${PLAN_SCHEMA}", got "${schema}"`);
  }

  const list = <T>(key: string, read: (at: Located) => T | undefined): T[] => root.list(key, read);

  const evidence = (at: Located): Evidence | undefined => {
    const m = reader.map(at, ['number', 'date', 'issuer']);
    if (!m) return undefined;
    return {
      number: m.opt('number', (a) => reader.text(a)) ?? null,
      date: m.opt('date', (a) => reader.date(a)) ?? null,
      issuer: m.opt('issuer', (a) => reader.text(a)) ?? null,
    };
  };

  const target = (at: Located) => {
    const m = reader.map(at, ['op', 'value']);
    if (!m) return undefined;
    const op = m.req('op', (a) => reader.enumOf(a, COMPARISON_OPS));
    const value = m.req('value', (a) => reader.decimal(a));
    return op === undefined || value === undefined ? undefined : { op, value };
  };

  const provinceMap = root.required('province');
  const pm = provinceMap ? reader.map(provinceMap, ['code', 'name', 'valid_from']) : undefined;
  const province = {
    code: pm?.req('code', (a) => reader.pattern(a, PROVINCE_CODE, 'province code (2-16 characters A-Z, 0-9, -)')) ?? '',
    name: pm?.req('name', (a) => reader.text(a)) ?? '',
    validFrom: pm?.opt('valid_from', (a) => reader.date(a)) ?? null,
  };

  const agencies = list('agencies', (at): PlanAgency | undefined => {
    const m = reader.map(at, ['code', 'name', 'kind', 'parent']);
    if (!m) return undefined;
    return remember(
      {
        code: m.req('code', (a) => reader.pattern(a, AGENCY_CODE, 'agency code'))!,
        name: m.req('name', (a) => reader.text(a))!,
        kind: m.req('kind', (a) => reader.enumOf(a, ORG_KINDS))!,
        parent: m.opt('parent', (a) => reader.text(a)) ?? null,
      },
      at.path,
    );
  });

  const indicators = list('indicators', (at): PlanIndicator | undefined => {
    const m = reader.map(at, ['code', 'name', 'unit', 'kind', 'scale', 'direction', 'national_target', 'dti']);
    if (!m) return undefined;
    const kind = m.req('kind', (a) => reader.enumOf(a, INDICATOR_KINDS))!;
    let scale = m.opt('scale', (a) => reader.decimal(a)) ?? null;
    if (scale !== null && kind !== undefined && kind !== 'ratio') {
      reader.error(`${at.path}.scale`, `applies to ratio indicators only, not ${kind}`);
    } else if (scale !== null && Number(scale) <= 0) {
      reader.error(`${at.path}.scale`, 'must be greater than 0');
    }
    if (kind === 'ratio' && scale === null && !m.has('scale')) scale = '100';
    const nationalTarget = m.opt('national_target', (a) => {
      const t = reader.map(a, ['op', 'value', 'due', 'source']);
      if (!t) return undefined;
      const op = t.req('op', (x) => reader.enumOf(x, COMPARISON_OPS));
      const value = t.req('value', (x) => reader.decimal(x));
      const due = t.opt('due', (x) => reader.date(x));
      const source = t.opt('source', (x) => reader.text(x));
      return op === undefined || value === undefined ? undefined : { op, value, due: due ?? null, source: source ?? null };
    });
    return remember(
      {
        code: m.req('code', (a) => reader.pattern(a, INDICATOR_CODE, 'indicator code (lowercase a-z, 0-9 and -)'))!,
        name: m.req('name', (a) => reader.text(a))!,
        unit: m.req('unit', (a) => reader.text(a))!,
        kind,
        scale,
        direction: m.req('direction', (a) => reader.enumOf(a, DIRECTIONS))!,
        nationalTarget: nationalTarget ?? null,
        dti: m.opt('dti', (a) => {
          const figure = reader.pattern(a, DTI_FIGURE, 'DTI figure (rank, score, or PART.rank / PART.score such as government.rank)');
          const measure = figure === undefined ? undefined : parseDtiFigure(figure)!.measure;
          if (measure !== undefined && kind !== undefined && kind !== measure) {
            reader.error(a.path, `a DTI ${measure} feeds an indicator of kind ${measure}, not ${kind}`, a.line);
            return undefined;
          }
          return figure;
        }) ?? null,
      },
      at.path,
    );
  });

  const goal = (at: Located): PlanGoal | undefined => {
    const m = reader.map(at, [
      'code', 'title', 'indicator', 'target', 'milestone', 'baseline', 'due',
      'reported_status', 'reported_as_of', 'evidence', 'source', 'note',
    ]);
    if (!m) return undefined;
    const milestone = m.opt('milestone', (a) => reader.boolean(a)) ?? false;
    const hasIndicator = m.has('indicator');
    const hasTarget = m.has('target');
    if (milestone && (hasIndicator || hasTarget)) {
      reader.error(`${at.path}.milestone`, 'a goal is either a milestone or quantitative (indicator + target), not both');
    } else if (!milestone && !hasIndicator && !hasTarget) {
      reader.error(at.path, 'a goal needs an indicator and a target, or milestone: true', at.line);
    } else if (!milestone && hasIndicator !== hasTarget) {
      m.required(hasIndicator ? 'target' : 'indicator');
    }
    const baseline = m.opt('baseline', (a) => {
      const b = reader.map(a, ['value', 'date']);
      if (!b) return undefined;
      const value = b.req('value', (x) => reader.decimal(x));
      const date = b.req('date', (x) => reader.date(x));
      return value === undefined || date === undefined ? undefined : { value, date };
    });
    return remember(
      {
        code: m.req('code', (a) => reader.pattern(a, ITEM_CODE, 'goal code'))!,
        title: m.req('title', (a) => reader.text(a))!,
        indicator: m.opt('indicator', (a) => reader.text(a)) ?? null,
        target: m.opt('target', target) ?? null,
        milestone,
        baseline: baseline ?? null,
        due: m.req('due', (a) => reader.date(a))!,
        reportedStatus: m.opt('reported_status', (a) => reader.enumOf(a, REPORTED_STATUSES)) ?? null,
        reportedAsOf: m.opt('reported_as_of', (a) => reader.date(a)) ?? null,
        evidence: m.opt('evidence', evidence) ?? null,
        source: m.opt('source', (a) => reader.text(a)) ?? null,
        note: m.opt('note', (a) => reader.text(a)) ?? null,
      },
      at.path,
    );
  };

  const task = (at: Located): PlanTask | undefined => {
    const m = reader.map(at, ['code', 'title', 'lead', 'support', 'due', 'status', 'progress', 'evidence']);
    if (!m) return undefined;
    const supportAt = m.optional('support');
    const support = supportAt
      ? (reader.seq(supportAt) ?? []).flatMap((item) => {
          const code = reader.text(item);
          return code === undefined ? [] : [code];
        })
      : [];
    return remember(
      {
        code: m.req('code', (a) => reader.pattern(a, ITEM_CODE, 'task code'))!,
        title: m.req('title', (a) => reader.text(a))!,
        lead: m.req('lead', (a) => reader.text(a))!,
        support,
        due: m.opt('due', (a) => reader.date(a)) ?? null,
        status: m.req('status', (a) => reader.enumOf(a, TASK_STATUSES))!,
        progress: m.opt('progress', (a) => reader.integer(a, 0, 100)) ?? null,
        evidence: m.opt('evidence', evidence) ?? null,
      },
      at.path,
    );
  };

  const group = <T>(at: Located, itemsKey: string, readItem: (a: Located) => T | undefined) => {
    const m = reader.map(at, ['code', 'name', 'declared_count', itemsKey]);
    if (!m) return undefined;
    const itemsAt = m.optional(itemsKey);
    const items = itemsAt ? (reader.seq(itemsAt) ?? []) : [];
    return {
      code: m.req('code', (a) => reader.pattern(a, ITEM_CODE, 'group code'))!,
      name: m.req('name', (a) => reader.text(a))!,
      declaredCount: m.opt('declared_count', (a) => reader.integer(a, 0)) ?? null,
      items: items.flatMap((item) => {
        const value = readItem(item);
        return value === undefined ? [] : [value];
      }),
    };
  };

  const claim = (at: Located): ReportedClaim | undefined => {
    const m = reader.map(at, ['scope', 'met', 'of', 'open', 'as_of', 'source']);
    if (!m) return undefined;
    return remember(
      {
        scope: m.req('scope', (a) => reader.text(a))!,
        met: m.req('met', (a) => reader.integer(a, 0))!,
        of: m.req('of', (a) => reader.integer(a, 0))!,
        open: m.opt('open', (a) => reader.integer(a, 0)) ?? null,
        asOf: m.req('as_of', (a) => reader.date(a))!,
        source: m.opt('source', (a) => reader.text(a)) ?? null,
      },
      at.path,
    );
  };

  const documents = list('documents', (at): PlanDocument | undefined => {
    const m = reader.map(at, [
      'code', 'type', 'issuer', 'issued', 'title', 'period', 'scope', 'implements',
      'goal_groups', 'task_groups', 'reported',
    ]);
    if (!m) return undefined;
    const period = m.opt('period', (a) => {
      const p = reader.map(a, ['from', 'to']);
      if (!p) return undefined;
      const from = p.req('from', (x) => reader.date(x));
      const to = p.req('to', (x) => reader.date(x));
      if (from !== undefined && to !== undefined && to < from) {
        reader.error(`${a.path}.to`, `ends (${to}) before it starts (${from})`);
        return undefined;
      }
      return from === undefined || to === undefined ? undefined : { from, to };
    });
    const listOf = <T>(key: string, read: (a: Located) => T | undefined): T[] => {
      const a = m.optional(key);
      return (a ? (reader.seq(a) ?? []) : []).flatMap((item) => {
        const value = read(item);
        return value === undefined ? [] : [value];
      });
    };
    return remember(
      {
        code: m.req('code', (a) => reader.pattern(a, DOCUMENT_CODE, 'document number'))!,
        type: m.req('type', (a) => reader.enumOf(a, DOCUMENT_TYPES))!,
        issuer: m.req('issuer', (a) => reader.text(a))!,
        issued: m.req('issued', (a) => reader.date(a))!,
        title: m.req('title', (a) => reader.text(a))!,
        period: period ?? null,
        scope: m.opt('scope', (a) => reader.enumOf(a, DOCUMENT_SCOPES)) ?? 'province',
        implements: m.opt('implements', (a) => reader.text(a)) ?? null,
        goalGroups: listOf('goal_groups', (a): PlanGoalGroup | undefined => {
          const g = group(a, 'goals', goal);
          return g && remember({ code: g.code, name: g.name, declaredCount: g.declaredCount, goals: g.items }, a.path);
        }),
        taskGroups: listOf('task_groups', (a): PlanTaskGroup | undefined => {
          const g = group(a, 'tasks', task);
          return g && remember({ code: g.code, name: g.name, declaredCount: g.declaredCount, tasks: g.items }, a.path);
        }),
        reported: listOf('reported', claim),
      },
      at.path,
    );
  });

  const observations = list('observations', (at): PlanObservation | undefined => {
    const m = reader.map(at, ['indicator', 'org', 'period', 'value', 'numerator', 'denominator', 'source', 'note']);
    if (!m) return undefined;
    const period = m.req('period', (a) => {
      const text = reader.text(a);
      if (text === undefined) return undefined;
      const parsed = parsePeriod(text);
      if (!parsed) {
        reader.error(a.path, `"${text}" is not a period (2023, 2023-H1, 2023-Q3, 2023-10 or 2023-10-31)`);
        return undefined;
      }
      return parsed.code;
    });
    const value = m.opt('value', (a) => reader.decimal(a));
    const numerator = m.opt('numerator', (a) => reader.decimal(a));
    const denominator = m.opt('denominator', (a) => reader.decimal(a));
    if (!m.has('value') && !m.has('numerator')) {
      reader.error(`${at.path}.value`, 'is required (give value, or numerator and denominator)', at.line);
    }
    return remember(
      {
        indicator: m.req('indicator', (a) => reader.text(a))!,
        org: m.req('org', (a) => reader.text(a))!,
        period: period!,
        value: value ?? null,
        numerator: numerator ?? null,
        denominator: denominator ?? null,
        source: m.opt('source', (a) => reader.text(a)) ?? null,
        note: m.opt('note', (a) => reader.text(a)) ?? null,
      },
      at.path,
    );
  });

  return { plan: { province, agencies, indicators, documents, observations }, paths };
}

export type { MapView };
