import { AsyncLocalStorage } from 'async_hooks';
import { DataSource, QueryRunner } from 'typeorm';

/** TypeORM's names for the two pools: `master` is DATABASE_URL, `slave` DATABASE_READ_URL. */
export type ConnectionMode = 'master' | 'slave';

const scope = new AsyncLocalStorage<ConnectionMode>();

/**
 * Runs `fn` with the queries it starts (and those of everything it awaits) on the read connection
 * (DATABASE_READ_URL, a replica), unless a query asks for the primary. The API enters it for GET and
 * HEAD requests; everything else (writes, the worker, the CLI, migrations) stays on the primary.
 */
export function onReadConnection<T>(fn: () => T): T {
  return scope.run('slave', fn);
}

/**
 * Runs `fn` on the primary even inside a read request: what writes during a GET (an API token's
 * last use) or must see its own writes goes through here.
 */
export function onPrimary<T>(fn: () => T): T {
  return scope.run('master', fn);
}

/** The pool a query started now goes to: the primary outside a read request. */
export function connectionMode(): ConnectionMode {
  return scope.getStore() ?? 'master';
}

/**
 * A DataSource whose query runners follow the mode of the code that asks for them. TypeORM itself
 * sends raw queries and transactions to the primary and entity finds to the replica; here both go
 * where the request is (a query runner asked for by mode still gets that mode). Without `replication`
 * in its options TypeORM has one pool and both modes use it.
 */
export class RoutedDataSource extends DataSource {
  override createQueryRunner(mode?: ConnectionMode): QueryRunner {
    return super.createQueryRunner(mode ?? connectionMode());
  }

  override defaultReplicationModeForReads(): ConnectionMode {
    return connectionMode();
  }
}
