import { ClientBase, types } from 'pg';
import { DataSource, DataSourceOptions } from 'typeorm';
import { MIGRATIONS } from '@dx/migrations';
import { ENTITIES } from './entities';

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

/** TypeORM options for dx-tracker's schema. The schema changes only through MIGRATIONS. */
export function dataSourceOptions(url: string, poolSize = 10): DataSourceOptions {
  return {
    type: 'postgres',
    url,
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

export function createDataSource(url: string, poolSize?: number): DataSource {
  return new DataSource(dataSourceOptions(url, poolSize));
}
