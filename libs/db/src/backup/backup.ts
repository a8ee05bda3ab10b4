import { createInterface } from 'readline';
import { Readable, Writable } from 'stream';
import { createGunzip, createGzip } from 'zlib';
import { DataSource, QueryRunner } from 'typeorm';
import { backupMessages, DomainError } from '@dx/domain';
import { MIGRATIONS_TABLE } from '../data-source';

export const BACKUP_FORMAT = 'dx-tracker/backup@1';
/**
 * Tables not copied: TypeORM's own bookkeeping (compared: restore applies the migrations
 * itself) and derived state the restored rows rebuild (summary and work stamps, set by triggers).
 */
const NOT_COPIED = [MIGRATIONS_TABLE, 'summary_stamp', 'work_stamp', 'work_stamp_due'];
const FETCH_ROWS = 2000;
const INSERT_ROWS = 500;

export interface BackupHeader {
  format: string;
  createdAt: string;
  migrations: string[];
  tables: string[];
}

export interface TableCount {
  table: string;
  rows: number;
}

interface TableInfo {
  name: string;
  /** Columns referencing the table itself (org_unit.parent_id, document.implements…): rows are restored parents first. */
  selfRefs: { column: string; references: string }[];
  identity: string[];
}

/** Every table of the schema, referenced tables first (the foreign keys have no cycles between tables). */
async function tables(q: QueryRunner): Promise<TableInfo[]> {
  const names: string[] = (
    await q.query(
      `SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema() AND table_type = 'BASE TABLE' AND table_name <> ALL ($1) ORDER BY 1`,
      [NOT_COPIED],
    )
  ).map((r: { table_name: string }) => r.table_name);
  const fks: { child: string; parent: string; columns: string[]; refs: string[] }[] = await q.query(
    `SELECT c.conrelid::regclass::text AS child, c.confrelid::regclass::text AS parent,
            array(SELECT attname FROM pg_attribute WHERE attrelid = c.conrelid AND attnum = ANY (c.conkey) ORDER BY attnum)::text[] AS columns,
            array(SELECT attname FROM pg_attribute WHERE attrelid = c.confrelid AND attnum = ANY (c.confkey) ORDER BY attnum)::text[] AS refs
       FROM pg_constraint c WHERE c.contype = 'f' AND c.connamespace = current_schema()::regnamespace`,
  );
  const identity: { table_name: string; column_name: string }[] = await q.query(
    `SELECT table_name, column_name FROM information_schema.columns WHERE table_schema = current_schema() AND (is_identity = 'YES' OR column_default LIKE 'nextval(%')`,
  );
  const unquote = (n: string) => n.replace(/^"|"$/g, '');
  const ordered: string[] = [];
  const visiting = new Set<string>();
  const visit = (t: string) => {
    if (ordered.includes(t) || visiting.has(t)) return;
    visiting.add(t);
    for (const fk of fks) if (unquote(fk.child) === t && unquote(fk.parent) !== t) visit(unquote(fk.parent));
    ordered.push(t);
  };
  names.forEach(visit);
  return ordered.map((name) => ({
    name,
    selfRefs: fks
      .filter((fk) => unquote(fk.child) === name && unquote(fk.parent) === name)
      .map((fk) => ({ column: fk.columns[0], references: fk.refs[0] })),
    identity: identity.filter((c) => c.table_name === name).map((c) => c.column_name),
  }));
}

async function appliedMigrations(q: QueryRunner): Promise<string[]> {
  const exists = (await q.query(`SELECT to_regclass($1) IS NOT NULL AS found`, [MIGRATIONS_TABLE]))[0].found;
  return exists ? (await q.query(`SELECT name FROM ${MIGRATIONS_TABLE} ORDER BY timestamp, id`)).map((r: { name: string }) => r.name) : [];
}

const quoted = (name: string) => `"${name.replace(/"/g, '""')}"`;

/**
 * Writes every row of every table as gzip'd JSON lines, from one consistent snapshot
 * (REPEATABLE READ): a header line, then per table a `["table", NAME]` line and one JSON
 * object per row, as PostgreSQL renders it (`row_to_json`), so numbers, timestamps and
 * bytes come back exactly. Works the same on the embedded database and on PostgreSQL.
 */
