import { Localised, PlanFile, planFileMessages as M, PlanIndicator, valueRangeProblems } from '@dx/domain';
import { PathIndex } from './read-plan-file';
import { YamlReader } from './yaml.reader';

/** What the plan rules share: the plan, where its elements came from, and the codes gathered section by section. */
export class PlanRuleContext {
  /** The province's code and every agency code (filled by the agency rules). */
  readonly orgCodes: Set<string>;
  /** The first indicator of each code (filled by the indicator rules). */
  readonly indicators = new Map<string, PlanIndicator>();

  constructor(
    readonly plan: PlanFile,
    private readonly paths: PathIndex,
    readonly reader: YamlReader,
  ) {
    this.orgCodes = new Set<string>([plan.province.code]);
  }

  pathOf(o: object): string {
    return this.paths.get(o) ?? '(unknown)';
  }

  /** Reports every item whose key an earlier item already has, pointing at the first. */
  unique<T extends object>(items: T[], key: (t: T) => string | undefined, field: string, what: Localised): void {
    const seen = new Map<string, string>();
    for (const item of items) {
      const k = key(item);
      if (k === undefined) continue;
      const first = seen.get(k);
      const at = field ? `${this.pathOf(item)}.${field}` : this.pathOf(item);
      if (first !== undefined) this.reader.error(at, M.duplicate(what, k, first));
      else seen.set(k, this.pathOf(item));
    }
  }

  declaredCount(declared: number | null, actual: number, path: string, what: Localised): void {
    if (declared === null || declared === actual) return;
    this.reader.warn(`${path}.declared_count`, M.declaredCount(declared, what, actual));
  }

  checkRange(indicator: PlanIndicator, value: string, path: string): void {
    for (const p of valueRangeProblems(indicator, value)) {
      const text = { en: p.message, vi: p.vi };
      if (p.severity === 'error') this.reader.error(path, text);
      else this.reader.warn(path, text);
    }
  }
}

/** True when following `next` from `start` comes back to `start`. */
export function followsBackTo(start: string, next: (code: string) => string | null): boolean {
  const seen = new Set<string>();
  let current = next(start);
  while (current !== null && !seen.has(current)) {
    if (current === start) return true;
    seen.add(current);
    current = next(current);
  }
  return false;
}
