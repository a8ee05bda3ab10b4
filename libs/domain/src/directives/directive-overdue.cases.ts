import type { DirectiveKind, DirectiveState } from './directive-overdue';

/**
 * The cases the directive-overdue rule must decide, shared by the test of `isDirectiveOverdue` and the test of
 * `directiveOverdueSql` in PostgreSQL.
 */
export const DIRECTIVE_OVERDUE_CASES: readonly {
  today: string;
  kind: DirectiveKind;
  status: DirectiveState;
  due: string | null;
  overdue: boolean;
}[] = [
  { today: '2023-12-01', kind: 'directive', status: 'open', due: '2023-11-30', overdue: true },
  { today: '2023-12-01', kind: 'directive', status: 'open', due: '2023-12-01', overdue: false },
  { today: '2023-12-01', kind: 'directive', status: 'open', due: '2023-12-02', overdue: false },
  { today: '2023-12-01', kind: 'directive', status: 'open', due: null, overdue: false },
  { today: '2023-12-01', kind: 'directive', status: 'answered', due: '2023-11-30', overdue: false },
  { today: '2023-12-01', kind: 'directive', status: 'closed', due: '2023-11-30', overdue: false },
  { today: '2023-12-01', kind: 'comment', status: 'open', due: '2023-11-30', overdue: false },
  { today: '2024-01-01', kind: 'directive', status: 'open', due: '2023-12-31', overdue: true },
];