export async function writeBackup(
  ds: DataSource,
  out: Writable,
  onTable: (t: TableCount) => void = () => undefined,
): Promise<TableCount[]> {
  const q = ds.createQueryRunner();
  await q.connect();
  const gzip = createGzip();
  const done = new Promise<void>((resolve, reject) => {
    out.on('finish', resolve);
    out.on('error', reject);
    gzip.on('error', reject);
  });
  gzip.pipe(out);
  const write = async (line: string) => {
    if (!gzip.write(`${line}\n`)) await new Promise((r) => gzip.once('drain', r));
  };
  const counts: TableCount[] = [];
  try {
    await q.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
    const list = await tables(q);
    const header: BackupHeader = {
      format: BACKUP_FORMAT,
      createdAt: new Date().toISOString(),
      migrations: await appliedMigrations(q),
      tables: list.map((t) => t.name),
    };
    await write(JSON.stringify(header));
    for (const t of list) {
      await write(JSON.stringify(['table', t.name]));
      await q.query(`DECLARE dump NO SCROLL CURSOR FOR SELECT row_to_json(t)::text AS j FROM ${quoted(t.name)} t`);
      let rows = 0;
      for (;;) {
        const batch: { j: string }[] = await q.query(`FETCH ${FETCH_ROWS} FROM dump`);
        for (const r of batch) await write(r.j);
        rows += batch.length;
        if (batch.length < FETCH_ROWS) break;
      }
      await q.query('CLOSE dump');
      counts.push({ table: t.name, rows });
      onTable({ table: t.name, rows });
    }
    await q.query('COMMIT');
  } catch (error) {
    await q.query('ROLLBACK').catch(() => undefined);
    gzip.destroy();
    throw error;
  } finally {
    await q.release();
  }
  gzip.end();
  await done;
  return counts;
}

/** Rows in an order where each row's parent (same table) comes first. */
function parentsFirst(lines: string[], refs: TableInfo['selfRefs']): string[] {
  if (!refs.length) return lines;
  const rows = lines.map((line) => ({ line, row: JSON.parse(line) as Record<string, unknown> }));
  const key = refs[0].references;
  const placed = new Set<unknown>();
  const out: string[] = [];
  let pending = rows;
  while (pending.length) {
    const ready = pending.filter(({ row }) =>
      refs.every((r) => row[r.column] === null || row[r.column] === row[key] || placed.has(row[r.column])),
    );
    if (!ready.length) throw new DomainError('INVALID_INPUT', backupMessages.orphanRows());
    for (const r of ready) {
      placed.add(r.row[key]);
      out.push(r.line);
    }
    pending = pending.filter((r) => !ready.includes(r));
  }
  return out;
}

type OnTable = (t: TableCount) => void;

/** Reads and checks the header line: a backup of this format, made at exactly this version's migrations. */
async function readHeader(ds: DataSource, lines: AsyncIterator<string>): Promise<BackupHeader> {
  const first = await lines.next().catch(() => ({ done: true, value: '' }));
  let header: BackupHeader;
  try {
    header = JSON.parse(first.done ? '' : first.value);
  } catch {
    throw new DomainError('INVALID_INPUT', backupMessages.notABackup());
  }
  if (header?.format !== BACKUP_FORMAT) throw new DomainError('INVALID_INPUT', backupMessages.wrongFormat(BACKUP_FORMAT));
  const ours = ds.migrations.map((m) => m.name!);
  if (header.migrations.join() !== ours.slice(0, header.migrations.length).join()) {
    throw new DomainError('INVALID_INPUT', backupMessages.otherMigrations(header.migrations.at(-1) ?? 'none'));
  }
  if (header.migrations.length !== ours.length) {
    throw new DomainError('INVALID_INPUT', backupMessages.newerVersion(String(header.migrations.at(-1)), String(ours.at(-1))));
  }
  return header;
}

/** Refuses a database that holds any row. */
async function assertEmpty(q: QueryRunner): Promise<void> {
  for (const t of await tables(q)) {
    const [{ any }] = await q.query(`SELECT EXISTS (SELECT 1 FROM ${quoted(t.name)}) AS any`);
    if (any) throw new DomainError('IMPORT_CONFLICT', backupMessages.databaseNotEmpty(t.name));
  }
}

