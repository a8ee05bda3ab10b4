import { ClientBase, types } from 'pg';
import { DataSource, DataSourceOptions } from 'typeorm';
import { MIGRATIONS } from '@dx/migrations';
import { ENTITIES } from './entities';
import { RoutedDataSource } from './read-connection';

// `date` columns stay 'YYYY-MM-DD' strings: a JS Date would shift with the server's time zone.
types.setTypeParser(types.builtins.DATE, (value) => value);

export const MIGRATIONS_TABLE = 'schema_migration';

/**
 * Gives every pooled connection an error listener for its whole life. The pool and TypeORM
 * each listen only while they hold the connection, and between the pool handing a new
 * connection out and TypeORM subscribing there is a gap: a backend ended in that gap
 * (pg_terminate_backend, a failover) raised an unhandled 'error' event, which kills the
 * process. Nothing is lost by ignoring it here: the connection is already marked
 * unusable, so its next query fails (503 in the API) and the pool discards it.
 */
function keepConnectionErrorsHandled(client: ClientBase): void {
  client.on('error', () => undefined);
}

/**
 * TypeORM options for dx-tracker's schema. The schema changes only through MIGRATIONS. With `readUrl`
 * (DATABASE_READ_URL) a second pool of `poolSize` connections serves the queries made on the read
 * connection (read-connection.ts); `defaultMode: 'master'` keeps everything else on `url`.
 */
export function dataSourceOptions(url: string, poolSize = 10, readUrl: string | null = null): DataSourceOptions {
  return {
    type: 'postgres',
    url,
    ...(readUrl ? { replication: { master: { url }, slaves: [{ url: readUrl }], defaultMode: 'master' } } : {}),
    entities: ENTITIES,
    migrations: MIGRATIONS,
    migrationsTableName: MIGRATIONS_TABLE,
    migrationsTransactionMode: 'each',
    synchronize: false,
    // Not TypeORM's own query log: it prints failed queries with their parameters (request data) as plain text.
    // Errors reach the API's exception filter or the job processors, which log them without payloads.
    logging: false,
    extra: { max: poolSize, connectionTimeoutMillis: 10_000, onConnect: keepConnectionErrorsHandled },
  };
}

/** A DataSource whose queries follow the connection mode of the code making them (read-connection.ts). */
export function createDataSource(url: string, poolSize?: number, readUrl: string | null = null): DataSource {
  return new RoutedDataSource(dataSourceOptions(url, poolSize, readUrl));
}
