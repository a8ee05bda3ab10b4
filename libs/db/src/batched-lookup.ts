import DataLoader from 'dataloader';
import { ConnectionMode, connectionMode, onPrimary, onReadConnection } from './read-connection';

/** Shared look-ups by key: `load(key)` is the value, or null when there is none. */
export interface BatchedLookup<V> {
  load(key: string): Promise<V | null>;
}

/**
 * Look-ups by key that concurrent callers share: the keys asked for in one turn of the event loop go to `load` as
 * one batch (one query for many requests of the API), scheduled with setImmediate so that requests read from
 * different sockets join. Nothing is cached: every key is read by a query that starts after it was asked for, so a
 * caller sees every commit made before it asked. A key `load` leaves out is null.
 *
 * Callers on the read connection and callers on the primary (read-connection.ts) are batched apart and each batch
 * reads where its callers do: a write request never gets a value read on a lagging replica, and a read request's
 * value comes from the connection that serves the rest of its answer (a summary stamp and the summary it validates).
 */
export function batchedLookup<V>(load: (keys: readonly string[]) => Promise<Map<string, V>>): BatchedLookup<V> {
  const loaderOn = (mode: ConnectionMode) => {
    const run = mode === 'slave' ? onReadConnection : onPrimary;
    return new DataLoader<string, V | null>(
      (keys) =>
        run(async () => {
          const found = await load(keys);
          return keys.map((key) => found.get(key) ?? null);
        }),
      { cache: false, maxBatchSize: 256, batchScheduleFn: (flush) => setImmediate(flush) },
    );
  };
  const loaders: Record<ConnectionMode, DataLoader<string, V | null>> = { master: loaderOn('master'), slave: loaderOn('slave') };
  return { load: (key) => loaders[connectionMode()].load(key) };
}
