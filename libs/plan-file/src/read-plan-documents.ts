import {
  COMPARISON_OPS,
  DOCUMENT_SCOPES,
  DOCUMENT_TYPES,
  Evidence,
  PlanDocument,
  PlanGoal,
  PlanGoalGroup,
  PlanTask,
  PlanTaskGroup,
  REPORTED_STATUSES,
  ReportedClaim,
  TASK_STATUSES,
  planFileMessages as M,
  planFileWhat,
} from '@dx/domain';
import { DOCUMENT_CODE, ITEM_CODE } from './plan-codes';
import { PlanReadContext } from './read-plan-sections';
import { Located, MapView, YamlReader } from './yaml.reader';

/** One item of `documents`, with its goal groups, task groups and reported claims. */
export function readDocument(context: PlanReadContext, at: Located): PlanDocument | undefined {
  const { reader, remember } = context;
  const m = reader.map(at, [
    'code',
    'type',
    'issuer',
    'issued',
    'title',
    'period',
    'scope',
    'implements',
    'goal_groups',
    'task_groups',
    'reported',
  ]);
  if (!m) return undefined;
  const period = m.opt('period', (a) => readDocumentPeriod(reader, a));
  return remember(
    {
      code: m.req('code', (a) => reader.pattern(a, DOCUMENT_CODE, planFileWhat.documentNumber()))!,
      type: m.req('type', (a) => reader.enumOf(a, DOCUMENT_TYPES))!,
      issuer: m.req('issuer', (a) => reader.text(a))!,
      issued: m.req('issued', (a) => reader.date(a))!,
      title: m.req('title', (a) => reader.text(a))!,
      period: period ?? null,
      scope: m.opt('scope', (a) => reader.enumOf(a, DOCUMENT_SCOPES)) ?? 'province',
      implements: m.opt('implements', (a) => reader.text(a)) ?? null,
      goalGroups: listOf(reader, m, 'goal_groups', (a): PlanGoalGroup | undefined => {
        const g = readGroup(reader, a, 'goals', (x) => readGoal(context, x));
        return g && remember({ code: g.code, name: g.name, declaredCount: g.declaredCount, goals: g.items }, a.path);
      }),
      taskGroups: listOf(reader, m, 'task_groups', (a): PlanTaskGroup | undefined => {
        const g = readGroup(reader, a, 'tasks', (x) => readTask(context, x));
        return g && remember({ code: g.code, name: g.name, declaredCount: g.declaredCount, tasks: g.items }, a.path);
      }),
      reported: listOf(reader, m, 'reported', (a) => readClaim(context, a)),
    },
    at.path,
  );
}

function readDocumentPeriod(reader: YamlReader, a: Located): PlanDocument['period'] | undefined {
  const p = reader.map(a, ['from', 'to']);
  if (!p) return undefined;
  const from = p.req('from', (x) => reader.date(x));
  const to = p.req('to', (x) => reader.date(x));
  if (from !== undefined && to !== undefined && to < from) {
    reader.error(`${a.path}.to`, M.endsBeforeStart(to, from));
    return undefined;
  }
  return from === undefined || to === undefined ? undefined : { from, to };
}

/** The readable items of an optional list of `m`. */
function listOf<T>(reader: YamlReader, m: MapView, key: string, read: (a: Located) => T | undefined): T[] {
  const a = m.optional(key);
  return (a ? (reader.seq(a) ?? []) : []).flatMap((item) => {
    const value = read(item);
    return value === undefined ? [] : [value];
  });
}

