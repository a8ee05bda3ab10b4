import {
  DIRECTIVE_OVERDUE_CASES,
  directiveOverdueSql,
  PERIOD_CASES,
  periodKindSql,
  periodLengthSql,
  previousPeriodSql,
  TASK_OVERDUE_CASES,
  taskOverdueSql,
  yearAgoPeriodSql,
} from '@dx/domain';
import { createTestDatabase, TestDatabase } from '../support/test-database';

/**
 * Where SQL restates a domain rule for speed, PostgreSQL must decide each of the rule's shared cases as the
 * TypeScript rule does (its unit spec runs the same table in libs/domain).
 */
describe('the SQL statements of domain rules decide the rules’ shared cases', () => {
  let db: TestDatabase;

  beforeAll(async () => (db = await createTestDatabase({ migrate: false })));
  afterAll(() => db?.drop());

  /** Evaluates `expression` over the cases as rows of alias `x` with the given column types, in case order. */
  async function evaluate<T>(cases: readonly object[], columns: string, expression: string): Promise<T[]> {
    const rows: { result: T }[] = await db.dataSource.query(
      `SELECT ${expression} AS result FROM jsonb_to_recordset($1::jsonb) AS x(n int, ${columns}) ORDER BY x.n`,
      [JSON.stringify(cases.map((c, n) => ({ ...c, n })))],
    );
    return rows.map((r) => r.result);
  }

  it('taskOverdueSql decides TASK_OVERDUE_CASES', async () => {
    const got = await evaluate<boolean>(TASK_OVERDUE_CASES, 'today date, due date, status text', taskOverdueSql('x.today', 'x'));
    expect(got).toEqual(TASK_OVERDUE_CASES.map((c) => c.overdue));
  });

  it('directiveOverdueSql decides DIRECTIVE_OVERDUE_CASES', async () => {
    const got = await evaluate<boolean>(
      DIRECTIVE_OVERDUE_CASES,
      'today date, kind text, status text, due date',
      directiveOverdueSql('x.today', 'x'),
    );
    expect(got).toEqual(DIRECTIVE_OVERDUE_CASES.map((c) => c.overdue));
  });

  it('the period arithmetic in SQL decides PERIOD_CASES', async () => {
    const got = await evaluate<Record<string, string>>(
      PERIOD_CASES,
      'code text, kind text, start date',
      `jsonb_build_object('kind', ${periodKindSql('x.code')}, 'previous', ${previousPeriodSql('x.kind', 'x.start')},
         'previousStart', to_char(x.start - ${periodLengthSql('x.kind')}, 'YYYY-MM-DD'), 'yearAgo', ${yearAgoPeriodSql('x.kind', 'x.start', 'x.code')})`,
    );
    expect(got).toEqual(
      PERIOD_CASES.map((c) => ({ kind: c.kind, previous: c.previous, previousStart: c.previousStart, yearAgo: c.yearAgo })),
    );
  });
});
