import type { IndicatorKind } from '@dx/domain';
import {
  GOAL_STATUS_LABELS_VI,
  ictDepartmentAt,
  roleLabelsAt,
  TASK_STATUS_LABELS_VI,
  VERDICT_LABELS_VI,
  viDate as domainViDate,
  viNumber as domainViNumber,
  viPeriodLabel,
  viValue,
  viValueWithUnit,
} from '@dx/domain';

// Vietnamese formats, the domain's (vi-format.ts) as the reports and the CLI write them: 1.034 · 99,2 · 81% · 31/10/2023.
export const viNumber = (v: string | number | null | undefined) => (v === null || v === undefined ? '—' : domainViNumber(v));
/** A value rounded to its indicator's precision (93,45 for a percent, 1.034 for a count). */
export const viRounded = (v: string | number | null | undefined, kind?: IndicatorKind | null) => viValue(v, kind);
/** A value with its unit, rounded to its indicator's precision when the kind is given: 81% · 1.180 dịch vụ. */
export const withUnit = (v: string | null | undefined, u: string | null, kind?: IndicatorKind | null) => viValueWithUnit(v, u, kind);
/** A date (or the date of a timestamp) as dd/mm/yyyy. */
export const viDate = (d: string | null | undefined) => (d ? domainViDate(d.slice(0, 10)) : '—');
/** A period by its Vietnamese name: Quý IV/2023 · 6 tháng cuối năm 2023 · Tháng 10/2023 · Năm 2023. */
export const viPeriod = (code: string | null | undefined) => (code ? viPeriodLabel(code) : '—');
export const today = () => new Date(Date.now() + 7 * 3600_000).toISOString().slice(0, 10);

// The labels are the domain's, as the reports, the CLI and the API word them.
export const GOAL_STATUS: Record<string, string> = GOAL_STATUS_LABELS_VI;
export const TASK_STATUS: Record<string, string> = TASK_STATUS_LABELS_VI;
/** The reports' plain text capitalises a failed verdict for emphasis; the page sets it in bold, in lower case. */
export const VERDICT: Record<string, string> = Object.fromEntries(
  Object.entries(VERDICT_LABELS_VI).map(([k, v]) => [k, v.toLocaleLowerCase('vi')]),
);
/** The roles by name as of today: the officer is "cán bộ Sở KH&CN" since the 2025 merger (roleLabelsAt). */
export const ROLE: Record<string, string> = roleLabelsAt(today());
/** The department that approves submissions, as named today: "Sở KH&CN" since 1/3/2025, "Sở TT&TT" before (ictDepartmentAt). */
export const APPROVER = () => ictDepartmentAt(today()).abbreviation;
