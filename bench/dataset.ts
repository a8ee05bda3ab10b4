import { createHash } from 'crypto';
import { DataSource } from 'typeorm';
import { insertDataset } from './dataset-stages';
import { now, progress } from './support';

export { CANONICAL_VALUES, COMMUNE_FIRST_MONTH, PROVINCE_FIRST_MONTH } from './dataset-stages';

/**
 * Shape of the synthetic national dataset. Scale 1: 63 provinces, 300 indicators,
 * 10,000 communes; every province has 3 documents, 45 goals and 100 tasks whatever the scale.
 */
export interface BenchShape {
  provinces: number;
  communes: number;
  indicators: number;
  /** Indicators also observed per commune (the first N indicators). */
  communeIndicators: number;
  /** Monthly province observations from 2021-01. */
  provinceMonths: number;
  /** Monthly commune observations from COMMUNE_FIRST_MONTH. */
  communeMonths: number;
  documentsPerProvince: number;
  goalsPerDocument: number;
  goalGroupsPerDocument: number;
  tasksPerProvince: number;
  taskGroupsPerDocument: number;
  departmentsPerProvince: number;
}

export function shapeFor(scale: number): BenchShape {
  if (!(scale > 0 && scale <= 1)) throw new Error(`BENCH_SCALE must be in (0, 1], got ${scale}`);
  return {
    provinces: Math.max(2, Math.round(63 * scale)),
    communes: Math.max(10, Math.round(10_000 * scale)),
    indicators: Math.max(10, Math.round(300 * scale)),
    communeIndicators: Math.max(2, Math.round(20 * scale)),
    provinceMonths: 36,
    communeMonths: 12,
    documentsPerProvince: 3,
    goalsPerDocument: 15,
    goalGroupsPerDocument: 4,
    tasksPerProvince: 100,
    taskGroupsPerDocument: 3,
    departmentsPerProvince: 10,
  };
}

/**
 * Deterministic ids: md5 of a readable key with the version nibble set to 4 and the
 * variant to 8, so they pass `@IsUUID()` (job payload validation) like gen_random_uuid()
 * ids do. UUID_SQL (dataset-stages.ts) gives the same id in SQL.
 */
export function benchUuid(key: string): string {
  const h = createHash('md5').update(key).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-8${h.slice(17, 20)}-${h.slice(20)}`;
}
export const provinceKey = (p: number) => `dxb:prov:${p}`;
export const communeKey = (c: number) => `dxb:comm:${c}`;
export const indicatorKey = (i: number) => `dxb:ind:${i}`;
/** Province (1-based) a commune (1-based) belongs to. */
export const communeProvince = (c: number, shape: BenchShape) => ((c - 1) % shape.provinces) + 1;

export interface DatasetCounts {
  provinces: number;
  communes: number;
  indicators: number;
  documents: number;
  goals: number;
  tasks: number;
  observations: number;
}

/** Builds the whole dataset with set-based INSERT … SELECT … generate_series; progress on stderr. */
export async function generateDataset(ds: DataSource, shape: BenchShape): Promise<DatasetCounts> {
  const started = now();
  const step = async (stage: string, sql: string, params: unknown[] = []) => {
    const t = now();
    // Wrapped so the statement returns its row count (TypeORM's query() does not for INSERT).
    const [{ rows }] = await ds.query(`WITH w AS (${sql} RETURNING 1) SELECT count(*)::int AS rows FROM w`, params);
    progress(`generate ${stage}`, { rows, seconds: (now() - t) / 1000, total_seconds: (now() - started) / 1000 });
    return rows;
  };
  await insertDataset(step, shape);
  const t = now();
  await ds.query('VACUUM ANALYZE');
  progress('generate vacuum analyze', { seconds: (now() - t) / 1000, total_seconds: (now() - started) / 1000 });
  return countRows(ds);
}

export async function countRows(ds: DataSource): Promise<DatasetCounts> {
  const [row] = await ds.query(`SELECT
      (SELECT count(*) FROM org_unit WHERE kind = 'province')::int AS provinces,
      (SELECT count(*) FROM org_unit WHERE kind = 'commune')::int AS communes,
      (SELECT count(*) FROM indicator)::int AS indicators,
      (SELECT count(*) FROM document)::int AS documents,
      (SELECT count(*) FROM goal)::int AS goals,
      (SELECT count(*) FROM task)::int AS tasks,
      (SELECT count(*) FROM observation)::int AS observations`);
  return row;
}
