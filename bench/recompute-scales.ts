import { ChildProcess, spawn } from 'child_process';
import { growthExponent } from './growth-exponent';
import { progress, round } from './support';

/**
 * `BENCH_SCALES=0.2,0.5,1`: the recompute benchmark once per scale, each in its own process and fresh database (this
 * same script with BENCH_SCALE), then one JSON line: the largest scale's keys at the top level (readers of the
 * single-scale line keep working), every scale's result under `scales`, and how each figure grows with the data.
 */

/** The figures whose growth is reported: milliseconds against the observations of each scale. */
export const GROWTH_FIGURES = [
  'full_recompute_ms',
  'stored_baseline_ms',
  'kpi_recompute_ms',
  'status_recompute_ms',
  'full_recompute_repeat_ms',
  'stored_repeat_baseline_ms',
  'baseline_ms',
  'incremental_kpi_p95_ms',
] as const;

/** The scales of BENCH_SCALES in ascending order, or null when it is unset (single-scale run at BENCH_SCALE). */
export function parseScales(raw: string | undefined): number[] | null {
  if (raw === undefined || raw.trim() === '') return null;
  const scales = raw.split(',').map((s) => Number(s.trim()));
  for (const s of scales) if (!(s > 0 && s <= 1)) throw new Error(`BENCH_SCALES must list scales in (0, 1], got ${JSON.stringify(raw)}`);
  return [...new Set(scales)].sort((a, b) => a - b);
}

type Result = Record<string, unknown>;

/** Per figure: the slope of ln(ms) over ln(observations) across the scales; null with fewer than two measured scales. */
export function growthExponents(results: Result[]): Record<string, number | null> {
  return Object.fromEntries(
    GROWTH_FIGURES.map((figure) => {
      const points = results.map((r) => ({
        size: Number(r.observations),
        value: typeof r[figure] === 'number' ? (r[figure] as number) : null,
      }));
      const slope = growthExponent(points);
      return [figure, slope === null ? null : round(slope, 3)];
    }),
  );
}

let child: ChildProcess | null = null;

/** One scale in a child process (this script, BENCH_SCALE set, BENCH_SCALES unset); its last stdout line is its JSON. */
function runScale(scale: number): Promise<Result> {
  return new Promise((resolve, reject) => {
    const env: NodeJS.ProcessEnv = { ...process.env, BENCH_SCALE: String(scale) };
    delete env.BENCH_SCALES;
    child = spawn(process.execPath, [...process.execArgv, process.argv[1]], { env, stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    child.stdout!.on('data', (chunk: Buffer) => (out += chunk.toString()));
    child.on('error', reject);
    child.on('exit', (code) => {
      child = null;
      const last = out.trim().split('\n').pop() ?? '';
      if (code !== 0 || !last.startsWith('{')) return reject(new Error(`scale ${scale} exited with ${code}`));
      resolve(JSON.parse(last));
    });
  });
}

/** Runs every scale in turn and prints the combined JSON line. */
export async function runScales(scales: number[]): Promise<void> {
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    // The child drops its database on the signal; wait for it to exit.
    process.once(signal, () => {
      progress(`${signal}: stopping the running scale`);
      if (child) child.kill(signal);
      else process.exit(130);
    });
  }
  const results: Result[] = [];
  for (const scale of scales) {
    progress('scale start', { scale, of: scales.join(',') });
    results.push(await runScale(scale));
  }
  const largest = results[results.length - 1];
  const combined = {
    ...largest,
    scales: Object.fromEntries(scales.map((s, i) => [String(s), results[i]])),
    growth_exponent: growthExponents(results),
  };
  progress('growth exponents', combined.growth_exponent);
  process.stdout.write(`${JSON.stringify(combined)}\n`);
}
