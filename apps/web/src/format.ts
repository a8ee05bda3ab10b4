import { GOAL_STATUS_LABELS_VI, ROLE_LABELS_VI, TASK_STATUS_LABELS_VI, VERDICT_LABELS_VI } from '@dx/domain';

/** Vietnamese formats: 1.034 · 99,2 · 81% · 31/10/2023. */
const number = new Intl.NumberFormat('vi-VN', { maximumFractionDigits: 4 });
export const viNumber = (v: string | number | null | undefined) => (v === null || v === undefined ? '—' : number.format(Number(v)));
/** A value with its unit: 81% · 1.180 dịch vụ. */
export const withUnit = (v: string | null, u: string) => (v === null ? '—' : u === '%' ? `${viNumber(v)}%` : `${viNumber(v)} ${u}`.trim());
export const viDate = (d: string | null | undefined) => (d ? `${d.slice(8, 10)}/${d.slice(5, 7)}/${d.slice(0, 4)}` : '—');
export const today = () => new Date(Date.now() + 7 * 3600_000).toISOString().slice(0, 10);

// The labels are the domain's, as the reports, the CLI and the API word them.
export const GOAL_STATUS: Record<string, string> = GOAL_STATUS_LABELS_VI;
export const TASK_STATUS: Record<string, string> = TASK_STATUS_LABELS_VI;
/** The reports' plain text capitalises a failed verdict for emphasis; the page sets it in bold, in lower case. */
export const VERDICT: Record<string, string> = Object.fromEntries(
  Object.entries(VERDICT_LABELS_VI).map(([k, v]) => [k, v.toLocaleLowerCase('vi')]),
);
export const ROLE: Record<string, string> = ROLE_LABELS_VI;
