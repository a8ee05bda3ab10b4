import {
  actualValue,
  changeFrom,
  compareWithTarget,
  evaluateGoal,
  GoalEvaluation,
  GoalRollup,
  IndicatorInput,
  latestObservation,
  mergeGoalRollups,
  mergeTaskRollups,
  ObservationInput,
  previousPeriod,
  rankAll,
  reconcileCounts,
  reconcileGoals,
  rollupGoals,
  rollupTasks,
  TaskInput,
  TaskRollup,
  TaskSnapshot,
  taskFlags,
  taskStateAt,
  yearAgoPeriod,
} from '@dx/domain';
import { TIME_ZONE } from './clock';
import { IndicatorRow, PeerObservation, ProvinceInputs } from './province-inputs';
import { KpiRow, ProvinceStatus, RollupRow } from './province-status';

/** Far enough in the future that every stored observation counts (latest value of a period, whatever its date). */
const END_OF_TIME = '9999-12-31';

/** A task of the plan at a date, with its state then. */
type TaskAt = ProvinceInputs['tasks'][number] & { state: TaskSnapshot };

/** The tasks in the plan at `date`, each as it stood at the end of that day (taskStateAt). */
function tasksAt(tasks: ProvinceInputs['tasks'], date: string): TaskAt[] {
  return tasks.flatMap((t) => {
    const state = taskStateAt(t.history, date, TIME_ZONE);
    return state ? [{ ...t, state }] : [];
  });
}

const taskInput = (t: TaskAt): TaskInput => ({
  code: t.code,
  status: t.state.status,
  due: t.due,
  progress: t.state.progress,
  evidence: t.state.evidence,
});

const indicatorInput = (i: IndicatorRow): IndicatorInput => ({ code: i.code, kind: i.kind, scale: i.scale, direction: i.direction });

/**
 * The rollups at `asOf`: each goal group and task group, then each document (its groups
 * merged), then the province (its documents merged), in that order.
 */
function rollupsAt(inputs: ProvinceInputs, goals: Map<string, GoalEvaluation>, current: TaskAt[], asOf: string): RollupRow[] {
  const rollups: RollupRow[] = [];
  const documentGoalRollups = new Map<string, GoalRollup[]>();
  const documentTaskRollups = new Map<string, TaskRollup[]>();
  for (const g of inputs.goalGroups) {
    const rollup = rollupGoals(
      inputs.goals.filter((x) => x.groupId === g.id).map((x) => goals.get(x.id)!.status),
      g.declaredCount,
    );
    rollups.push({ scopeKind: 'goal_group', scopeId: g.id, goals: rollup, tasks: null });
    documentGoalRollups.set(g.documentId, [...(documentGoalRollups.get(g.documentId) ?? []), rollup]);
  }
  for (const g of inputs.taskGroups) {
    const rollup = rollupTasks(current.filter((t) => t.groupId === g.id).map(taskInput), g.declaredCount, asOf);
    rollups.push({ scopeKind: 'task_group', scopeId: g.id, goals: null, tasks: rollup });
    documentTaskRollups.set(g.documentId, [...(documentTaskRollups.get(g.documentId) ?? []), rollup]);
  }
  const provinceGoals: GoalRollup[] = [];
  const provinceTasks: TaskRollup[] = [];
  for (const d of inputs.documents) {
    const goalRollup = mergeGoalRollups(documentGoalRollups.get(d.id) ?? []);
    const taskRollup = mergeTaskRollups(documentTaskRollups.get(d.id) ?? []);
    rollups.push({ scopeKind: 'document', scopeId: d.id, goals: goalRollup, tasks: taskRollup });
    provinceGoals.push(goalRollup);
    provinceTasks.push(taskRollup);
  }
  rollups.push({
    scopeKind: 'province',
    scopeId: inputs.province.id,
    goals: mergeGoalRollups(provinceGoals),
    tasks: mergeTaskRollups(provinceTasks),
  });
  return rollups;
}

