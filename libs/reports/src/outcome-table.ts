import { emptyTaskOutcomeCounts, TASK_OUTCOME_SHORT_VI, TASK_OUTCOMES } from '@dx/domain';
import type { ReportData, TaskOutcomeLine } from './report.types';

/**
 * The tables of task outcomes (`taskOutcome`) every format prints: per task group (every group of
 * the document, in its order, a group without tasks at zero) and per lead agency, each with its total
 * and a last line for the document. Numbers as numbers, for the spreadsheet.
 */
export interface OutcomeTable {
  header: string[];
  rows: (string | number)[][];
}

const sum = (l: TaskOutcomeLine) => TASK_OUTCOMES.reduce((n, o) => n + l.counts[o], 0);
const line = (code: string, name: string, l: TaskOutcomeLine): (string | number)[] => [
  code,
  name,
  ...TASK_OUTCOMES.map((o) => l.counts[o]),
  sum(l),
];

function table(first: string, lines: TaskOutcomeLine[], d: ReportData): OutcomeTable {
  const total = { code: '', name: '', counts: d.taskOutcomes.total };
  return {
    header: [first, 'Tên', ...TASK_OUTCOMES.map((o) => TASK_OUTCOME_SHORT_VI[o]), 'Tổng số'],
    rows: [...lines.map((l) => line(l.code, l.name, l)), line('Tổng cộng', d.document.code, total)],
  };
}

/** Whether the document has tasks to count (the PDF and DOCX leave the outcome tables out otherwise). */
export function hasTaskOutcomes(d: ReportData): boolean {
  return d.taskGroups.length > 0 || d.taskOutcomes.byGroup.length > 0;
}

export function outcomesByGroup(d: ReportData): OutcomeTable {
  const byCode = new Map(d.taskOutcomes.byGroup.map((l) => [l.code, l]));
  const groups = d.taskGroups.map((g) => byCode.get(g.code) ?? { code: g.code, name: g.name, counts: emptyTaskOutcomeCounts() });
  const extra = d.taskOutcomes.byGroup.filter((l) => !d.taskGroups.some((g) => g.code === l.code));
  return table('Nhóm', [...groups, ...extra], d);
}

export function outcomesByLead(d: ReportData): OutcomeTable {
  return table('Cơ quan', d.taskOutcomes.byLead, d);
}

/** "12 nhiệm vụ: 5 hoàn thành đúng hạn, 1 hoàn thành quá hạn, 4 chưa hoàn thành nhưng còn trong hạn, 2 chưa hoàn thành và đã quá hạn." */
export function outcomeSentence(d: ReportData, labels: Record<string, string>): string {
  const t = d.taskOutcomes.total;
  const total = TASK_OUTCOMES.reduce((n, o) => n + t[o], 0);
  return `Kết quả thực hiện ${total} nhiệm vụ: ${TASK_OUTCOMES.map((o) => `${t[o]} ${labels[o]}`).join(', ')}.`;
}
