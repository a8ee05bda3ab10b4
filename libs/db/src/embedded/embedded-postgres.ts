import { PGlite } from '@electric-sql/pglite';
import { PGLiteSocketServer } from '@electric-sql/pglite-socket';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'fs';
import { join } from 'path';
import { setFlagsFromString } from 'v8';
import { serializeSocketProtocol } from './serialize-socket-protocol';

/** A running embedded PostgreSQL (PGlite) reachable over a local TCP socket. */
export interface EmbeddedPostgres {
  url: string;
  port: number;
  close(): Promise<void>;
}

interface LockInfo {
  pid: number;
  port: number;
}

/** The data directory is already served by another live process. */
export class EmbeddedDatabaseBusyError extends Error {
  constructor(
    readonly lock: LockInfo,
    dataDir: string,
  ) {
    super(`the embedded database in ${dataDir} is in use by process ${lock.pid} (port ${lock.port})`);
    this.name = 'EmbeddedDatabaseBusyError';
  }
}

const LOCK_FILE = 'embedded.json';

export function embeddedUrl(port: number): string {
  return `postgres://postgres:postgres@127.0.0.1:${port}/postgres`;
}

/** The lock of a live process serving `dataDir`, or null. A stale lock (dead pid) is ignored. */
export function readEmbeddedLock(dataDir: string): LockInfo | null {
  try {
    const lock = JSON.parse(readFileSync(join(dataDir, LOCK_FILE), 'utf8')) as LockInfo;
    process.kill(lock.pid, 0);
    return lock;
  } catch {
    return null;
  }
}

/**
 * Starts PGlite on `dataDir/pg` (kept across restarts) and serves it on 127.0.0.1.
 * One process at a time owns a data directory; others attach to its port.
 */
export async function startEmbeddedPostgres(dataDir: string, port = 0): Promise<EmbeddedPostgres> {
  const lock = readEmbeddedLock(dataDir);
  if (lock && lock.pid !== process.pid) throw new EmbeddedDatabaseBusyError(lock, dataDir);
  mkdirSync(dataDir, { recursive: true });
  // PGlite is PostgreSQL compiled to WebAssembly. V8's optimising compiler spent more CPU on its hot functions than
  // it gave back (measured on the demo data: a first start 14.6 -> 10.2 CPU-s, a restart 7.3 -> 4.7, a CLI export
  // 3.9 -> 2.2, 100 summary requests the same either way): this process keeps WebAssembly to V8's baseline code.
  // The only other WebAssembly here is the small HTTP parser of Node's fetch. The flag holds for modules compiled after it.
  setFlagsFromString('--liftoff-only');
  const db = await PGlite.create(join(dataDir, 'pg'));
  // PGlite ignores startup options, so BullMQ's schema must be on the one session's search_path.
  await db.exec('SET search_path TO public, bullmq');
  const server = new PGLiteSocketServer({ db, host: '127.0.0.1', port, maxConnections: 32 });
  serializeSocketProtocol(server);
  await server.start();
  const bound = Number(server.getServerConn().split(':').pop());
  writeFileSync(join(dataDir, LOCK_FILE), JSON.stringify({ pid: process.pid, port: bound }));
  let closed = false;
  return {
    url: embeddedUrl(bound),
    port: bound,
    async close() {
      if (closed) return;
      closed = true;
      await server.stop();
      await db.close();
      rmSync(join(dataDir, LOCK_FILE), { force: true });
    },
  };
}
