import { performance } from 'perf_hooks';

/** Progress lines go to stderr; stdout carries only the final JSON line (and nothing else we print). */
export function progress(stage: string, fields: Record<string, unknown> = {}): void {
  const extra = Object.entries(fields)
    .map(([k, v]) => `${k}=${typeof v === 'number' && !Number.isInteger(v) ? v.toFixed(2) : String(v)}`)
    .join(' ');
  process.stderr.write(`[bench] ${new Date().toISOString().slice(11, 19)} ${stage}${extra ? ` ${extra}` : ''}\n`);
}

export const now = (): number => performance.now();

export async function timed<T>(fn: () => Promise<T>): Promise<{ ms: number; result: T }> {
  const started = now();
  const result = await fn();
  return { ms: now() - started, result };
}

export const round = (x: number, digits = 1): number => Math.round(x * 10 ** digits) / 10 ** digits;

/** Deterministic PRNG (mulberry32): the same seed gives the same updates on every run. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Nearest-rank percentile of an already sorted array. */
export function percentile(sorted: number[], p: number): number | null {
  if (!sorted.length) return null;
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
  return sorted[Math.min(rank, sorted.length) - 1];
}

export const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** Samples process.memoryUsage().rss every `intervalMs` while running; tracks the peak per labelled phase. */
export class RssSampler {
  private timer: NodeJS.Timeout | undefined;
  private phase: string | null = null;
  readonly peaks: Record<string, number> = {};
  peak = 0;

  constructor(private readonly intervalMs = 100) {}

  start(phase: string): void {
    this.phase = phase;
    this.sample();
    if (!this.timer) {
      this.timer = setInterval(() => this.sample(), this.intervalMs);
      this.timer.unref();
    }
  }

  stop(): void {
    this.sample();
    this.phase = null;
    clearInterval(this.timer);
    this.timer = undefined;
  }

  private sample(): void {
    if (this.phase === null) return;
    const rss = process.memoryUsage().rss;
    if (rss > this.peak) this.peak = rss;
    if (rss > (this.peaks[this.phase] ?? 0)) this.peaks[this.phase] = rss;
  }
}

export const mb = (bytes: number): number => round(bytes / 1024 / 1024, 1);

export function envNumber(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isFinite(value)) throw new Error(`${name} must be a number, got ${JSON.stringify(raw)}`);
  return value;
}