/** Inserts rows (JSON objects, one per line) into a table in one statement. */
async function insertRows(q: QueryRunner, table: TableInfo, chunk: string[]): Promise<void> {
  if (!chunk.length) return;
  await q.query(
    `INSERT INTO ${quoted(table.name)} OVERRIDING SYSTEM VALUE SELECT * FROM json_populate_recordset(NULL::${quoted(table.name)}, $1::json)`,
    [`[${chunk.join(',')}]`],
  );
}

/** Makes a table's identity sequences continue after its restored ids. */
async function continueIdentity(q: QueryRunner, table: TableInfo): Promise<void> {
  for (const column of table.identity) {
    await q.query(
      `SELECT setval(pg_get_serial_sequence($1, $2), coalesce((SELECT max(${quoted(column)}) FROM ${quoted(table.name)}), 1), (SELECT count(*) > 0 FROM ${quoted(table.name)}))`,
      [quoted(table.name), column],
    );
  }
}

/**
 * Inserts the rows after the header, table by table: in batches, or, for a table referencing
 * itself, all at the end of its section, parents first. Returns the rows restored per table.
 */
async function restoreTables(
  q: QueryRunner,
  lines: AsyncIterator<string>,
  info: Map<string, TableInfo>,
  onTable: OnTable,
): Promise<TableCount[]> {
  const counts: TableCount[] = [];
  let table: TableInfo | null = null;
  let batch: string[] = [];
  let all: string[] = [];
  let rows = 0;
  const finish = async () => {
    if (!table) return;
    if (table.selfRefs.length) {
      const ordered = parentsFirst(all, table.selfRefs);
      for (let i = 0; i < ordered.length; i += INSERT_ROWS) await insertRows(q, table, ordered.slice(i, i + INSERT_ROWS));
    } else await insertRows(q, table, batch);
    await continueIdentity(q, table);
    counts.push({ table: table.name, rows });
    onTable({ table: table.name, rows });
  };
  for await (const line of { [Symbol.asyncIterator]: () => lines }) {
    if (!line) continue;
    if (line.startsWith('[')) {
      await finish();
      const [, name] = JSON.parse(line) as [string, string];
      table = info.get(name) ?? null;
      if (!table) throw new DomainError('INVALID_INPUT', backupMessages.unknownTable(name));
      [batch, all, rows] = [[], [], 0];
      continue;
    }
    if (!table) throw new DomainError('INVALID_INPUT', backupMessages.rowBeforeTable());
    rows++;
    if (table.selfRefs.length) all.push(line);
    else {
      batch.push(line);
      if (batch.length >= INSERT_ROWS) {
        await insertRows(q, table, batch);
        batch = [];
      }
    }
  }
  await finish();
  return counts;
}

/**
 * Restores a backup into a database with no data (its schema is brought to the backup's
 * migrations first): all in one transaction, so a bad or truncated file leaves it empty.
 * Identity sequences continue after the restored ids.
 */
export async function restoreBackup(ds: DataSource, input: Readable, onTable: OnTable = () => undefined): Promise<TableCount[]> {
  const lines = createInterface({ input: input.pipe(createGunzip()), crlfDelay: Infinity })[Symbol.asyncIterator]();
  const header = await readHeader(ds, lines);
  const q = ds.createQueryRunner();
  await q.connect();
  let counts: TableCount[];
  try {
    // Refuse before migrating anything, and again inside the transaction.
    await assertEmpty(q);
    await ds.runMigrations({ transaction: 'each' });
    await q.startTransaction();
    await assertEmpty(q);
    const info = new Map((await tables(q)).map((t) => [t.name, t]));
    counts = await restoreTables(q, lines, info, onTable);
    const missing = header.tables.filter((t) => !counts.some((c) => c.table === t));
    if (missing.length) throw new DomainError('INVALID_INPUT', backupMessages.incomplete(missing.join(', ')));
    await q.commitTransaction();
  } catch (error) {
    if (q.isTransactionActive) await q.rollbackTransaction();
    if (error instanceof Error && /unexpected end of file|incorrect header check/.test(error.message)) {
      throw new DomainError('INVALID_INPUT', backupMessages.damaged(error.message));
    }
    throw error;
  } finally {
    await q.release();
  }
  return counts;
}
