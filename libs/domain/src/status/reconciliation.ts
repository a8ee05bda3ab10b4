import type { ReportedStatus } from '../plan.types';
import type { ClaimInput, GoalComparisonInput, GoalStatus, Reconciliation } from './status.types';

/** Vietnamese names of goal statuses, as reports and the dashboard print them. */
export const GOAL_STATUS_LABELS_VI: Record<GoalStatus, string> = {
  met: 'đạt',
  not_met: 'không đạt',
  on_track: 'đúng tiến độ',
  at_risk: 'có nguy cơ chậm',
  in_progress: 'đang thực hiện',
  no_data: 'chưa có số liệu',
};

/**
 * Whether a computed status agrees with what was reported. A report knows only met,
 * not_met and in_progress; on_track and at_risk are both "in progress"; no_data
 * agrees with nothing (the report's claim cannot be checked).
 */
export function statusMatchesReported(reported: ReportedStatus, computed: GoalStatus): boolean {
  switch (reported) {
    case 'met':
      return computed === 'met';
    case 'not_met':
      return computed === 'not_met';
    case 'in_progress':
      return computed === 'on_track' || computed === 'at_risk' || computed === 'in_progress';
  }
}

/** Goal codes in natural order (MT1.2 before MT1.10), ties by plain text so the order is total. */
function compareCodes(a: string, b: string): number {
  const chunks = (s: string) => s.match(/\d+|\D+/g) ?? [];
  const [ca, cb] = [chunks(a), chunks(b)];
  for (let i = 0; i < Math.min(ca.length, cb.length); i++) {
    const [x, y] = [ca[i], cb[i]];
    const numeric = /^\d/.test(x) && /^\d/.test(y);
    const c = numeric ? compareDigits(x, y) : x < y ? -1 : x > y ? 1 : 0;
    if (c !== 0) return c;
  }
  return ca.length - cb.length || (a < b ? -1 : a > b ? 1 : 0);
}

function compareDigits(x: string, y: string): number {
  const [sx, sy] = [x.replace(/^0+/, ''), y.replace(/^0+/, '')];
  if (sx.length !== sy.length) return sx.length - sy.length;
  return sx < sy ? -1 : sx > sy ? 1 : 0;
}

/**
 * Compares a reported claim ("6/9 met, 4 open") with the computed count of the same
 * scope. self_inconsistent (met > of, or met + open ≠ of) wins over differs (other
 * counts, or goals whose computed status disagrees with their report) over consistent.
 */
export function reconcileCounts(
  claim: ClaimInput,
  computedMet: number,
  computedTotal: number,
  differingGoals: Reconciliation['differingGoals'] = [],
): Reconciliation {
  const goals = [...differingGoals].sort((a, b) => compareCodes(a.code, b.code));
  const reasons: string[] = [];
  const overClaimed = claim.met > claim.of;
  const openMismatch = claim.open !== null && claim.met + claim.open !== claim.of;
  if (overClaimed) reasons.push(`Báo cáo tự mâu thuẫn: ${claim.met} đạt nhiều hơn tổng số ${claim.of}`);
  if (openMismatch) reasons.push(`Báo cáo tự mâu thuẫn: ${claim.met} đạt + ${claim.open} chưa đạt ≠ ${claim.of}`);
  const countsDiffer = claim.met !== computedMet || claim.of !== computedTotal;
  if (countsDiffer) {
    reasons.push(`Báo cáo ghi ${claim.met}/${claim.of} đạt nhưng số liệu tính được ${computedMet}/${computedTotal}`);
  }
  for (const g of goals) {
    reasons.push(`Mục tiêu ${g.code}: báo cáo "${GOAL_STATUS_LABELS_VI[g.reported]}", tính được "${GOAL_STATUS_LABELS_VI[g.computed]}"`);
  }
  const selfInconsistent = overClaimed || openMismatch;
  const differs = countsDiffer || goals.length > 0;
  return {
    verdict: selfInconsistent ? 'self_inconsistent' : differs ? 'differs' : 'consistent',
    selfInconsistent,
    differs,
    reportedMet: claim.met,
    reportedOf: claim.of,
    reportedOpen: claim.open,
    computedMet,
    computedTotal,
    differingGoals: goals,
    reasons,
  };
}

/**
 * Reconciles a claim with the computed statuses of the goals in its scope: computed
 * "met of total", and every goal whose reported_status disagrees with its computed status.
 */
export function reconcileGoals(claim: ClaimInput, goals: GoalComparisonInput[]): Reconciliation {
  const differing: Reconciliation['differingGoals'] = [];
  for (const g of goals) {
    if (g.reportedStatus !== null && !statusMatchesReported(g.reportedStatus, g.computed)) {
      differing.push({ code: g.code, reported: g.reportedStatus, computed: g.computed });
    }
  }
  const computedMet = goals.filter((g) => g.computed === 'met').length;
  return reconcileCounts(claim, computedMet, goals.length, differing);
}
