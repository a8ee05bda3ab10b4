import { randomBytes } from 'crypto';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { createDataSource } from '@dx/db';
import { TEST_DATABASE_ADMIN_URL, testRunId } from './test-env';

export interface TestDatabase {
  name: string;
  url: string;
  dataSource: DataSource;
  drop(): Promise<void>;
}

export function databaseUrl(name: string): string {
  const url = new URL(TEST_DATABASE_ADMIN_URL);
  url.pathname = `/${name}`;
  return url.toString();
}

export async function adminQuery(sql: string): Promise<void> {
  const admin = new Client({ connectionString: TEST_DATABASE_ADMIN_URL });
  await admin.connect();
  try {
    await admin.query(sql);
  } finally {
    await admin.end();
  }
}

let template: Promise<string> | undefined;

/**
 * The run's database migrated once by the real migrations, which every migrated test database copies
 * (`CREATE DATABASE … TEMPLATE`): a copy takes a fraction of running the migrations again. Built under an advisory
 * lock, so parallel jest workers build it once; built under another name and renamed, so a half-built one is never used.
 */
function migratedTemplate(): Promise<string> {
  template ??= (async () => {
    const name = `dx_t_${testRunId()}_template`;
    const admin = new Client({ connectionString: TEST_DATABASE_ADMIN_URL });
    await admin.connect();
    try {
      await admin.query('SELECT pg_advisory_lock(hashtext($1))', [name]);
      const { rowCount } = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
      if (!rowCount) {
        const building = `${name}_${randomBytes(3).toString('hex')}`;
        await admin.query(`CREATE DATABASE ${building}`);
        const dataSource = createDataSource(databaseUrl(building), 1);
        await dataSource.initialize();
        try {
          await dataSource.runMigrations({ transaction: 'each' });
        } finally {
          await dataSource.destroy();
        }
        await admin.query(`ALTER DATABASE ${building} RENAME TO ${name}`);
      }
      return name;
    } finally {
      await admin.end();
    }
  })();
  return template;
}

