export interface GroupSummary {
  code: string;
  name: string;
  declaredCount: number | null;
  /** Goals or tasks recorded in the group. */
  recorded: number;
}

/** Recorded items against what the document declares (groups without a declared count are left out of `declared`). */
export interface Completeness {
  recorded: number;
  declared: number;
  /** Groups whose recorded count differs from the declared one. */
  incompleteGroups: string[];
}

/** `GET /api/v1/documents`: a province's plan document with its groups, completeness and reported claims. */
export interface DocumentResponse {
  code: string;
  type: string;
  issuer: string;
  issued: string;
  title: string;
  period: { from: string; to: string } | null;
  scope: string;
  implements: string | null;
  goalGroups: GroupSummary[];
  taskGroups: GroupSummary[];
  completeness: { goals: Completeness; tasks: Completeness };
  reported: { scope: string; met: number; of: number; open: number | null; asOf: string; source: string | null }[];
}
