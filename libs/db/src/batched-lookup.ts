import DataLoader from 'dataloader';

/**
 * Look-ups by key that concurrent callers share: the keys asked for in one turn of the event loop go to `load` as
 * one batch (one query for many requests of the API), scheduled with setImmediate so that requests read from
 * different sockets join. Nothing is cached: every key is read by a query that starts after it was asked for, so a
 * caller sees every commit made before it asked. A key `load` leaves out is null.
 */
export function batchedLookup<V>(load: (keys: readonly string[]) => Promise<Map<string, V>>): DataLoader<string, V | null> {
  return new DataLoader(
    async (keys) => {
      const found = await load(keys);
      return keys.map((key) => found.get(key) ?? null);
    },
    { cache: false, maxBatchSize: 256, batchScheduleFn: (flush) => setImmediate(flush) },
  );
}
