import { DataSource, EntityManager } from 'typeorm';
import { STORED_TABLES, StoredTable } from './stored-baseline-sql';
import { now, progress, round } from './support';

/**
 * The stored baseline: the hand-written SQL of stored-baseline-sql.ts writing the rows the engine stores into empty
 * copies of its tables (`bl_<table>`: same columns, defaults, checks and indexes; no foreign keys or triggers), in
 * one transaction. `insert` fills the empty copies (INSERT … SELECT); `upsert` writes them again as the engine's
 * forced repeat does: INSERT … ON CONFLICT DO UPDATE only where a value changed, and deletes the rows no longer
 * computed.
 */
export type StoredMode = 'insert' | 'upsert';

export interface StoredRun {
  ms: number;
  /** Per table: its statement's time and the rows it wrote (upsert: changed or deleted). */
  tables: Record<string, { ms: number; rows: number }>;
}

const copy = (t: StoredTable) => `bl_${t.table}`;

/** Drops and creates the empty copies. */
export async function createStoredTables(ds: DataSource): Promise<void> {
  for (const t of STORED_TABLES) {
    await ds.query(`DROP TABLE IF EXISTS ${copy(t)}`);
    await ds.query(`CREATE TABLE ${copy(t)} (LIKE ${t.table} INCLUDING ALL)`);
  }
}

function insertSql(t: StoredTable): string {
  const cols = [...t.key, ...t.values].join(', ');
  return `WITH w AS (INSERT INTO ${copy(t)} (${cols}, computed_at) SELECT ${cols}, now() FROM (${t.source}) s RETURNING 1)
          SELECT count(*)::int AS rows FROM w`;
}

function upsertSql(t: StoredTable): string {
  const cols = [...t.key, ...t.values].join(', ');
  const list = (alias: string) => t.values.map((c) => `${alias}.${c}`).join(', ');
  return `WITH s AS MATERIALIZED (${t.source}),
  up AS (
    INSERT INTO ${copy(t)} AS t (${cols}, computed_at) SELECT ${cols}, now() FROM s
    ON CONFLICT (${t.key.join(', ')}) DO UPDATE SET ${t.values.map((c) => `${c} = EXCLUDED.${c}`).join(', ')}, computed_at = EXCLUDED.computed_at
    WHERE (${list('t')}) IS DISTINCT FROM (${list('EXCLUDED')})
    RETURNING 1
  ),
  gone AS (
    DELETE FROM ${copy(t)} t WHERE NOT EXISTS (SELECT 1 FROM s WHERE ${t.key.map((c) => `s.${c} = t.${c}`).join(' AND ')})
    RETURNING 1
  )
  SELECT ((SELECT count(*) FROM up) + (SELECT count(*) FROM gone))::int AS rows`;
}

/** One run of every table's statement in one transaction; progress per table on stderr. */
export async function runStoredBaseline(ds: DataSource, asOf: string, mode: StoredMode): Promise<StoredRun> {
  const tables: StoredRun['tables'] = {};
  const started = now();
  await ds.transaction(async (m: EntityManager) => {
    // The engine's KPI pass runs with these settings (sorts of millions of rows in memory, no JIT); so does its yardstick.
    await m.query(`SET LOCAL work_mem = '256MB'`);
    await m.query(`SET LOCAL jit = off`);
    for (const t of STORED_TABLES) {
      const t0 = now();
      const [{ rows }] = await m.query(mode === 'insert' ? insertSql(t) : upsertSql(t), t.asOf ? [asOf] : []);
      tables[t.table] = { ms: round(now() - t0), rows };
      progress(`stored baseline ${mode} ${t.table}`, tables[t.table]);
    }
  });
  return { ms: now() - started, tables };
}

export interface StoredComparison {
  /** Rows of kpi_comparison (engine) and bl_kpi_comparison (baseline). */
  kpiRows: { engine: number; baseline: number };
  /** Per table: keys present on one side only, or whose computed columns differ. */
  mismatches: Record<string, number>;
}

/** The baseline's rows against the engine's (the engine's at `asOf` for the status tables). */
export async function compareStoredBaseline(ds: DataSource, asOf: string): Promise<StoredComparison> {
  const mismatches: Record<string, number> = {};
  for (const t of STORED_TABLES) {
    const on = t.key.map((c) => `e.${c} = b.${c}`).join(' AND ');
    const differs = `(${t.values.map((c) => `e.${c}`).join(', ')}) IS DISTINCT FROM (${t.values.map((c) => `b.${c}`).join(', ')})`;
    const engineRows = t.asOf ? `(SELECT * FROM ${t.table} WHERE as_of = $1::date)` : t.table;
    const [{ n }] = await ds.query(
      `SELECT count(*)::int AS n FROM ${engineRows} e FULL JOIN ${copy(t)} b ON ${on} WHERE e.${t.key[0]} IS NULL OR b.${t.key[0]} IS NULL OR ${differs}`,
      t.asOf ? [asOf] : [],
    );
    mismatches[t.table] = n;
  }
  const [kpiRows] = await ds.query(
    `SELECT (SELECT count(*) FROM kpi_comparison)::int AS engine, (SELECT count(*) FROM bl_kpi_comparison)::int AS baseline`,
  );
  progress('stored baseline vs engine', { ...mismatches, kpi_rows_engine: kpiRows.engine, kpi_rows_baseline: kpiRows.baseline });
  return { kpiRows, mismatches };
}
