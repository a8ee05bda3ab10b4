import { load, LoadResult } from './load';
import { round, sleep } from './support';

export interface ApiReadSettings {
  connections: number;
  durationS: number;
  warmupS: number;
  asOf: string;
}

export interface ApiReadResult {
  bare: LoadResult;
  bare_after: LoadResult;
  /** Mean of the two bare runs (before and after the product routes), so drift in the machine's load shows less. */
  bare_rps: number;
  /** The summary as clients get it: its first page of 50 KPIs. */
  summary: LoadResult;
  /** The summary with every KPI (300 per province at national scale: a ~150 kB answer). */
  summary_all: LoadResult;
  dashboard: LoadResult;
  tasks: LoadResult;
  summary_ratio: number;
  summary_all_ratio: number;
  dashboard_ratio: number;
  tasks_ratio: number;
}

/**
 * Read routes under autocannon against the constant route of the same process: each
 * route is warmed up, then loaded for `durationS` with `connections` connections, every
 * request for the next of the 63 provinces in turn.
 */
export async function apiRead(url: string, token: string, provinces: string[], s: ApiReadSettings): Promise<ApiReadResult> {
  const headers = { Authorization: `Bearer ${token}` };
  const rotating = (path: (code: string) => string) => {
    let next = 0;
    return [{ setupRequest: (req: object) => ({ ...req, path: path(provinces[next++ % provinces.length]) }) }];
  };
  const run = async (label: string, requests: ReturnType<typeof rotating> | undefined, path = '/') => {
    const base = { url: `${url}${path}`, connections: s.connections, headers, requests };
    if (s.warmupS > 0) await load({ ...base, label: `${label} (warm-up)`, durationS: s.warmupS });
    await sleep(500);
    return load({ ...base, label, durationS: s.durationS });
  };
  const bare = await run('bare route', undefined, '/api/v1/bench/constant');
  const summary = await run(
    'summary',
    rotating((p) => `/api/v1/provinces/${p}/summary?as_of=${s.asOf}`),
  );
  const summaryAll = await run(
    'summary, every KPI',
    rotating((p) => `/api/v1/provinces/${p}/summary?as_of=${s.asOf}&kpiPageSize=1000`),
  );
  const dashboard = await run(
    'dashboard',
    rotating((p) => `/api/v1/provinces/${p}/dashboard?as_of=${s.asOf}`),
  );
  const tasks = await run(
    'task list',
    rotating((p) => `/api/v1/tasks?province=${p}`),
  );
  const bareAfter = await run('bare route (again)', undefined, '/api/v1/bench/constant');
  const bareRps = (bare.ok_rps + bareAfter.ok_rps) / 2;
  const ratio = (r: LoadResult) => round(r.ok_rps / bareRps, 3);
  return {
    bare,
    bare_after: bareAfter,
    bare_rps: round(bareRps, 1),
    summary,
    summary_all: summaryAll,
    dashboard,
    tasks,
    summary_ratio: ratio(summary),
    summary_all_ratio: ratio(summaryAll),
    dashboard_ratio: ratio(dashboard),
    tasks_ratio: ratio(tasks),
  };
}
