import { Client } from 'pg';
import { PlanImporter } from '../libs/db/src';
import { parsePlanFile } from '../libs/plan-file/src';
import { BenchDatabases } from './bench-database';
import { copyIn, copyOut } from './pg-copy';
import { now, progress, round } from './support';

/** The tables an import writes, parents first (the COPY baseline loads them in this order). */
const TABLES = [
  'org_unit', 'indicator', 'province_indicator', 'document', 'goal_group', 'task_group', 'goal', 'task', 'task_support',
  'reported_claim', 'import_run', 'observation', 'outbox',
];

export interface ImportFigures {
  file: string;
  bytes: number;
  rows: number;
  rows_by_table: Record<string, number>;
  /** Parse, validate and write, as `cli import` does (without reading the file). */
  import_ms: number;
  parse_ms: number;
  write_ms: number;
  copy_ms: number;
  rows_per_s: number;
  copy_rows_per_s: number;
  /** import_ms / copy_ms (goal ≤ 3). */
  ratio: number;
  write_ratio: number;
}

/**
 * One plan file imported into a fresh database, then the rows it wrote loaded by
 * PostgreSQL `COPY … FROM STDIN` (text format, already in memory) into the same tables of
 * another fresh database, in one transaction: same indexes, constraints and triggers.
 */
export async function importFile(databases: BenchDatabases, label: string, file: string, bytes: Buffer): Promise<ImportFigures> {
  const target = await databases.create(`imp_${label}`, 4);
  const copyTarget = await databases.create(`copy_${label}`, 1);
  try {
    const t0 = now();
    const parsed = parsePlanFile(bytes);
    const t1 = now();
    if (!parsed.plan) throw new Error(`${file}: ${parsed.errors.length} error(s), e.g. ${parsed.errors[0]?.path}: ${parsed.errors[0]?.message}`);
    await new PlanImporter(target.dataSource).run(
      { bytes, plan: parsed.plan, warnings: parsed.warnings },
      { fileName: file, actor: 'bench', prune: false, dryRun: false, now: new Date() },
    );
    const t2 = now();

    const source = new Client({ connectionString: target.url });
    const sink = new Client({ connectionString: copyTarget.url });
    await source.connect();
    await sink.connect();
    try {
      const data: { table: string; columns: string[]; data: Buffer; rows: number }[] = [];
      for (const table of TABLES) {
        const { rows: cols } = await source.query(
          `SELECT column_name FROM information_schema.columns WHERE table_schema = 'public' AND table_name = $1 AND is_generated = 'NEVER' ORDER BY ordinal_position`,
          [table],
        );
        const columns = cols.map((c: { column_name: string }) => c.column_name);
        const out = await copyOut(source, `SELECT ${columns.map((c: string) => `"${c}"`).join(', ')} FROM ${table}`);
        data.push({ table, columns, ...out });
      }
      const c0 = now();
      await sink.query('BEGIN');
      for (const d of data) if (d.rows) await copyIn(sink, d.table, d.columns, d.data);
      await sink.query('COMMIT');
      const copyMs = now() - c0;

      const rows = data.reduce((n, d) => n + d.rows, 0);
      const importMs = t2 - t0;
      const figures: ImportFigures = {
        file, bytes: bytes.length, rows, rows_by_table: Object.fromEntries(data.map((d) => [d.table, d.rows])),
        import_ms: round(importMs), parse_ms: round(t1 - t0), write_ms: round(t2 - t1), copy_ms: round(copyMs),
        rows_per_s: round(rows / (importMs / 1000), 0), copy_rows_per_s: round(rows / (copyMs / 1000), 0),
        ratio: round(importMs / copyMs, 2), write_ratio: round((t2 - t1) / copyMs, 2),
      };
      progress(`import ${label}`, { rows, import_ms: figures.import_ms, parse_ms: figures.parse_ms, write_ms: figures.write_ms, copy_ms: figures.copy_ms, ratio: figures.ratio });
      return figures;
    } finally {
      await source.end();
      await sink.end();
    }
  } finally {
    await databases.drop(copyTarget);
    await databases.drop(target);
  }
}