/** A fresh database on the real PostgreSQL server, migrated by the real migrations (or left empty with `migrate: false`). */
export async function createTestDatabase(options: { migrate?: boolean } = {}): Promise<TestDatabase> {
  const name = `dx_t_${testRunId()}_${randomBytes(3).toString('hex')}`;
  await adminQuery((options.migrate ?? true) ? `CREATE DATABASE ${name} TEMPLATE ${await migratedTemplate()}` : `CREATE DATABASE ${name}`);
  const url = databaseUrl(name);
  const dataSource = createDataSource(url, 4);
  await dataSource.initialize();
  return {
    name,
    url,
    dataSource,
    async drop() {
      if (dataSource.isInitialized) await dataSource.destroy();
      await adminQuery(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    },
  };
}

/** Every row of every plan table, for "nothing was written" checks. */
export async function snapshot(dataSource: DataSource): Promise<Record<string, unknown[]>> {
  const tables = [
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
    'observation',
    'import_run',
    'outbox',
    'recompute_run',
    'goal_status',
    'task_status',
    'rollup',
    'reconciliation',
    'kpi_comparison',
    'status_event',
  ];
  const result: Record<string, unknown[]> = {};
  for (const table of tables) result[table] = await dataSource.query(`SELECT * FROM ${table} ORDER BY 1, 2`);
  return result;
}

/**
 * A mark per table that changes with any committed insert, update or delete of at least one row (and any truncate):
 * the number of such statements seen so far. Equal marks before and after a refused request mean it wrote nothing.
 * `tables` defaults to every table of the schema but the migrations table.
 *
 * Taken after every request of a fuzz run, so it must be cheap: the first call installs statement triggers (with
 * transition tables, so a statement that changed no row is not counted) that append the table's name to
 * `test_write_log`; each call takes the committed entries out of the log and adds them to counts kept per database
 * (so two data sources on one database share them). Entries of transactions still open stay for a later call.
 * Reading `count(*)` and `max(xmin)` of every table instead cost 4.5 ms of PostgreSQL's time per call.
 */
export async function writeMarks(dataSource: DataSource, tables?: string[]): Promise<Record<string, string>> {
  const names = tables ?? (await schemaTables(dataSource));
  const counts = await writeCounts(dataSource);
  // As a SELECT: TypeORM answers a bare DELETE with [rows, count].
  const taken: { tbl: string }[] = await dataSource.query(`WITH taken AS (DELETE FROM ${WRITE_LOG} RETURNING tbl) SELECT tbl FROM taken`);
  for (const { tbl } of taken) counts.set(tbl, (counts.get(tbl) ?? 0) + 1);
  return Object.fromEntries(names.map((t) => [t, String(counts.get(t) ?? 0)]));
}

const WRITE_LOG = 'test_write_log';
const writeCountsOf = new WeakMap<DataSource, Promise<Map<string, number>>>();
const writeCountsByDatabase = new Map<string, Promise<Map<string, number>>>();

/** The write counts of the data source's database, after installing its write log (once per database). */
function writeCounts(dataSource: DataSource): Promise<Map<string, number>> {
  let counts = writeCountsOf.get(dataSource);
  if (!counts) {
    counts = (async () => {
      const [{ name }] = await dataSource.query('SELECT current_database() AS name');
      let byDatabase = writeCountsByDatabase.get(name);
      if (!byDatabase) {
        byDatabase = installWriteLog(dataSource).then(() => new Map<string, number>());
        writeCountsByDatabase.set(name, byDatabase);
      }
      return byDatabase;
    })();
    writeCountsOf.set(dataSource, counts);
  }
  return counts;
}

async function installWriteLog(dataSource: DataSource): Promise<void> {
  const tables = await schemaTables(dataSource);
  const statements = [
    `CREATE TABLE ${WRITE_LOG} (id bigserial PRIMARY KEY, tbl text NOT NULL)`,
    `CREATE FUNCTION test_log_rows() RETURNS trigger LANGUAGE plpgsql AS $$
       BEGIN
         IF EXISTS (SELECT FROM changed) THEN INSERT INTO ${WRITE_LOG} (tbl) VALUES (TG_TABLE_NAME); END IF;
         RETURN NULL;
       END $$`,
    `CREATE FUNCTION test_log_truncate() RETURNS trigger LANGUAGE plpgsql AS $$
       BEGIN INSERT INTO ${WRITE_LOG} (tbl) VALUES (TG_TABLE_NAME); RETURN NULL; END $$`,
    ...tables.flatMap((t) => [
      `CREATE TRIGGER test_log_insert AFTER INSERT ON "${t}" REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION test_log_rows()`,
      `CREATE TRIGGER test_log_update AFTER UPDATE ON "${t}" REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION test_log_rows()`,
      `CREATE TRIGGER test_log_delete AFTER DELETE ON "${t}" REFERENCING OLD TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION test_log_rows()`,
      `CREATE TRIGGER test_log_truncate AFTER TRUNCATE ON "${t}" FOR EACH STATEMENT EXECUTE FUNCTION test_log_truncate()`,
    ]),
  ];
  await dataSource.transaction(async (manager) => {
    for (const sql of statements) await manager.query(sql);
  });
}

/** The schema's tables but the migrations table, read once per data source (the schema does not change in a test). */
const tablesOf = new WeakMap<DataSource, Promise<string[]>>();
function schemaTables(dataSource: DataSource): Promise<string[]> {
  let names = tablesOf.get(dataSource);
  if (!names) {
    names = dataSource
      .query(
        `SELECT table_name AS name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE' AND table_name NOT IN ('schema_migration', '${WRITE_LOG}') ORDER BY 1`,
      )
      .then((rows: { name: string }[]) => rows.map((r) => r.name));
    tablesOf.set(dataSource, names);
  }
  return names;
}
