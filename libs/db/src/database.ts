import { DataSource } from 'typeorm';
import { createDataSource } from './data-source';
import { DatabaseSettings, DatabaseTarget, openDatabaseTarget } from './database-target';

export class PendingMigrationsError extends Error {
  constructor() {
    super('the database schema is not up to date: run `npm run cli -- migrate` first');
    this.name = 'PendingMigrationsError';
  }
}

/** `run` pending migrations, `require` none to be pending, or `ignore` them (the migrate command). */
export type MigrationPolicy = 'run' | 'require' | 'ignore';

export interface OpenDatabase {
  dataSource: DataSource;
  target: DatabaseTarget;
  close(): Promise<void>;
}

/**
 * Connects to the configured database. The embedded database is migrated on open
 * (it is dx-tracker's own); an external one must have been migrated (`cli migrate`,
 * or the `migrate` service in docker-compose) unless another policy is given. `readUrl`
 * (the API's DATABASE_READ_URL) adds the read connection of read-connection.ts; migrations
 * and their check always run on the primary.
 */
export async function openDatabase(
  settings: DatabaseSettings & { poolSize: number },
  options: { attach: boolean; migrations?: MigrationPolicy; readUrl?: string | null },
): Promise<OpenDatabase> {
  const target = await openDatabaseTarget(settings, { attach: options.attach });
  // Configuration refuses DATABASE_READ_URL without DATABASE_URL: the embedded database has no replica.
  const readUrl = target.kind === 'external' ? (options.readUrl ?? null) : null;
  const dataSource = createDataSource(target.url, settings.poolSize, readUrl);
  try {
    await dataSource.initialize();
    const policy = options.migrations ?? (target.kind === 'external' ? 'require' : 'run');
    if (policy === 'run') await dataSource.runMigrations({ transaction: 'each' });
    else if (policy === 'require' && (await dataSource.showMigrations())) throw new PendingMigrationsError();
  } catch (error) {
    if (dataSource.isInitialized) await dataSource.destroy();
    await target.close();
    throw error;
  }
  return {
    dataSource,
    target,
    async close() {
      await dataSource.destroy();
      await target.close();
    },
  };
}
