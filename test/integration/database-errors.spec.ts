import { isDatabaseUnavailable, isTransientConflict } from '@dx/api/common/all-exceptions.filter';
import { createTestDatabase, TestDatabase } from '../support/test-database';

/** The API's classification of database errors, on errors real PostgreSQL raises. */
describe('database errors as the API answers them', () => {
  let db: TestDatabase;

  beforeAll(async () => {
    db = await createTestDatabase({ migrate: false });
    await db.dataSource.query(`CREATE TABLE pair (id int PRIMARY KEY, v int)`);
    await db.dataSource.query(`INSERT INTO pair VALUES (1, 0), (2, 0)`);
  });
  afterAll(() => db?.drop());

  it('a deadlock is a transient conflict (503, send again), not a 500 and not "database unavailable"', async () => {
    const [a, b] = [db.dataSource.createQueryRunner(), db.dataSource.createQueryRunner()];
    await Promise.all([a.connect(), b.connect()]);
    try {
      await a.startTransaction();
      await b.startTransaction();
      await a.query(`UPDATE pair SET v = 1 WHERE id = 1`);
      await b.query(`UPDATE pair SET v = 1 WHERE id = 2`);
      // Each now waits for the other's row: PostgreSQL ends one of them with 40P01.
      const outcomes = await Promise.allSettled([
        a.query(`UPDATE pair SET v = 2 WHERE id = 2`),
        b.query(`UPDATE pair SET v = 2 WHERE id = 1`),
      ]);
      const failed = outcomes.filter((o): o is PromiseRejectedResult => o.status === 'rejected');
      expect(failed).toHaveLength(1);
      expect(isTransientConflict(failed[0].reason)).toBe(true);
      expect(isDatabaseUnavailable(failed[0].reason)).toBe(false);
    } finally {
      await Promise.all([a.rollbackTransaction().catch(() => undefined), b.rollbackTransaction().catch(() => undefined)]);
      await Promise.all([a.release(), b.release()]);
    }
  });

  it('an ordinary query error is neither', async () => {
    const error = await db.dataSource.query(`INSERT INTO pair VALUES (1, 0)`).catch((e: unknown) => e);
    expect(isTransientConflict(error)).toBe(false);
    expect(isDatabaseUnavailable(error)).toBe(false);
  });
});
