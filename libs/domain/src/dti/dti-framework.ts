/**
 * DTI frameworks: each year's method (pillars, main indices, number of components, weights
 * where published) and a crosswalk saying which of an earlier year's parts a part continues.
 * Scores are compared between years only through the crosswalk; ranks are positions in a
 * table and always compare. Pure.
 */
import { canonicalOrNull, toDecimal } from '../decimal-value';
import type { Localised } from '../messages/localised';
import { dtiFrameworkMessages as M } from '../messages/plan-file.messages';

/** The published DTI tables: provinces, ministries, and ministries that provide no public services. */
export const DTI_GROUPS = ['provinces', 'ministries', 'ministries-no-services'] as const;
export type DtiGroup = (typeof DTI_GROUPS)[number];

/** The whole index, a pillar or a main index, by the framework's code. */
export const DTI_TOTAL = 'total';

export interface DtiPart {
  code: string;
  name: string;
  /** Published weight (share of the parent), when the method gives one. */
  weight: string | null;
}

export interface DtiIndex extends DtiPart {
  /** The pillar it belongs to, when the method places it under one. */
  pillar: string | null;
}

export interface DtiCrosswalk {
  fromYear: number;
  /** This year's part code → the earlier year's part code it continues (`total` included). */
  parts: Record<string, string>;
}

export interface DtiFramework {
  year: number;
  group: string;
  components: number | null;
  pillars: DtiPart[];
  indices: DtiIndex[];
  crosswalk: DtiCrosswalk[];
  source: string;
  note: string | null;
}

/** The pillars every provincial DTI since 2020 has had; the CSV columns are named after these codes. */
export const DTI_PILLARS: readonly DtiPart[] = [
  { code: 'government', name: 'Chính quyền số', weight: null },
  { code: 'economy', name: 'Kinh tế số', weight: null },
  { code: 'society', name: 'Xã hội số', weight: null },
];

/** The pillars' names, in the methodology's order. */
export const DTI_PILLAR_NAMES: readonly string[] = DTI_PILLARS.map((p) => p.name);

/** DTI cấp tỉnh 2022's 9 main indices, in the methodology's order (used when a year's framework is not recorded). */
export const DTI_INDEX_NAMES: readonly string[] = [
  'Nhận thức số',
  'Thể chế số',
  'Hạ tầng số',
  'Nhân lực số',
  'An toàn thông tin mạng',
  'Đô thị thông minh',
  'Hoạt động chính quyền số',
  'Hoạt động kinh tế số',
  'Hoạt động xã hội số',
];

export const DTI_PART_CODE = /^[a-z][a-z0-9_]*$/;

/** `rank`, `score`, or `PART.rank` / `PART.score`: the figure an indicator is fed from. */
export const DTI_FIGURE = /^(?:([a-z][a-z0-9_]*)\.)?(score|rank)$/;

export function parseDtiFigure(figure: string): { part: string; measure: 'score' | 'rank' } | null {
  const m = DTI_FIGURE.exec(figure);
  return m ? { part: m[1] ?? DTI_TOTAL, measure: m[2] as 'score' | 'rank' } : null;
}

/** A province's row of a DTI table as stored: the whole index, then pillars and main indices by part code. */
export interface DtiResultFigures {
  score: string | null;
  rank: number | null;
  pillars: Record<string, { score: string | null; rank: number | null }>;
  indices: Record<string, { score: string | null; rank: number | null }>;
}

/**
 * The figure `figure` (see parseDtiFigure) of a DTI result: `value` is what an indicator
 * fed from it takes (the rank or the score, canonical), `rank` the published rank of that
 * part, so a score's place in the table is the table's own. Null where the table gives none.
 */
export function dtiFigureOf(
  figure: { part: string; measure: 'score' | 'rank' },
  result: DtiResultFigures,
): { value: string | null; rank: number | null } {
  const part =
    figure.part === DTI_TOTAL ? { score: result.score, rank: result.rank } : (result.pillars[figure.part] ?? result.indices[figure.part]);
  if (!part) return { value: null, rank: null };
  return { value: canonicalOrNull(figure.measure === 'rank' ? part.rank : part.score), rank: part.rank ?? null };
}

/** Problems that make a framework unusable, as messages with the path they concern. */
export function checkDtiFramework(f: DtiFramework): { path: string; message: string; vi: string }[] {
  const problems: { path: string; message: string; vi: string }[] = [];
  const problem = (path: string, text: Localised) => problems.push({ path, message: text.en, vi: text.vi });
  const seen = new Map<string, string>();
  const parts: [string, DtiPart][] = [
    ...f.pillars.map((p, i): [string, DtiPart] => [`pillars[${i}]`, p]),
    ...f.indices.map((p, i): [string, DtiPart] => [`indices[${i}]`, p]),
  ];
  for (const [path, part] of parts) {
    if (part.code === DTI_TOTAL) problem(`${path}.code`, M.namesWholeIndex(DTI_TOTAL));
    const before = seen.get(part.code);
    if (before) problem(`${path}.code`, M.alreadyUsed(part.code, before));
    else seen.set(part.code, path);
  }
  const pillarCodes = new Set(f.pillars.map((p) => p.code));
  f.indices.forEach((ix, i) => {
    if (ix.pillar !== null && !pillarCodes.has(ix.pillar)) {
      problem(`indices[${i}].pillar`, M.notAPillar(ix.pillar, [...pillarCodes].join(', ')));
    }
  });
  const weighted = (list: DtiPart[], path: string) => {
    const weights = list.map((p) => p.weight).filter((w): w is string => w !== null);
    const sum = weights.reduce((s, w) => s.plus(toDecimal(w)), toDecimal('0'));
    if (weights.length === list.length && weights.length > 0 && !sum.equals(1) && !sum.equals(100)) {
      problem(path, M.weights(sum.toString()));
    }
  };
  weighted(f.pillars, 'pillars');
  f.crosswalk.forEach((c, i) => {
    if (c.fromYear >= f.year) problem(`crosswalk[${i}].from_year`, M.fromYear(f.year));
    for (const code of Object.keys(c.parts)) {
      if (code !== DTI_TOTAL && !seen.has(code)) problem(`crosswalk[${i}].parts.${code}`, M.notAPart(code, f.year));
    }
  });
  return problems;
}

/**
 * The earlier year's part that `part` of `framework` continues, when the crosswalk from
 * `previousYear` records it: the condition for comparing scores between the two years.
 */
export function comparablePart(framework: DtiFramework | null, previousYear: number, part: string): string | null {
  const walk = framework?.crosswalk.find((c) => c.fromYear === previousYear);
  return walk?.parts[part] ?? null;
}

/** The label of a part code in a framework (pillar or index), falling back to the standard pillars, then the code. */
export function dtiPartName(framework: DtiFramework | null, code: string): string {
  const parts = [...(framework?.pillars ?? []), ...(framework?.indices ?? []), ...DTI_PILLARS];
  return parts.find((p) => p.code === code)?.name ?? code;
}
