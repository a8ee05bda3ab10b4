import { batchedLookup } from './batched-lookup';
import { connectionMode, onPrimary, onReadConnection } from './read-connection';

describe('batchedLookup', () => {
  it('sends the keys asked for in one turn as one batch, each caller getting its own value or null', async () => {
    const batches: string[][] = [];
    const lookup = batchedLookup(async (keys) => {
      batches.push([...keys]);
      return new Map(keys.filter((k) => k !== 'none').map((k) => [k, k.toUpperCase()]));
    });
    // Callers arriving from different callbacks of the same turn (as requests from different sockets do) join.
    const asked = await Promise.all([
      lookup.load('a'),
      new Promise((r) => process.nextTick(() => r(lookup.load('b')))),
      lookup.load('none'),
      lookup.load('a'),
    ]);
    expect(asked).toEqual(['A', 'B', null, 'A']);
    expect(batches).toEqual([['a', 'none', 'a', 'b']]);
  });

  it('keeps nothing: a later caller gets a new read', async () => {
    let version = 0;
    const lookup = batchedLookup(async (keys) => new Map(keys.map((k) => [k, `${k}${++version}`])));
    expect(await lookup.load('x')).toBe('x1');
    expect(await lookup.load('x')).toBe('x2');
  });

  it('hands a failed read to every caller of the batch', async () => {
    const lookup = batchedLookup(async () => Promise.reject(new Error('database down')));
    await expect(Promise.all([lookup.load('a'), lookup.load('b')])).rejects.toThrow('database down');
  });

  it('batches callers on the read connection apart from those on the primary, each batch read where its callers are', async () => {
    const batches: string[] = [];
    const lookup = batchedLookup(async (keys) => {
      batches.push(`${connectionMode()}:${keys.join(',')}`);
      return new Map(keys.map((k) => [k, `${k}@${connectionMode()}`]));
    });
    const asked = await Promise.all([
      onReadConnection(() => lookup.load('a')),
      onPrimary(() => lookup.load('b')),
      onReadConnection(() => lookup.load('c')),
      lookup.load('d'),
    ]);
    expect(asked).toEqual(['a@slave', 'b@master', 'c@slave', 'd@master']);
    expect(batches.sort()).toEqual(['master:b,d', 'slave:a,c']);
  });
});
