import { Lang, Localised, localised } from '@dx/domain';

export type IssueSeverity = 'error' | 'warning';

/** One problem found in a plan file, located by YAML path and 1-based line. */
export interface PlanFileIssue {
  severity: IssueSeverity;
  /** e.g. `documents[0].goal_groups[1].goals[2].target.op`; `(file)` for the file as a whole. */
  path: string;
  /** In English. */
  message: string;
  /** The same in Vietnamese. */
  vi: string;
  line: number | null;
}

/** An issue from its text in both languages (a plain string is English only and stands for both). */
export function planFileIssue(severity: IssueSeverity, path: string, text: string | Localised, line: number | null): PlanFileIssue {
  const { vi, en } = localised(text);
  return { severity, path, message: en, vi, line };
}

/** The issue's text in a language. */
export function issueText(issue: PlanFileIssue, lang: Lang): string {
  return lang === 'vi' ? (issue.vi ?? issue.message) : issue.message;
}

/** `PATH: MESSAGE (line N)`, in English. */
export function formatIssue(issue: PlanFileIssue): string {
  return formatIssueIn(issue, 'en');
}

/** `PATH: MESSAGE (line N)` in a language (`(dòng N)` in Vietnamese), the form `cli validate` prints. */
export function formatIssueIn(issue: PlanFileIssue, lang: Lang): string {
  return `${issue.path}: ${issueMessageIn(issue, lang)}`;
}

/** The message with its line, in English, for lists that show the path separately. */
export function issueMessage(issue: PlanFileIssue): string {
  return issueMessageIn(issue, 'en');
}

/** The message with its line in a language. */
export function issueMessageIn(issue: PlanFileIssue, lang: Lang): string {
  const line = issue.line === null ? '' : lang === 'vi' ? ` (dòng ${issue.line})` : ` (line ${issue.line})`;
  return `${issueText(issue, lang)}${line}`;
}

/** Issues in file order, then by path, so output is stable. */
export function sortIssues(issues: PlanFileIssue[]): PlanFileIssue[] {
  return [...issues].sort((a, b) => (a.line ?? 0) - (b.line ?? 0) || a.path.localeCompare(b.path) || a.message.localeCompare(b.message));
}
