import { connectionMode, onPrimary, onReadConnection } from './read-connection';

describe('connection mode', () => {
  it('is the primary outside a read request', () => {
    expect(connectionMode()).toBe('master');
  });

  it('is the read connection inside one, across awaits and timers, and the primary again where asked', async () => {
    const seen = await onReadConnection(async () => {
      const first = connectionMode();
      await new Promise((resolve) => setImmediate(resolve));
      const afterAwait = connectionMode();
      const inPrimary = await onPrimary(async () => {
        await Promise.resolve();
        return connectionMode();
      });
      return [first, afterAwait, inPrimary, connectionMode()];
    });
    expect(seen).toEqual(['slave', 'slave', 'master', 'slave']);
    expect(connectionMode()).toBe('master');
  });

  it('keeps two concurrent requests apart', async () => {
    const later = (mode: () => string) => new Promise<string>((resolve) => setTimeout(() => resolve(mode()), 5));
    const [read, write] = await Promise.all([onReadConnection(() => later(connectionMode)), onPrimary(() => later(connectionMode))]);
    expect([read, write]).toEqual(['slave', 'master']);
  });
});
