import { Client } from 'pg';
import { PlanImporter } from '@dx/db';
import { parsePlanFile } from '@dx/plan-file';
import { BenchDatabases } from './bench-database';
import { copyIn, copyOut } from './pg-copy';
import { now, progress, round } from './support';

/** The tables an import writes, parents first (the COPY baseline loads them in this order). */
const TABLES = [
  'org_unit',
  'indicator',
  'province_indicator',
  'document',
  'goal_group',
  'task_group',
  'goal',
  'task',
  'task_support',
  'reported_claim',
  'import_run',
  'observation',
  'outbox',
];

export interface ImportFigures {
  file: string;
  bytes: number;
  /** Runs measured (each into fresh databases); every time below is the median of them. */
  runs: number;
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
 * One plan file imported `runs` times, each time into a fresh database, and each time the rows it wrote loaded by
 * PostgreSQL `COPY … FROM STDIN` (text format, already in memory) into the same tables of another fresh database,
 * in one transaction: same indexes, constraints and triggers. Each figure is the median of the runs, after one run
 * that is not measured (a single cold run of a 128-row file measures mostly one-off costs: JIT, first queries).
 */
export async function importFile(
  databases: BenchDatabases,
  label: string,
  file: string,
  bytes: Buffer,
  runs: number,
): Promise<ImportFigures> {
  // One run first, not measured: rows/s is a steady-state figure, and the first calls of the parser run before the JIT
  // has compiled it (the 26 kB file parses in 8–15 ms in a new process, 2.3 ms from the fifth call on).
  await importOnce(databases, label, file, bytes);
  const measured: Run[] = [];
  for (let i = 0; i < runs; i++) measured.push(await importOnce(databases, label, file, bytes));
  const median = (pick: (r: Run) => number) => {
    const sorted = measured.map(pick).sort((x, y) => x - y);
    const mid = sorted.length >> 1;
    return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
  };
  const [parseMs, writeMs, importMs, copyMs] = [
    median((r) => r.parseMs),
    median((r) => r.writeMs),
    median((r) => r.parseMs + r.writeMs),
    median((r) => r.copyMs),
  ];
  const { rows, rowsByTable } = measured[0];
  const figures: ImportFigures = {
    file,
    bytes: bytes.length,
    runs,
    rows,
    rows_by_table: rowsByTable,
    import_ms: round(importMs),
    parse_ms: round(parseMs),
    write_ms: round(writeMs),
    copy_ms: round(copyMs),
    rows_per_s: round(rows / (importMs / 1000), 0),
    copy_rows_per_s: round(rows / (copyMs / 1000), 0),
    ratio: round(importMs / copyMs, 2),
    write_ratio: round(writeMs / copyMs, 2),
  };
  progress(`import ${label}`, {
    runs,
    rows,
    import_ms: figures.import_ms,
    parse_ms: figures.parse_ms,
    write_ms: figures.write_ms,
    copy_ms: figures.copy_ms,
    ratio: figures.ratio,
  });
  return figures;
}

interface Run {
  parseMs: number;
  writeMs: number;
  copyMs: number;
  rows: number;
  rowsByTable: Record<string, number>;
}

async function importOnce(databases: BenchDatabases, label: string, file: string, bytes: Buffer): Promise<Run> {
  const target = await databases.create(`imp_${label}`, 4);
  const copyTarget = await databases.create(`copy_${label}`, 1);
  try {
    const t0 = now();
    const parsed = parsePlanFile(bytes);
    const t1 = now();
    if (!parsed.plan)
      throw new Error(`${file}: ${parsed.errors.length} error(s), e.g. ${parsed.errors[0]?.path}: ${parsed.errors[0]?.message}`);
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
      return {
        parseMs: t1 - t0,
        writeMs: t2 - t1,
        copyMs,
        rows: data.reduce((n, d) => n + d.rows, 0),
        rowsByTable: Object.fromEntries(data.map((d) => [d.table, d.rows])),
      };
    } finally {
      await source.end();
      await sink.end();
    }
  } finally {
    await databases.drop(copyTarget);
    await databases.drop(target);
  }
}
