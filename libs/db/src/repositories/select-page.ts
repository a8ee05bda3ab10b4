import { DataSource, EntityManager } from 'typeorm';

/**
 * One page of a list's rows and how many rows there are in all, in one query: the total
 * rides along on every row (`count(*) OVER ()`, taken before OFFSET and LIMIT), so only a
 * page past the end needs a count of its own (an empty first page has none to count). `select` is `SELECT … FROM … WHERE …`
 * (its own parameters in `params`); `orderBy` may use its aliases. For lists of a
 * province's plan rows (hundreds): every matching row is read to count it, so a list of
 * millions (observations, the audit log) pages with LIMIT alone and counts apart.
 */
export async function selectPage<T>(
  db: DataSource | EntityManager,
  select: string,
  params: unknown[],
  orderBy: string,
  page: { offset: number; limit: number },
): Promise<{ rows: T[]; total: number }> {
  const counted = select.replace(/^\s*SELECT\s/i, 'SELECT count(*) OVER ()::int AS "__total", ');
  const found: (T & { __total: number })[] = await db.query(
    `${counted} ORDER BY ${orderBy} OFFSET ${page.offset | 0} LIMIT ${page.limit | 0}`,
    params,
  );
  const total = found.length
    ? found[0].__total
    : page.offset <= 0
      ? 0
      : (await db.query(`SELECT count(*)::int AS total FROM (${select}) x`, params))[0].total;
  return { rows: found.map(({ __total: _total, ...row }) => row as T), total };
}
