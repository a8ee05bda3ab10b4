import { Client } from 'pg';
import { TEST_DATABASE_ADMIN_URL } from './test-env';

/** One query on a connection of its own to the server's admin database (never one the test kills). */
export async function adminRows<T>(sql: string, params: unknown[] = []): Promise<T[]> {
  const admin = new Client({ connectionString: TEST_DATABASE_ADMIN_URL });
  await admin.connect();
  try {
    return (await admin.query(sql, params)).rows as T[];
  } finally {
    await admin.end();
  }
}

/**
 * Ends every backend connected to `database` except `keep` with pg_terminate_backend, as an
 * administrator or a failover would: in-flight queries fail with 57P01 and idle
 * connections are closed. Returns how many were ended.
 */
export async function terminateBackends(database: string, keep: number[] = []): Promise<number> {
  const rows = await adminRows<{ ended: boolean }>(
    `SELECT pg_terminate_backend(pid) AS ended FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid() AND NOT (pid = ANY($2::int[]))`,
    [database, keep],
  );
  return rows.filter((r) => r.ended).length;
}

/** Backends of `database` (other than `except`) that wait for a lock: requests held in flight. */
export async function lockWaiters(database: string, except: number[] = []): Promise<number> {
  const [{ n }] = await adminRows<{ n: number }>(
    `SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = $1 AND wait_event_type = 'Lock' AND NOT (pid = ANY($2::int[]))`,
    [database, except],
  );
  return n;
}

/** Backends of `database` in a transaction that has written something (it has an xid), with their last statement. */
export async function writingBackends(database: string, except: number[] = []): Promise<{ pid: number; state: string; query: string }[]> {
  return adminRows(
    `SELECT pid, state, query FROM pg_stat_activity WHERE datname = $1 AND backend_xid IS NOT NULL AND NOT (pid = ANY($2::int[]))`,
    [database, except],
  );
}

/**
 * Advisory locks held or awaited in `database`. A killed client's backend keeps (or keeps waiting for) its lock until
 * the server notices the dead socket and ends its transaction; none left means every such transaction is over.
 */
export async function advisoryLocks(database: string): Promise<number> {
  const [{ n }] = await adminRows<{ n: number }>(
    `SELECT count(*)::int AS n FROM pg_locks l JOIN pg_database d ON d.oid = l.database WHERE d.datname = $1 AND l.locktype = 'advisory'`,
    [database],
  );
  return n;
}
