import { createDataSource } from '@dx/db';
import { createTestDatabase, TestDatabase, writeMarks } from '../support/test-database';

/** The marks the hostile-input fuzz compares around every refused request: they must see every write and only writes. */
describe('writeMarks (test support)', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase();
  });
  afterAll(async () => {
    await db.drop();
  });

  const changedSince = async (before: Record<string, string>) => {
    const after = await writeMarks(db.dataSource);
    return Object.keys(after).filter((t) => after[t] !== before[t]);
  };

  it('a committed insert, update, delete or truncate moves its table’s mark, and only that one', async () => {
    let marks = await writeMarks(db.dataSource);
    expect(Object.keys(marks)).toEqual(expect.arrayContaining(['task', 'dti_framework', 'observation']));
    expect(Object.keys(marks)).not.toContain('schema_migration');

    await db.dataSource.query(`INSERT INTO dti_framework (year, "group", source) VALUES (2099, 'provinces', 'thử')`);
    expect(await changedSince(marks)).toEqual(['dti_framework']);
    marks = await writeMarks(db.dataSource);

    await db.dataSource.query(`UPDATE dti_framework SET source = 'thử 2' WHERE year = 2099`);
    expect(await changedSince(marks)).toEqual(['dti_framework']);
    marks = await writeMarks(db.dataSource);

    await db.dataSource.query(`DELETE FROM dti_framework WHERE year = 2099`);
    expect(await changedSince(marks)).toEqual(['dti_framework']);
    marks = await writeMarks(db.dataSource);

    await db.dataSource.query(`TRUNCATE notification_cursor`);
    expect(await changedSince(marks)).toEqual(['notification_cursor']);
  });

  it('reads, statements that change no row and rolled-back writes leave every mark as it was', async () => {
    const marks = await writeMarks(db.dataSource);
    await db.dataSource.query(`SELECT * FROM dti_framework`);
    await db.dataSource.query(`UPDATE dti_framework SET source = source WHERE year = 1900`);
    await db.dataSource.query(`DELETE FROM task WHERE false`);
    await db.dataSource
      .transaction(async (manager) => {
        await manager.query(`INSERT INTO dti_framework (year, "group", source) VALUES (2098, 'provinces', 'thử')`);
        throw new Error('roll back');
      })
      .catch(() => undefined);
    expect(await changedSince(marks)).toEqual([]);
  });

  it('a write still open is counted once it commits; two data sources on one database see the same marks', async () => {
    const other = await createDataSource(db.url, 1).initialize();
    try {
      const marks = await writeMarks(db.dataSource);
      const runner = other.createQueryRunner();
      await runner.startTransaction();
      await runner.query(`INSERT INTO dti_framework (year, "group", source) VALUES (2097, 'provinces', 'thử')`);
      expect(await changedSince(marks)).toEqual([]);
      await runner.commitTransaction();
      await runner.release();
      expect(await writeMarks(other)).toEqual(await writeMarks(db.dataSource));
      expect(await changedSince(marks)).toEqual(['dti_framework']);
    } finally {
      await other.destroy();
    }
  });
});
