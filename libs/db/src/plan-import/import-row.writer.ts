import { EntityManager, EntityTarget, ObjectLiteral } from 'typeorm';
import { emptyCounts, ImportEntity } from './import-counts';
import { RowChanges } from './row-diff';

/** Rows per statement when inserting or deleting many. */
export const BATCH = 500;

/** Writes an import's row changes in its transaction and counts them per entity. */
export class ImportRowWriter {
  readonly counts = emptyCounts();

  constructor(private readonly m: EntityManager) {}

  async apply<R extends { id: string }>(entity: ImportEntity, target: EntityTarget<R>, changes: RowChanges<R>): Promise<void> {
    await this.insertBatched(target, changes.inserts);
    for (const { id, changes: values } of changes.updates) {
      // An empty change set still bumps version/updated_at (e.g. a task whose supporters changed).
      const set = Object.keys(values).length > 0 ? values : { id };
      await this.m
        .createQueryBuilder()
        .update(target)
        .set(set as never)
        .where('id = :id', { id })
        .execute();
    }
    const c = this.counts[entity];
    c.created += changes.inserts.length;
    c.updated += changes.updates.length;
    c.unchanged += changes.unchanged;
  }

  /**
   * Inserts rows in batches as one JSON parameter each (`json_populate_recordset`): a single
   * statement of a few parameters instead of TypeORM's thousands, with no RETURNING. Only the
   * columns the rows give are written; the others take their defaults (version, timestamps).
   */
  async insertBatched<R extends ObjectLiteral>(target: EntityTarget<R>, rows: R[]): Promise<void> {
    if (rows.length === 0) return;
    const meta = this.m.connection.getMetadata(target);
    const columns = meta.columns.filter((c) => rows[0][c.propertyName] !== undefined);
    const names = columns.map((c) => `"${c.databaseName}"`).join(', ');
    const table = `"${meta.tableName}"`;
    for (let i = 0; i < rows.length; i += BATCH) {
      const batch = rows
        .slice(i, i + BATCH)
        .map((r) => Object.fromEntries(columns.map((c) => [c.databaseName, r[c.propertyName] ?? null])));
      await this.m.query(`INSERT INTO ${table} (${names}) SELECT ${names} FROM json_populate_recordset(NULL::${table}, $1::json)`, [
        JSON.stringify(batch),
      ]);
    }
  }
}
