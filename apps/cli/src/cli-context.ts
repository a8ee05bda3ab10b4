import type { AppConfig } from '@dx/config';
import type { MigrationPolicy, OpenDatabase } from '@dx/db';

/*
 * The CLI loads the database, queue and status-engine libs when a command's action needs them, never at start
 * (`import type` here and in the commands, `await import(…)` in the actions): `--help`, `validate` and a mistyped
 * option answer in a fraction of the time, and each command loads only what it uses.
 */

/** Config for a command: validated from the environment, same rules as the servers. */
export async function cliConfig(): Promise<AppConfig> {
  const { loadConfig } = await import('@dx/config');
  return loadConfig(process.env);
}

/**
 * Runs `work` against the configured database: DATABASE_URL, else the embedded
 * database (served by a running `npm start` if there is one, else opened here).
 */
export async function withDatabase<T>(work: (db: OpenDatabase) => Promise<T>, options: { migrations?: MigrationPolicy } = {}): Promise<T> {
  const config = await cliConfig();
  const { openDatabase } = await import('@dx/db');
  const db = await openDatabase({ ...config.database }, { attach: true, migrations: options.migrations });
  try {
    return await work(db);
  } finally {
    await db.close();
  }
}