/**
 * Applies the status rules to one province: goal statuses (for the province as org
 * unit) at `asOf`, task flags, rollups per group, document and province, and the
 * reconciliation of every reported claim at the claim's own date. Pure: no I/O.
 */
export function computeProvinceStatus(inputs: ProvinceInputs, asOf: string): ProvinceStatus {
  const indicators = new Map(inputs.indicators.map((i) => [i.id, i]));
  const provinceObservations = new Map<string, ObservationInput[]>();
  for (const o of inputs.observations) {
    if (o.orgUnitId !== inputs.province.id) continue;
    const list = provinceObservations.get(o.indicatorId) ?? [];
    list.push(o);
    provinceObservations.set(o.indicatorId, list);
  }
  const evaluateAt = (date: string) => {
    const result = new Map<string, GoalEvaluation>();
    for (const goal of inputs.goals) {
      const indicator = goal.indicatorId ? indicators.get(goal.indicatorId) : undefined;
      result.set(
        goal.id,
        evaluateGoal(
          goal,
          indicator ? indicatorInput(indicator) : null,
          goal.indicatorId ? (provinceObservations.get(goal.indicatorId) ?? []) : [],
          date,
        ),
      );
    }
    return result;
  };
  const goals = evaluateAt(asOf);
  // Tasks as they stood at each date asked about: the as-of date, and each claim's own date.
  const tasksOn = new Map<string, TaskAt[]>();
  const tasksOnDate = (date: string) => {
    if (!tasksOn.has(date)) tasksOn.set(date, tasksAt(inputs.tasks, date));
    return tasksOn.get(date)!;
  };
  const current = tasksOnDate(asOf);
  const tasks = new Map(
    current.map((t) => [t.id, { ...taskFlags(taskInput(t), asOf), status: t.state.status, progress: t.state.progress }]),
  );

  const rollups = rollupsAt(inputs, goals, current, asOf);

  // Each claim is checked against the data as it stood on the claim's own date.
  const byDate = new Map<string, Map<string, GoalEvaluation>>([[asOf, goals]]);
  const reconciliations = new Map(
    inputs.claims.map((claim) => {
      if (!byDate.has(claim.asOf)) byDate.set(claim.asOf, evaluateAt(claim.asOf));
      const evaluations = byDate.get(claim.asOf)!;
      const taskGroup = inputs.taskGroups.find((g) => g.documentId === claim.documentId && g.code === claim.scope);
      if (taskGroup) {
        const groupTasks = tasksOnDate(claim.asOf).filter((t) => t.groupId === taskGroup.id && t.state.status !== 'cancelled');
        return [claim.id, reconcileCounts(claim, groupTasks.filter((t) => t.state.status === 'done').length, groupTasks.length)] as const;
      }
      const goalGroup = inputs.goalGroups.find((g) => g.documentId === claim.documentId && g.code === claim.scope);
      const scoped = inputs.goals.filter((g) => (goalGroup ? g.groupId === goalGroup.id : g.documentId === claim.documentId));
      return [
        claim.id,
        reconcileGoals(
          claim,
          scoped.map((g) => ({ code: g.code, reportedStatus: g.reportedStatus, computed: evaluations.get(g.id)!.status })),
        ),
      ] as const;
    }),
  );

  return { asOf, goals, tasks, rollups, reconciliations };
}

function groupBy<T>(items: T[], key: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    const list = groups.get(k);
    if (list) list.push(item);
    else groups.set(k, [item]);
  }
  return groups;
}

/** One value per (indicator, org, period): the deterministic pick among sources, through the indicator's rule. */
function valuesByPeriod<T extends ObservationInput>(observations: T[], indicator: IndicatorInput, key: (o: T) => string) {
  const grouped = groupBy(observations, (o) => `${key(o)}|${o.period}`);
  const values = new Map<string, { observation: T; value: string }>();
  for (const [k, list] of grouped) {
    const chosen = latestObservation(list, END_OF_TIME) as T;
    const value = actualValue(indicator, chosen);
    if (value !== null) values.set(k, { observation: chosen, value });
  }
  return values;
}

