import { now, round } from './support';

type AnyFn = (...args: unknown[]) => unknown;

/**
 * Wall-clock time spent in named engine steps, by wrapping the functions the engine
 * calls (prototype methods and CommonJS exports), without changing what they do. The
 * recomputes the bench profiles run one at a time, so the figures do not overlap
 * (except where a label is nested in another, e.g. `writer.writeKpis` inside `writer.write`).
 */
export class Profiler {
  private totals = new Map<string, { ms: number; calls: number }>();
  private readonly missing: string[] = [];

  reset(): void {
    this.totals = new Map();
  }

  add(label: string, ms: number): void {
    const t = this.totals.get(label) ?? { ms: 0, calls: 0 };
    t.ms += ms;
    t.calls += 1;
    this.totals.set(label, t);
  }

  snapshot(): Record<string, { ms: number; calls: number; ms_per_call: number }> {
    return Object.fromEntries(
      [...this.totals].sort((a, b) => b[1].ms - a[1].ms).map(([k, v]) => [k, { ms: round(v.ms, 0), calls: v.calls, ms_per_call: round(v.ms / v.calls, 1) }]),
    );
  }

  get notWrapped(): string[] {
    return this.missing;
  }

  /** Wraps `target[name]` (sync or async); a name that does not exist is recorded and skipped. */
  wrap(target: Record<string, unknown>, name: string, label: string): void {
    const original = target[name];
    if (typeof original !== 'function') {
      this.missing.push(label);
      return;
    }
    const profiler = this; // eslint-disable-line @typescript-eslint/no-this-alias -- the wrapper needs both the profiler and its caller's own `this`
    const wrapped = function (this: unknown, ...args: unknown[]) {
      const started = now();
      const result = (original as AnyFn).apply(this, args);
      if (result instanceof Promise) return result.finally(() => profiler.add(label, now() - started));
      profiler.add(label, now() - started);
      return result;
    };
    target[name] = wrapped;
  }
}

/** Wraps the status engine's steps: loads, fingerprint, pure computation, writer (total and per table). */
export function instrumentEngine(profiler: Profiler): void {
  /* eslint-disable @typescript-eslint/no-require-imports -- loads the engine modules at run time, whichever this version has */
  const optional = (path: string) => {
    try {
      return require(path);
    } catch {
      return {};
    }
  };
  const repo = require('@dx/status-engine');
  const writer = require('@dx/status-engine');
  const compute = require('@dx/status-engine');
  const engine = require('@dx/status-engine');
  const kpiWriter = optional('../libs/status-engine/src/kpi-comparison.writer');
  // Every repository method (the engine's reads), whatever the engine's version calls.
  const repoProto = repo.StatusRepository?.prototype ?? {};
  for (const name of Object.getOwnPropertyNames(repoProto).filter((n) => n !== 'constructor' && n !== 'query')) {
    profiler.wrap(repoProto, name, `repo.${name}`);
  }
  for (const name of Object.keys(kpiWriter).filter((n) => typeof kpiWriter[n] === 'function')) {
    profiler.wrap(kpiWriter, name, `kpi.${name}`);
  }
  const writerProto = writer.StatusWriter?.prototype ?? {};
  for (const name of Object.getOwnPropertyNames(writerProto).filter((n) => n.startsWith('write'))) {
    profiler.wrap(writerProto, name, `writer.${name}`);
  }
  // The engine calls these through the module's exports object, so replacing the export is seen.
  profiler.wrap(writer, 'stableJson', 'fingerprint.stableJson');
  profiler.wrap(compute, 'computeProvinceStatus', 'computeProvinceStatus');
  profiler.wrap(engine.RecomputeEngine?.prototype ?? {}, 'recompute', 'engine.recompute (total)');
}