/** A goal group or a task group: code, name, declared count and its items under `itemsKey`. */
function readGroup<T>(reader: YamlReader, at: Located, itemsKey: string, readItem: (a: Located) => T | undefined) {
  const m = reader.map(at, ['code', 'name', 'declared_count', itemsKey]);
  if (!m) return undefined;
  const itemsAt = m.optional(itemsKey);
  const items = itemsAt ? (reader.seq(itemsAt) ?? []) : [];
  return {
    code: m.req('code', (a) => reader.pattern(a, ITEM_CODE, planFileWhat.groupCode()))!,
    name: m.req('name', (a) => reader.text(a))!,
    declaredCount: m.opt('declared_count', (a) => reader.integer(a, 0)) ?? null,
    items: items.flatMap((item) => {
      const value = readItem(item);
      return value === undefined ? [] : [value];
    }),
  };
}

/** A goal: a milestone, or quantitative (indicator + target), never both. */
function readGoal({ reader, remember }: PlanReadContext, at: Located): PlanGoal | undefined {
  const m = reader.map(at, [
    'code',
    'title',
    'indicator',
    'target',
    'milestone',
    'baseline',
    'due',
    'reported_status',
    'reported_as_of',
    'evidence',
    'source',
    'note',
  ]);
  if (!m) return undefined;
  const milestone = m.opt('milestone', (a) => reader.boolean(a)) ?? false;
  const hasIndicator = m.has('indicator');
  const hasTarget = m.has('target');
  if (milestone && (hasIndicator || hasTarget)) {
    reader.error(`${at.path}.milestone`, M.milestoneAndQuantitative());
  } else if (!milestone && !hasIndicator && !hasTarget) {
    reader.error(at.path, M.goalNeedsTarget(), at.line);
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
      code: m.req('code', (a) => reader.pattern(a, ITEM_CODE, planFileWhat.goalCode()))!,
      title: m.req('title', (a) => reader.text(a))!,
      indicator: m.opt('indicator', (a) => reader.text(a)) ?? null,
      target: m.opt('target', (a) => readTarget(reader, a)) ?? null,
      milestone,
      baseline: baseline ?? null,
      due: m.req('due', (a) => reader.date(a))!,
      reportedStatus: m.opt('reported_status', (a) => reader.enumOf(a, REPORTED_STATUSES)) ?? null,
      reportedAsOf: m.opt('reported_as_of', (a) => reader.date(a)) ?? null,
      evidence: m.opt('evidence', (a) => readEvidence(reader, a)) ?? null,
      source: m.opt('source', (a) => reader.text(a)) ?? null,
      note: m.opt('note', (a) => reader.text(a)) ?? null,
    },
    at.path,
  );
}

function readTarget(reader: YamlReader, at: Located): PlanGoal['target'] | undefined {
  const m = reader.map(at, ['op', 'value']);
  if (!m) return undefined;
  const op = m.req('op', (a) => reader.enumOf(a, COMPARISON_OPS));
  const value = m.req('value', (a) => reader.decimal(a));
  return op === undefined || value === undefined ? undefined : { op, value };
}

function readEvidence(reader: YamlReader, at: Located): Evidence | undefined {
  const m = reader.map(at, ['number', 'date', 'issuer']);
  if (!m) return undefined;
  return {
    number: m.opt('number', (a) => reader.text(a)) ?? null,
    date: m.opt('date', (a) => reader.date(a)) ?? null,
    issuer: m.opt('issuer', (a) => reader.text(a)) ?? null,
  };
}

function readTask({ reader, remember }: PlanReadContext, at: Located): PlanTask | undefined {
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
      code: m.req('code', (a) => reader.pattern(a, ITEM_CODE, planFileWhat.taskCode()))!,
      title: m.req('title', (a) => reader.text(a))!,
      lead: m.req('lead', (a) => reader.text(a))!,
      support,
      due: m.opt('due', (a) => reader.date(a)) ?? null,
      status: m.req('status', (a) => reader.enumOf(a, TASK_STATUSES))!,
      progress: m.opt('progress', (a) => reader.integer(a, 0, 100)) ?? null,
      evidence: m.opt('evidence', (a) => readEvidence(reader, a)) ?? null,
    },
    at.path,
  );
}

function readClaim({ reader, remember }: PlanReadContext, at: Located): ReportedClaim | undefined {
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
}