/**
 * KPI comparisons of every observed (indicator, org unit, period) of a province with the
 * pure domain rules: the reference the set-based writer (kpi-comparison.writer.ts) is
 * tested against. `inputs.observations` must hold all the province's observations and
 * `peers` every province's province-level ones for the same pairs.
 */
export function computeKpiComparisons(inputs: ProvinceInputs, peers: PeerObservation[]): KpiRow[] {
  const indicators = new Map(inputs.indicators.map((i) => [i.id, i]));
  const kpis: KpiRow[] = [];
  const documentCode = new Map(inputs.documents.map((d) => [d.id, d.code]));
  const byIndicator = groupBy(inputs.observations, (o) => o.indicatorId);
  const peersByIndicator = groupBy(peers, (p) => p.indicatorId);

  for (const [indicatorId, observations] of byIndicator) {
    const indicator = indicators.get(indicatorId);
    if (!indicator) continue;
    const input = indicatorInput(indicator);
    const values = valuesByPeriod(observations, input, (o) => o.orgUnitId);
    // Every province's value for this indicator, by period, for ranks.
    const peerValues = valuesByPeriod(peersByIndicator.get(indicatorId) ?? [], input, (p) => p.provinceCode);
    const peerEntries = groupBy(
      [...peerValues].map(([, v]) => ({ org: v.observation.provinceCode, period: v.observation.period, value: v.value })),
      (e) => e.period,
    );
    const ranksByPeriod = new Map<string, ReturnType<typeof rankAll>>();
    const rankFor = (period: string) => {
      if (!ranksByPeriod.has(period)) ranksByPeriod.set(period, rankAll(peerEntries.get(period) ?? [], indicator.direction));
      return ranksByPeriod.get(period)!;
    };
    const goals = inputs.goals.filter((g) => g.indicatorId === indicatorId && g.targetOp !== null && g.targetValue !== null);

    for (const [key, { observation, value }] of values) {
      const orgUnitId = key.slice(0, key.indexOf('|'));
      const previous = previousPeriod(observation.period).code;
      const yearAgo = yearAgoPeriod(observation.period).code;
      const prior = (period: string) => {
        const found = values.get(`${orgUnitId}|${period}`);
        return found ? { period, value: found.value } : null;
      };
      const change = changeFrom(value, prior(previous), previous);
      const yearChange = changeFrom(value, prior(yearAgo), yearAgo);
      const isProvince = orgUnitId === inputs.province.id;
      const rank = isProvince ? (rankFor(observation.period).get(inputs.province.code) ?? null) : null;
      kpis.push({
        indicatorId,
        orgUnitId,
        period: observation.period,
        periodEnd: observation.periodEnd,
        value,
        previousPeriod: previous,
        previousValue: change.previousValue,
        previousChange: change.absolute,
        previousChangeRel: change.relative,
        yearAgoPeriod: yearAgo,
        yearAgoValue: yearChange.previousValue,
        yearAgoChange: yearChange.absolute,
        yearAgoChangeRel: yearChange.relative,
        goalTargets: goals.map((g) => ({
          goalId: g.id,
          goalCode: g.code,
          documentCode: documentCode.get(g.documentId) ?? '',
          ...compareWithTarget(value, g.targetOp!, g.targetValue!, indicator.direction),
        })),
        nationalTarget: indicator.nationalTarget
          ? compareWithTarget(value, indicator.nationalTarget.op, indicator.nationalTarget.value, indicator.direction)
          : null,
        rank: rank?.rank ?? null,
        rankOf: rank?.of ?? null,
        percentile: rank?.percentile ?? null,
      });
    }
  }
  kpis.sort(
    (a, b) => a.indicatorId.localeCompare(b.indicatorId) || a.orgUnitId.localeCompare(b.orgUnitId) || a.period.localeCompare(b.period),
  );
  return kpis;
}
