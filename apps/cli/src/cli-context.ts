import { AppConfig, loadConfig } from '@dx/config';
import { MigrationPolicy, openDatabase, OpenDatabase } from '@dx/db';

/** Config for a command: validated from the environment, same rules as the servers. */
export function cliConfig(): AppConfig {
  return loadConfig(process.env);
}

/**
 * Runs `work` against the configured database: DATABASE_URL, else the embedded
 * database (served by a running `npm start` if there is one, else opened here).
 */
export async function withDatabase<T>(work: (db: OpenDatabase) => Promise<T>, options: { migrations?: MigrationPolicy } = {}): Promise<T> {
  const config = cliConfig();
  const db = await openDatabase({ ...config.database }, { attach: true, migrations: options.migrations });
  try {
    return await work(db);
  } finally {
    await db.close();
  }
}
