import {
  describeChange,
  DOCUMENT_TYPE_LABELS_VI,
  GOAL_STATUS_LABELS_VI,
  GoalRollup,
  rankOutOf,
  TASK_STATUS_LABELS_VI,
  TaskRollup,
  VERDICT_LABELS_VI,
  viDate,
  viNumber,
  viPercent,
} from '@dx/domain';
import type { KpiView, ProvinceSummary } from '@dx/status-engine';

const TASK_LABELS = TASK_STATUS_LABELS_VI;
const VERDICT_LABELS = VERDICT_LABELS_VI;
const DOCUMENT_TYPES = DOCUMENT_TYPE_LABELS_VI;

/**
 * What a rank is out of: a DTI-fed indicator's is the DTI table's, among every province on
 * that year's map; any other, among the provinces here with a value for the period.
 */
const RANK_AMONG: Record<NonNullable<KpiView['rank']>['source'], string> = {
  dti: 'tỉnh, thành phố',
  observations: 'tỉnh có số liệu',
};

function unitOf(value: string, unit: string): string {
  if (unit === '%') return `${viPercent(Number(value))}%`;
  if (unit === 'hạng') return `hạng ${viNumber(value)}`;
  return `${viNumber(value)} ${unit}`;
}

function signed(change: string | null): string {
  return change !== null && Number(change) > 0 ? `+${viNumber(change)}` : viNumber(change);
}

function goalLine(g: GoalRollup | null, indent: string): string[] {
  if (!g) return [];
  const others = (Object.entries(g.counts) as [keyof typeof GOAL_STATUS_LABELS_VI, number][])
    .filter(([s, n]) => s !== 'met' && n > 0)
    .map(([s, n]) => `${n} ${GOAL_STATUS_LABELS_VI[s]}`);
  const completeness = g.declared === null ? `${g.recorded} mục tiêu đã nhập` : `${g.recorded}/${g.declared} mục tiêu đã nhập`;
  return [`${indent}Mục tiêu: ${g.met}/${g.total} đạt${others.length ? ` (${others.join(', ')})` : ''} · ${completeness}`];
}

function taskLine(t: TaskRollup | null, indent: string, label = 'Nhiệm vụ'): string[] {
  if (!t || (t.total === 0 && t.declared === null)) return [];
  const counts = Object.entries(t.counts)
    .filter(([, n]) => n > 0)
    .map(([s, n]) => `${n} ${TASK_LABELS[s]}`);
  const completeness = t.declared === null ? `${t.recorded} đã nhập` : `${t.recorded}/${t.declared} nhiệm vụ đã nhập`;
  const progress = t.progress === null ? '' : ` · tiến độ ${viNumber(t.progress)}%`;
  return [`${indent}${label}: ${completeness}${counts.length ? ` · ${counts.join(', ')}` : ''} · quá hạn ${t.overdue}${progress}`];
}

