import type { PeriodKind } from './period';

/**
 * The cases the period arithmetic must decide, shared by the tests of `parsePeriod`, `previousPeriod` and
 * `yearAgoPeriod` and by the test of their SQL statements in PostgreSQL (`periodKindSql`, `previousPeriodSql`,
 * `periodLengthSql`, `yearAgoPeriodSql`).
 */
export const PERIOD_CASES: readonly {
  code: string;
  kind: PeriodKind;
  start: string;
  previous: string;
  previousStart: string;
  yearAgo: string;
}[] = [
  { code: '2023', kind: 'year', start: '2023-01-01', previous: '2022', previousStart: '2022-01-01', yearAgo: '2022' },
  { code: '2023-H1', kind: 'half', start: '2023-01-01', previous: '2022-H2', previousStart: '2022-07-01', yearAgo: '2022-H1' },
  { code: '2023-H2', kind: 'half', start: '2023-07-01', previous: '2023-H1', previousStart: '2023-01-01', yearAgo: '2022-H2' },
  { code: '2023-Q1', kind: 'quarter', start: '2023-01-01', previous: '2022-Q4', previousStart: '2022-10-01', yearAgo: '2022-Q1' },
  { code: '2023-Q3', kind: 'quarter', start: '2023-07-01', previous: '2023-Q2', previousStart: '2023-04-01', yearAgo: '2022-Q3' },
  { code: '2023-01', kind: 'month', start: '2023-01-01', previous: '2022-12', previousStart: '2022-12-01', yearAgo: '2022-01' },
  { code: '2023-10', kind: 'month', start: '2023-10-01', previous: '2023-09', previousStart: '2023-09-01', yearAgo: '2022-10' },
  { code: '2023-03-01', kind: 'day', start: '2023-03-01', previous: '2023-02-28', previousStart: '2023-02-28', yearAgo: '2022-03-01' },
  { code: '2024-03-01', kind: 'day', start: '2024-03-01', previous: '2024-02-29', previousStart: '2024-02-29', yearAgo: '2023-03-01' },
  { code: '2024-02-29', kind: 'day', start: '2024-02-29', previous: '2024-02-28', previousStart: '2024-02-28', yearAgo: '2023-02-28' },
  { code: '2023-01-01', kind: 'day', start: '2023-01-01', previous: '2022-12-31', previousStart: '2022-12-31', yearAgo: '2022-01-01' },
];
