import { EmbeddedDatabaseBusyError, embeddedUrl, EmbeddedPostgres, startEmbeddedPostgres } from './embedded/embedded-postgres';

/** Where the database is: the shape of AppConfig['database']. */
export interface DatabaseSettings {
  mode: 'embedded' | 'external';
  url: string | null;
  dataDir: string;
  embeddedPort: number;
}

export interface DatabaseTarget {
  url: string;
  /** `external`, `embedded` (started here) or `attached` (served by another running dx-tracker process). */
  kind: 'external' | 'embedded' | 'attached';
  close(): Promise<void>;
}

/**
 * Resolves the database to connect to: DATABASE_URL, else the embedded database,
 * started here or, with `attach`, served by a dx-tracker process already running.
 */
export async function openDatabaseTarget(settings: DatabaseSettings, options: { attach: boolean }): Promise<DatabaseTarget> {
  if (settings.mode === 'external' && settings.url) {
    return { url: settings.url, kind: 'external', close: async () => undefined };
  }
  let embedded: EmbeddedPostgres;
  try {
    embedded = await startEmbeddedPostgres(settings.dataDir, settings.embeddedPort);
  } catch (error) {
    if (error instanceof EmbeddedDatabaseBusyError && options.attach) {
      return { url: embeddedUrl(error.lock.port), kind: 'attached', close: async () => undefined };
    }
    throw error;
  }
  return { url: embedded.url, kind: 'embedded', close: () => embedded.close() };
}
