/** The tables the PDF and the Word report both print: each its header, its rows as text and the line shown when it has none. */
import {
  DIRECTIVE_STATUS_LABELS_VI,
  GOAL_STATUS_LABELS_VI,
  TASK_STATUS_LABELS_VI,
  viDate,
  viNumber,
  viPercent,
  viPeriodLabel,
  viValue,
} from '@dx/domain';
import { changeValueVi, previousValueVi, rankVi } from './report-text';
import type { DtiFigure, ReportData, TaskLine } from './report.types';

export interface ReportTable {
  header: string[];
  rows: string[][];
  empty: string;
}

const num = (v: number | null) => (v === null ? '—' : viNumber(v));
/** A DTI score, or a dash when there is none. */
export const score = (v: string | null) => (v === null ? '—' : viNumber(v));

/** I. The goal groups: met of all, recorded, declared by the document. */
export function goalGroupsTable(d: ReportData): ReportTable {
  return {
    header: ['Nhóm', 'Tên nhóm mục tiêu', 'Đạt/Tổng', 'Đã nhập', 'Theo văn bản'],
    rows: d.goalGroups.map((g) => [
      g.code,
      g.name,
      `${g.met}/${g.total}`,
      String(g.recorded),
      g.declared === null ? '—' : String(g.declared),
    ]),
    empty: 'Văn bản không có nhóm mục tiêu.',
  };
}

/** I. The task groups: done of all, overdue, recorded of declared. */
export function taskGroupsTable(d: ReportData): ReportTable {
  return {
    header: ['Nhóm', 'Tên nhóm nhiệm vụ', 'Hoàn thành/Tổng', 'Quá hạn', 'Đã nhập/Văn bản'],
    rows: d.taskGroups.map((g) => [
      g.code,
      g.name,
      `${g.counts.done ?? 0}/${g.total}`,
      String(g.overdue),
      `${g.recorded}/${g.declared ?? '—'}`,
    ]),
    empty: 'Văn bản không có nhóm nhiệm vụ.',
  };
}

/** III. Every goal with its target, actual value, attainment and status. */
export function goalLinesTable(d: ReportData): ReportTable {
  return {
    header: ['Mã', 'Mục tiêu', 'Chỉ tiêu', 'Thực tế', 'Mức đạt', 'Trạng thái'],
    rows: d.goalLines.map((g) => [
      g.code,
      g.title,
      g.target ?? '—',
      g.actual === null ? '—' : `${num(g.actual)}${g.actualPeriod ? ` (${viPeriodLabel(g.actualPeriod)})` : ''}`,
      g.attainment === null ? '—' : `${viPercent(g.attainment * 100)}%`,
      g.status ? ((GOAL_STATUS_LABELS_VI as Record<string, string>)[g.status] ?? g.status) : 'chưa có số liệu',
    ]),
    empty: 'Các mục tiêu của văn bản chưa được nhập.',
  };
}

/** IV. One lead agency's tasks overdue or due soon. */
export function lateTasksTable(tasks: TaskLine[]): ReportTable {
  return {
    header: ['Mã', 'Nhiệm vụ', 'Hạn', 'Tiến độ', 'Cảnh báo'],
    rows: tasks.map((t) => [
      t.code,
      t.title,
      t.due ? viDate(t.due) : '—',
      t.progress === null ? TASK_STATUS_LABELS_VI[t.status] : `${t.progress}%`,
      t.flag === 'overdue' ? 'quá hạn' : 'sắp đến hạn',
    ]),
    empty: '',
  };
}

/** V. The KPIs with their targets, comparisons and ranks. */
export function kpisTable(d: ReportData): ReportTable {
  return {
    header: ['Chỉ số', 'Kỳ', 'Giá trị', 'Chỉ tiêu', 'Kỳ trước', 'Cùng kỳ năm trước', 'Xếp hạng'],
    rows: d.kpis.map((k) => [
      k.name,
      viPeriodLabel(k.period),
      `${viValue(k.value, k.kind)}${k.unit === '%' ? '%' : ''}`,
      k.target ? `${k.target}${k.met === null ? '' : k.met ? ' (đạt)' : ' (chưa đạt)'}` : '—',
      previousValueVi(k),
      viValue(k.yearAgoValue, k.kind),
      rankVi(k.rank, k.rankOf),
    ]),
    empty: 'Chưa có số liệu chỉ số.',
  };
}

/** VI. The DTI's pillars or main indices: name, score, rank. */
export function dtiFiguresTable(title: string, figures: DtiFigure[], empty: string): ReportTable {
  return {
    header: [title, 'Điểm', 'Hạng'],
    rows: figures.map((f) => [f.name, score(f.score), f.rank === null ? '—' : String(f.rank)]),
    empty,
  };
}

/** VII. The directives with who carries them out, by when and their state. */
export function directivesTable(d: ReportData): ReportTable {
  return {
    header: ['Nội dung chỉ đạo', 'Cơ quan thực hiện', 'Hạn', 'Tình trạng'],
    rows: d.directives.map((x) => [
      x.body,
      x.assignee ?? '—',
      x.due ? viDate(x.due) : '—',
      `${DIRECTIVE_STATUS_LABELS_VI[x.status] ?? x.status}${x.overdue ? ' (quá hạn)' : ''}`,
    ]),
    empty: 'Không có ý kiến chỉ đạo.',
  };
}

/** VIII. The status changes since the previous report. */
export function changesTable(d: ReportData): ReportTable {
  return {
    header: ['Nội dung', 'Từ', 'Thành', 'Ngày'],
    rows: d.changes.map((c) => [c.what, changeValueVi(c.field, c.from), changeValueVi(c.field, c.to), viDate(c.asOf)]),
    empty: 'Không có thay đổi.',
  };
}
