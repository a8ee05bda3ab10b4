/**
 * The figures of `npm run bench` as table rows (docs/benchmarks.md and the JSON line's goals): each phase's
 * figures with their baseline, ratio and goal, in the order the phases run.
 */
import { ApiReadResult } from './api-read';
import { FigureRow } from './benchmarks-doc';
import { ImportFigures } from './import-phase';
import { ScaleOutRun } from './scale-out';
import { round } from './support';
import { WritePathResult } from './write-path';

/** What one run measured; a phase that did not run is null. */
export interface BenchResults {
  recompute: Record<string, unknown> | null;
  national: Record<string, unknown> | null;
  api: ApiReadResult | null;
  write: WritePathResult | null;
  scaleOut: ScaleOutRun[] | null;
  imports: ImportFigures[] | null;
}

const fmt = (x: number | null | undefined, unit = '') => (x === null || x === undefined ? '—' : `${x.toLocaleString('en-US')}${unit}`);

/** Goals of issue 10 §3 and of the recompute benchmark, each with its figure, baseline and ratio. */
export function figureRows(r: BenchResults, scale: number): FigureRow[] {
  const rc = r.recompute as Record<string, number | null> | null;
  return [
    ...(rc ? recomputeRows(rc, scale) : []),
    ...(r.api ? apiRows(r.api) : []),
    ...(r.write ? writeRows(r.write) : []),
    ...(r.imports ?? []).map(importRow),
    ...(r.scaleOut ?? []).map(scaleOutRow),
  ];
}

function recomputeRows(rc: Record<string, number | null>, scale: number): FigureRow[] {
  return [
    {
      figure: `full recompute (scale ${scale}), ms`,
      value: fmt(rc.full_recompute_ms),
      baseline: `goal SQL ${fmt(rc.baseline_ms)} ms`,
      ratio: fmt(rc.full_recompute_ratio),
      goal: 'ratio ≤ 2.0',
      met: rc.full_recompute_ratio !== null && rc.full_recompute_ratio <= 2,
    },
    {
      figure: 'incremental p95, commit → rollup current',
      value: fmt(rc.incremental_p95_ms, ' ms'),
      baseline: '',
      ratio: '',
      goal: '≤ 250 ms',
      met: rc.incremental_p95_ms !== null && rc.incremental_p95_ms <= 250,
    },
    {
      figure: 'recompute peak RSS',
      value: fmt(rc.peak_rss_mb, ' MB'),
      baseline: '',
      ratio: '',
      goal: '≤ 512 MB',
      met: rc.peak_rss_mb !== null && rc.peak_rss_mb <= 512,
    },
  ];
}

function apiRows(a: ApiReadResult): FigureRow[] {
  const rows: FigureRow[] = [
    {
      figure: 'bare route (constant), requests/s',
      value: `${fmt(a.bare.ok_rps)} / ${fmt(a.bare_after.ok_rps)} (before / after)`,
      baseline: '',
      ratio: '',
      goal: '',
      met: null,
    },
  ];
  for (const [label, x, ratio] of [
    ['GET …/provinces/:code/summary', a.summary, a.summary_ratio],
    ['GET …/provinces/:code/summary?kpiPageSize=1000 (every KPI)', a.summary_all, a.summary_all_ratio],
    ['GET …/provinces/:code/dashboard', a.dashboard, a.dashboard_ratio],
    ['GET …/tasks?province=', a.tasks, a.tasks_ratio],
  ] as const) {
    rows.push(
      {
        figure: `${label}, requests/s`,
        value: fmt(x.ok_rps),
        baseline: `bare ${fmt(a.bare_rps)}`,
        ratio: fmt(ratio),
        goal: '≥ 0.5',
        met: ratio >= 0.5,
      },
      {
        figure: `${label}, p95 latency`,
        value: fmt(x.p95_ms, ' ms'),
        baseline: `bare ${fmt(a.bare.p95_ms, ' ms')}`,
        ratio: '',
        goal: '≤ 50 ms',
        met: x.p95_ms !== null && x.p95_ms <= 50,
      },
    );
  }
  return rows;
}

function writeRows(w: WritePathResult): FigureRow[] {
  return [
    {
      figure: 'PATCH /tasks/:id (If-Match), updates/s, one worker',
      value: fmt(w.updates_per_s),
      baseline: '',
      ratio: '',
      goal: '≥ 500/s',
      met: w.updates_per_s >= 500,
    },
    { figure: 'PATCH p95 commit latency', value: fmt(w.commit_p95_ms, ' ms'), baseline: '', ratio: '', goal: '', met: null },
    {
      figure: 'outbox backlog during load (max / at end)',
      value: `${fmt(w.backlog_max)} / ${fmt(w.backlog_end_of_load)} rows`,
      baseline: '',
      ratio: '',
      goal: 'bounded',
      met: null,
    },
    {
      figure: 'drained after load stops',
      value: fmt(w.drain_ms, ' ms'),
      baseline: '',
      ratio: '',
      goal: '≤ 2,000 ms',
      met: w.drain_ms !== null && w.drain_ms <= 2000,
    },
  ];
}

const importRow = (f: ImportFigures): FigureRow => ({
  figure: `import ${f.file} (${fmt(round(f.bytes / 1024))} kB, ${fmt(f.rows)} rows), rows/s, median of ${f.runs}`,
  value: `${fmt(f.rows_per_s)} (${fmt(f.import_ms)} ms: parse ${fmt(f.parse_ms)}, write ${fmt(f.write_ms)})`,
  baseline: `COPY ${fmt(f.copy_rows_per_s)}/s (${fmt(f.copy_ms)} ms)`,
  ratio: `${fmt(f.ratio)}× (write alone ${fmt(f.write_ratio)}×)`,
  goal: '≤ 3× COPY',
  met: f.ratio <= 3,
});

const scaleOutRow = (s: ScaleOutRun): FigureRow => ({
  figure: `recompute throughput, ${s.workers} worker process${s.workers > 1 ? 'es' : ''}`,
  value: `${fmt(s.jobs_per_s)} jobs/s (${s.jobs} in ${fmt(s.seconds)} s, CPU ${fmt(s.cpu_busy_pct, ' %')} busy)`,
  baseline: s.workers === 1 ? '' : '1 worker',
  ratio: s.workers === 1 ? '' : fmt(s.ratio_vs_1),
  goal: '',
  met: null,
});
