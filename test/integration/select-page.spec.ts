import { selectPage } from '@dx/db';
import { createTestDatabase, TestDatabase } from '../support/test-database';

describe('selectPage: one page and the total, in one query where it can', () => {
  let db: TestDatabase;
  const numbers = (count: number, page: { offset: number; limit: number }) =>
    selectPage<{ n: number }>(db.dataSource, 'SELECT g AS n FROM generate_series(1, $1::int) g', [count], 'n DESC', page);

  beforeAll(async () => (db = await createTestDatabase({ migrate: false })));
  afterAll(() => db?.drop());

  async function queriesFor<T>(work: () => Promise<T>): Promise<{ result: T; queries: number }> {
    const spy = jest.spyOn(db.dataSource, 'query');
    try {
      const result = await work();
      return { result, queries: spy.mock.calls.length };
    } finally {
      spy.mockRestore();
    }
  }

  it('gives the page in order with the total, in one query', async () => {
    const { result, queries } = await queriesFor(() => numbers(25, { offset: 10, limit: 5 }));
    expect(result).toEqual({ rows: [15, 14, 13, 12, 11].map((n) => ({ n })), total: 25 });
    expect(queries).toBe(1);
  });

  it('counts apart only for a page past the end', async () => {
    const past = await queriesFor(() => numbers(25, { offset: 30, limit: 5 }));
    expect(past).toEqual({ result: { rows: [], total: 25 }, queries: 2 });
    const empty = await queriesFor(() => numbers(0, { offset: 0, limit: 5 }));
    expect(empty).toEqual({ result: { rows: [], total: 0 }, queries: 1 });
  });
});
