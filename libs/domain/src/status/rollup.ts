import Decimal from 'decimal.js';
import { TASK_STATUSES, type TaskStatus } from '../plan.types';
import { GOAL_STATUSES, type GoalRollup, type GoalStatus, type TaskInput, type TaskRollup } from './status.types';
import { taskFlags } from './task-flags';

/** See attainment.ts: exact enough quotients, rounded half away from zero. */
const Exact = Decimal.clone({ precision: 64, rounding: Decimal.ROUND_HALF_UP });
const PROGRESS_DP = 2;

function zeros<K extends string>(keys: readonly K[]): Record<K, number> {
  return Object.fromEntries(keys.map((k) => [k, 0])) as Record<K, number>;
}

function sumCounts<K extends string>(keys: readonly K[], parts: Record<K, number>[]): Record<K, number> {
  const counts = zeros(keys);
  for (const part of parts) for (const k of keys) counts[k] += part[k];
  return counts;
}

function sum(values: number[]): number {
  return values.reduce((a, b) => a + b, 0);
}

/**
 * Declared count of merged parts: the declared counts where given, and for a part that
 * declares nothing the goals or tasks it records; null when no part declares anything.
 */
function mergeDeclared(parts: { declared: number | null; recorded: number }[]): number | null {
  if (parts.every((p) => p.declared === null)) return null;
  return sum(parts.map((p) => p.declared ?? p.recorded));
}

function weightedMean(items: { value: Decimal.Value; weight: Decimal.Value }[]): string | null {
  let total = new Exact(0);
  let weights = new Exact(0);
  for (const { value, weight } of items) {
    total = total.plus(new Exact(value).mul(weight));
    weights = weights.plus(weight);
  }
  if (weights.isZero()) return null;
  const mean = total.div(weights).toDecimalPlaces(PROGRESS_DP, Decimal.ROUND_HALF_UP);
  return mean.isZero() ? '0' : mean.toFixed();
}

/** Counts of goal statuses (every status present), "met of total" and completeness. */
export function rollupGoals(statuses: GoalStatus[], declared: number | null): GoalRollup {
  const counts = zeros(GOAL_STATUSES);
  for (const s of statuses) counts[s] += 1;
  return { counts, met: counts.met, total: statuses.length, recorded: statuses.length, declared };
}

/** Sums goal rollups of several groups (e.g. a document's groups, a province's documents). */
export function mergeGoalRollups(parts: GoalRollup[]): GoalRollup {
  return {
    counts: sumCounts(
      GOAL_STATUSES,
      parts.map((p) => p.counts),
    ),
    met: sum(parts.map((p) => p.met)),
    total: sum(parts.map((p) => p.total)),
    recorded: sum(parts.map((p) => p.recorded)),
    declared: mergeDeclared(parts),
  };
}

/**
 * Task group rollup at the as-of date: counts by stored status, derived flags, and
 * progress as the weighted mean (weight default 1) of the non-cancelled tasks' progress,
 * a task without progress counting 100 when done and 0 otherwise.
 */
export function rollupTasks(tasks: TaskInput[], declared: number | null, asOf: string): TaskRollup {
  const counts = zeros(TASK_STATUSES);
  let [overdue, dueSoon, unverified] = [0, 0, 0];
  for (const task of tasks) {
    counts[task.status] += 1;
    const flags = taskFlags(task, asOf);
    overdue += Number(flags.overdue);
    dueSoon += Number(flags.dueSoon);
    unverified += Number(flags.unverified);
  }
  const counted = tasks.filter((t) => t.status !== 'cancelled');
  const progress = weightedMean(counted.map((t) => ({ value: t.progress ?? (t.status === 'done' ? 100 : 0), weight: t.weight ?? 1 })));
  return { counts, total: tasks.length, overdue, dueSoon, unverified, progress, recorded: tasks.length, declared };
}

/** Sums task rollups; progress is the parts' progress weighted by their non-cancelled task counts. */
export function mergeTaskRollups(parts: TaskRollup[]): TaskRollup {
  const counts = sumCounts<TaskStatus>(
    TASK_STATUSES,
    parts.map((p) => p.counts),
  );
  const progress = weightedMean(
    parts
      .filter((p): p is TaskRollup & { progress: string } => p.progress !== null)
      .map((p) => ({ value: p.progress, weight: p.total - p.counts.cancelled })),
  );
  return {
    counts,
    total: sum(parts.map((p) => p.total)),
    overdue: sum(parts.map((p) => p.overdue)),
    dueSoon: sum(parts.map((p) => p.dueSoon)),
    unverified: sum(parts.map((p) => p.unverified)),
    progress,
    recorded: sum(parts.map((p) => p.recorded)),
    declared: mergeDeclared(parts),
  };
}
