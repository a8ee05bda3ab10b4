import { now, round } from './support';

type AnyFn = (...args: unknown[]) => unknown;
type Exports = Record<string, unknown>;

/**
 * The object to patch so that callers see a wrapper of `target[name]`: `target` itself when the
 * property can be assigned (class prototypes, a module's own exports), else, for a re-export
 * (`export *` in a lib's index.ts compiles to getters with no setter), the exports object of the
 * module that defines the function, found in the require cache. Null when there is none.
 */
function patchableOwner(target: Exports, name: string, fn: unknown): Exports | null {
  const own = Object.getOwnPropertyDescriptor(target, name);
  if (!own || own.writable || own.set) return target;
  for (const loaded of Object.values(require.cache)) {
    const exports = loaded?.exports as Exports | undefined;
    if (!exports || typeof exports !== 'object' || exports === target) continue;
    const d = Object.getOwnPropertyDescriptor(exports, name);
    if (d?.writable && d.value === fn) return exports;
  }
  return null;
}

/** The file of the module that defines `target[name]` (a re-exported function), if it is in the require cache. */
function definingFile(target: Exports, name: string): string | null {
  const fn = target[name];
  for (const loaded of Object.values(require.cache)) {
    const d = loaded?.exports && typeof loaded.exports === 'object' ? Object.getOwnPropertyDescriptor(loaded.exports, name) : undefined;
    if (d?.writable && d.value === fn) return loaded!.filename;
  }
  return null;
}

/**
 * Wall-clock time spent in named engine steps, by wrapping the functions the engine
 * calls (prototype methods and CommonJS exports), without changing what they do. The
 * recomputes the bench profiles run one at a time, so the figures do not overlap
 * (except where a label is nested in another, e.g. `writer.writeKpis` inside `writer.write`).
 * An exported function is wrapped on its defining module's exports, so only calls through
 * that object (from other modules) are timed; calls inside its own module are not.
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
      [...this.totals]
        .sort((a, b) => b[1].ms - a[1].ms)
        .map(([k, v]) => [k, { ms: round(v.ms, 0), calls: v.calls, ms_per_call: round(v.ms / v.calls, 1) }]),
    );
  }

  /** Steps not wrapped: names that do not exist, and read-only exports whose defining module was not found (marked so). */
  get notWrapped(): string[] {
    return this.missing;
  }

  /** Wraps `target[name]` (sync or async); a name that does not exist, or cannot be patched, is recorded and skipped. */
  wrap(target: Exports, name: string, label: string): void {
    const original = target[name];
    if (typeof original !== 'function') {
      this.missing.push(label);
      return;
    }
    const owner = patchableOwner(target, name, original);
    if (!owner) {
      this.missing.push(`${label} (read-only export)`);
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
    owner[name] = wrapped;
  }
}

/** Wraps the status engine's steps: loads, fingerprint, pure computation, writer (total and per table). */
export function instrumentEngine(profiler: Profiler): void {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded at run time: its exports object is what gets patched
  const engine: Exports = require('@dx/status-engine');
  const protoOf = (name: string): Exports => ((engine[name] as { prototype?: Exports } | undefined)?.prototype ?? {}) as Exports;
  // Every repository method (the engine's reads), whatever the engine's version calls.
  const repoProto = protoOf('StatusRepository');
  for (const name of Object.getOwnPropertyNames(repoProto).filter((n) => n !== 'constructor' && n !== 'query')) {
    profiler.wrap(repoProto, name, `repo.${name}`);
  }
  // The KPI comparison writer's functions: those the index re-exports from kpi-comparison.writer.
  for (const name of Object.keys(engine).filter((n) => typeof engine[n] === 'function')) {
    if (/kpi-comparison\.writer\.[jt]s$/.test(definingFile(engine, name) ?? '')) profiler.wrap(engine, name, `kpi.${name}`);
  }
  const writerProto = protoOf('StatusWriter');
  for (const name of Object.getOwnPropertyNames(writerProto).filter((n) => n.startsWith('write'))) {
    profiler.wrap(writerProto, name, `writer.${name}`);
  }
  // The engine calls these through their modules' exports objects, so replacing the export there is seen.
  profiler.wrap(engine, 'stableJson', 'fingerprint.stableJson');
  profiler.wrap(engine, 'computeProvinceStatus', 'computeProvinceStatus');
  profiler.wrap(protoOf('RecomputeEngine'), 'recompute', 'engine.recompute (total)');
}