/** The plan tree of `cli status`, in Vietnamese. */
export function formatProvinceStatus(s: ProvinceSummary): string {
  const out: string[] = [];
  out.push(`${s.province.name} (${s.province.code}) — tình trạng tại ngày ${viDate(s.asOf)}`);
  out.push(...goalLine(s.totals.goals, '  Toàn tỉnh — '), ...taskLine(s.totals.tasks, '  Toàn tỉnh — '));
  for (const d of s.documents) {
    out.push('');
    const scope = d.scope === 'national' ? ' [chỉ tiêu quốc gia]' : '';
    out.push(`${DOCUMENT_TYPES[d.type] ?? d.type} ${d.code}${scope} — ${d.title}${d.implements ? ` (thực hiện ${d.implements})` : ''}`);
    out.push(...goalLine(d.rollup.goals, '  '));
    for (const c of d.claims) {
      const r = c.reconciliation;
      out.push(
        `  Báo cáo ${c.scope === 'document' ? '' : `nhóm ${c.scope} `}ngày ${viDate(c.asOf)}: ${c.met}/${c.of} đạt${c.open === null ? '' : `, còn ${c.open} chưa đạt`}` +
          (r ? ` — tính được ${r.computedMet}/${r.computedTotal} đạt — đối chiếu: ${VERDICT_LABELS[r.verdict]}` : ' — chưa đối chiếu'),
      );
      for (const reason of r?.reasons ?? []) out.push(`    • ${reason}`);
    }
    for (const g of d.goalGroups) {
      const gr = g.rollup.goals;
      const completeness = gr
        ? gr.declared === null
          ? `${gr.recorded} mục tiêu đã nhập`
          : `${gr.recorded}/${gr.declared} mục tiêu đã nhập`
        : '';
      out.push(`  ${g.code} ${g.name}: ${gr ? `${gr.met}/${gr.total} đạt · ${completeness}` : 'chưa tính'}`);
      for (const goal of g.goals) {
        // A goal cancelled in the web app is listed, left out of the counts (issue 19).
        const status = goal.cancelled ? 'đã hủy' : goal.status ? GOAL_STATUS_LABELS_VI[goal.status] : 'chưa tính';
        const target = goal.target ? ` · chỉ tiêu ${goal.target.op} ${viNumber(goal.target.value)}` : '';
        const actual = goal.actual !== null ? ` · thực tế ${viNumber(goal.actual)} (${goal.actualPeriod})` : '';
        const flags = goal.unverified ? ' · chưa có minh chứng' : '';
        out.push(`    ${goal.code} ${status}${target}${actual}${flags} — ${goal.title}`);
      }
    }
    for (const g of d.taskGroups) out.push(...taskLine(g.rollup.tasks, `  ${g.code} ${g.name} — `));
  }
  if (s.kpis.length) {
    out.push('', 'Chỉ số (giá trị mới nhất đến ngày tính):');
    for (const k of s.kpis) {
      const parts = [`  ${k.indicator.code}: ${unitOf(k.value, k.indicator.unit)} (${k.period})`];
      for (const t of k.goalTargets) {
        parts.push(
          `chỉ tiêu ${t.documentCode} ${t.goalCode} ${t.op} ${viNumber(t.target)}: ${t.met ? 'đạt' : 'chưa đạt'}, chênh ${signed(t.gap)}${t.attainment ? `, mức đạt ${viPercent(Number(t.attainment) * 100)}%` : ''}`,
        );
      }
      if (k.nationalTarget) {
        const t = k.nationalTarget;
        parts.push(
          `chỉ tiêu quốc gia ${t.op} ${viNumber(t.target)}: ${t.met ? 'đạt' : 'chưa đạt'}, chênh ${signed(t.gap)}${t.attainment ? `, mức đạt ${viPercent(Number(t.attainment) * 100)}%` : ''}`,
        );
      }
      if (k.goalTargets.length === 0 && !k.nationalTarget) parts.push('chưa có chỉ tiêu');
      // A rank reads in places ("▲4 bậc" from 7 to 3), other values signed (describeChange).
      if (k.previous.change !== null)
        parts.push(`so với kỳ trước ${k.previous.period}: ${describeChange(k.indicator, k.previous.change).text}`);
      // For a year, the previous period is the year before: say it once.
      if (k.yearAgo.change !== null && k.yearAgo.period !== k.previous.period)
        parts.push(`so với cùng kỳ ${k.yearAgo.period}: ${describeChange(k.indicator, k.yearAgo.change).text}`);
      const rank = rankOutOf(k.rank?.rank ?? null, k.rank?.of ?? null);
      if (rank) parts.push(`xếp thứ ${rank} ${RANK_AMONG[k.rank!.source]}`);
      out.push(parts.join(' · '));
    }
  }
  if (!s.computedAt) out.push('', 'Chưa có kết quả tính cho ngày này: chạy `npm run cli -- recompute`.');
  return `${out.join('\n')}\n`;
}
