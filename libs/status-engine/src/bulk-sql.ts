import { EntityManager } from 'typeorm';

export interface Column {
  name: string;
  /** PostgreSQL type for jsonb_to_recordset, e.g. `uuid`, `numeric`, `jsonb`. */
  type: string;
}

const BATCH = 2000;

/**
 * INSERT … ON CONFLICT DO UPDATE of many rows in one statement per batch, passing the
 * rows as one jsonb parameter (no per-row round trips, no parameter limit).
 */
export async function upsertRows(
  m: EntityManager,
  table: string,
  columns: Column[],
  conflict: string[],
  rows: Record<string, unknown>[],
): Promise<void> {
  const names = columns.map((c) => c.name);
  const updates = names.filter((n) => !conflict.includes(n)).map((n) => `${n} = EXCLUDED.${n}`);
  const sql = `INSERT INTO ${table} (${names.join(', ')})
    SELECT ${names.join(', ')} FROM jsonb_to_recordset($1::jsonb) AS r(${columns.map((c) => `${c.name} ${c.type}`).join(', ')})
    ON CONFLICT (${conflict.join(', ')}) DO ${updates.length ? `UPDATE SET ${updates.join(', ')}` : 'NOTHING'}`;
  for (let i = 0; i < rows.length; i += BATCH) await m.query(sql, [JSON.stringify(rows.slice(i, i + BATCH))]);
}

/** DELETE rows whose key columns match one of `keys`. */
export async function deleteRows(m: EntityManager, table: string, columns: Column[], keys: Record<string, unknown>[]): Promise<void> {
  const names = columns.map((c) => c.name);
  const sql = `DELETE FROM ${table} t USING jsonb_to_recordset($1::jsonb) AS r(${columns.map((c) => `${c.name} ${c.type}`).join(', ')})
    WHERE ${names.map((n) => `t.${n} = r.${n}`).join(' AND ')}`;
  for (let i = 0; i < keys.length; i += BATCH) await m.query(sql, [JSON.stringify(keys.slice(i, i + BATCH))]);
}
