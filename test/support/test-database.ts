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
 * A mark per table that changes with any committed insert, update or delete: its row count and the
 * newest row version's transaction id (xmin). One query, no sorting or text, cheap enough to take
 * after every request of a fuzz run; equal marks before and after a refused request mean it wrote
 * nothing. `tables` defaults to every table of the schema but the migrations table.
 */
export async function writeMarks(dataSource: DataSource, tables?: string[]): Promise<Record<string, string>> {
  const names = tables ?? (await schemaTables(dataSource));
  const columns = names.map((t) => `(SELECT count(*) || ':' || coalesce(max(xmin::text::bigint), 0) FROM "${t}") AS "${t}"`);
  const [row] = await dataSource.query(`SELECT ${columns.join(', ')}`);
  return row;
}

/** The schema's tables but the migrations table, read once per data source (the schema does not change in a test). */
const tablesOf = new WeakMap<DataSource, Promise<string[]>>();
function schemaTables(dataSource: DataSource): Promise<string[]> {
  let names = tablesOf.get(dataSource);
  if (!names) {
    names = dataSource
      .query(
        `SELECT table_name AS name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE' AND table_name <> 'schema_migration' ORDER BY 1`,
      )
      .then((rows: { name: string }[]) => rows.map((r) => r.name));
    tablesOf.set(dataSource, names);
  }
  return names;
}
