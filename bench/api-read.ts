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
  summary: LoadResult;
  dashboard: LoadResult;
  tasks: LoadResult;
  summary_ratio: number;
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
  const bare = await run('bare route', undefined, '/bench/constant');
  const summary = await run('summary', rotating((p) => `/api/v1/provinces/${p}/summary?as_of=${s.asOf}`));
  const dashboard = await run('dashboard', rotating((p) => `/api/v1/provinces/${p}/dashboard?as_of=${s.asOf}`));
  const tasks = await run('task list', rotating((p) => `/api/v1/tasks?province=${p}`));
  const bareAfter = await run('bare route (again)', undefined, '/bench/constant');
  const bareRps = (bare.ok_rps + bareAfter.ok_rps) / 2;
  const ratio = (r: LoadResult) => round(r.ok_rps / bareRps, 3);
  return {
    bare, bare_after: bareAfter, bare_rps: round(bareRps, 1), summary, dashboard, tasks,
    summary_ratio: ratio(summary), dashboard_ratio: ratio(dashboard), tasks_ratio: ratio(tasks),
  };
}
