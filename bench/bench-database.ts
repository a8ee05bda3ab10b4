import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { createDataSource } from '@dx/db';
import { progress } from './support';

/** The URL of database `name` on the server of `adminUrl`. */
export function databaseUrl(adminUrl: string, name: string): string {
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

export async function adminQuery(adminUrl: string, sql: string): Promise<void> {
  const client = new Client({ connectionString: adminUrl });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

export interface BenchDatabase {
  name: string;
  url: string;
  dataSource: DataSource;
}

/**
 * The throwaway databases of one run (`dx_bench_<run>_<label>`), created migrated and all
 * dropped by `dropAll` (also on an interrupted run), unless `keep`.
 */
export class BenchDatabases {
  private readonly created: BenchDatabase[] = [];

  constructor(
    private readonly adminUrl: string,
    private readonly runId: string,
    private readonly keep = false,
  ) {}

  async create(label: string, poolSize = 10): Promise<BenchDatabase> {
    const name = `dx_bench_${this.runId}_${label}`;
    await adminQuery(this.adminUrl, `CREATE DATABASE ${name}`);
    const url = databaseUrl(this.adminUrl, name);
    const dataSource = createDataSource(url, poolSize);
    const db = { name, url, dataSource };
    this.created.push(db);
    await dataSource.initialize();
    await dataSource.runMigrations({ transaction: 'each' });
    return db;
  }

  async drop(db: BenchDatabase): Promise<void> {
    const i = this.created.indexOf(db);
    if (i >= 0) this.created.splice(i, 1);
    if (db.dataSource.isInitialized) await db.dataSource.destroy().catch(() => undefined);
    if (this.keep) {
      progress('kept database', { url: db.url });
      return;
    }
    await adminQuery(this.adminUrl, `DROP DATABASE IF EXISTS ${db.name} WITH (FORCE)`).catch((e: Error) =>
      progress('drop failed', { db: db.name, error: e.message }),
    );
  }

  async dropAll(): Promise<void> {
    for (const db of [...this.created].reverse()) await this.drop(db);
  }
}
