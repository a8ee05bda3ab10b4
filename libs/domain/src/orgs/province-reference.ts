/**
 * Vietnam's provinces as dated maps (data/provinces/: the 63 units of Quyết định 124/2004/QĐ-TTg until 2025-06-30,
 * the 34 of Nghị quyết 202/2025/QH15 from 2025-07-01), and matching a province as tables spell it. Pure: the
 * caller reads the files and passes their text.
 */
import { orgMessages } from '../messages/org.messages';
import { DomainError } from '../domain-error';
import { dtiNameKey } from '../dti/dti-ranking';
import { addDays, isIsoDate } from '../iso-date';
import { nfc } from '../text';
import { validOn } from './validity';

export type ProvinceKind = 'tỉnh' | 'thành phố';

export interface ProvinceRef {
  /** Official 2-digit statistical code; unique only within one map ("24" is Bắc Giang, then Bắc Ninh). */
  code: string;
  /** This product's own 3-letter code; the same short code on two maps means the same name continues. */
  shortCode: string;
  name: string;
  kind: ProvinceKind;
  validFrom: string | null;
  validTo: string | null;
  /** Codes on the previous map this unit was formed from (its own old code when unchanged). */
  predecessors: string[];
  source: string;
}

export interface ProvinceMap {
  /** First day it is valid; null for the earliest map (its start is not tracked). */
  from: string | null;
  /** Last day it is valid; null while current. */
  to: string | null;
  provinces: ProvinceRef[];
}

const KINDS: readonly string[] = ['tỉnh', 'thành phố'] satisfies ProvinceKind[];
const REQUIRED_COLUMNS = ['code', 'short_code', 'name', 'kind', 'valid_from', 'valid_to', 'source'];

/**
 * Well-known spellings beyond the official name, by short code (so they follow the name across maps). "TP HCM",
 * "TP. Hồ Chí Minh" and "Thành phố …" need none: the name key drops the prefix.
 */
const ALIASES: Record<string, string[]> = {
  HCM: ['HCM', 'TPHCM'],
  BRV: ['BR-VT', 'BRVT'],
  BKN: ['Bắc Cạn'],
};

/** `dtiNameKey` with hyphens and dashes as spaces, so "Bà Rịa - Vũng Tàu" and "Bà Rịa Vũng Tàu" are one key. */
export function provinceNameKey(name: string): string {
  return dtiNameKey(name.replace(/[-‐–—]/g, ' '));
}

/**
 * The rows of one province CSV file (`code,short_code,name,kind,valid_from,valid_to[,predecessors],source`).
 * Throws INVALID_INPUT naming the file and the row (the header is row 1) of the first malformed row.
 */
export function parseProvinceReference(csvText: string, fileName: string): ProvinceRef[] {
  const lines = nfc(csvText)
    .replace(/^\uFEFF/, '')
    .split(/\r?\n/);
  const fail = (row: number, problem: string) =>
    new DomainError('INVALID_INPUT', `${fileName} row ${row}: ${problem}`, { file: fileName, row });
  const header = splitCsvLine(lines[0]) ?? [];
  const missing = REQUIRED_COLUMNS.filter((c) => !header.includes(c));
  if (missing.length > 0) throw fail(1, `the header lacks ${missing.join(', ')}`);
  const refs: ProvinceRef[] = [];
  lines.forEach((line, i) => {
    const row = i + 1;
    if (row === 1 || line.trim() === '') return;
    const cells = splitCsvLine(line);
    if (!cells) throw fail(row, 'a quoted field is not closed');
    if (cells.length !== header.length) throw fail(row, `has ${cells.length} fields, the header ${header.length}`);
    const cell = (column: string) => (header.includes(column) ? cells[header.indexOf(column)] : '');
    const [code, shortCode, name, kind, source] = ['code', 'short_code', 'name', 'kind', 'source'].map(cell);
    const [validFrom, validTo] = [cell('valid_from') || null, cell('valid_to') || null];
    const predecessors =
      cell('predecessors') === ''
        ? []
        : cell('predecessors')
            .split(';')
            .map((c) => c.trim());
    if (!/^\d{2}$/.test(code)) throw fail(row, `code "${code}" is not two digits`);
    if (!/^[A-Z]{3}$/.test(shortCode)) throw fail(row, `short code "${shortCode}" is not three letters A–Z`);
    if (name === '') throw fail(row, 'the name is empty');
    if (!KINDS.includes(kind)) throw fail(row, `kind "${kind}" is neither "tỉnh" nor "thành phố"`);
    for (const date of [validFrom, validTo]) if (date !== null && !isIsoDate(date)) throw fail(row, `"${date}" is not a YYYY-MM-DD date`);
    if (validFrom !== null && validTo !== null && validFrom > validTo)
      throw fail(row, `valid from ${validFrom}, after valid to ${validTo}`);
    const badPredecessor = predecessors.find((c, j) => !/^\d{2}$/.test(c) || predecessors.indexOf(c) !== j);
    if (badPredecessor !== undefined) throw fail(row, `predecessor "${badPredecessor}" is not a distinct two-digit code`);
    if (source === '') throw fail(row, 'the source is empty');
    refs.push({ code, shortCode, name, kind: kind as ProvinceKind, validFrom, validTo, predecessors, source });
  });
  return refs;
}

/** Fields of one CSV line, trimmed ("" doubles a quote inside quotes); null when a quote is left open. */
function splitCsvLine(line: string | undefined): string[] | null {
  const cells: string[] = [];
  let cell = '';
  let quoted = false;
  const text = line ?? '';
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted && ch === '"' && text[i + 1] === '"') {
      cell += '"';
      i++;
    } else if (ch === '"' && (quoted || cell.trim() === '')) {
      quoted = !quoted;
    } else if (ch === ',' && !quoted) {
      cells.push(cell.trim());
      cell = '';
    } else {
      cell += ch;
    }
  }
  return quoted ? null : [...cells, cell.trim()];
}

interface IndexedMap extends ProvinceMap {
  byCode: Map<string, ProvinceRef>;
  byShortCode: Map<string, ProvinceRef>;
  /** Name keys and aliases; more than one province under a key makes the key ambiguous. */
  byNameKey: Map<string, Set<ProvinceRef>>;
}

/** Dated province maps, checked for consistency, with matching and the links between successive maps. */
export class ProvinceReference {
  private readonly index: IndexedMap[];

  /** Throws INVALID_INPUT listing every inconsistency (see data/provinces/README.md for the invariants). */
  constructor(maps: ProvinceRef[][]) {
    const sorted = [...maps].sort((a, b) => (a[0]?.validTo ?? '9999-12-31').localeCompare(b[0]?.validTo ?? '9999-12-31'));
    const problems: string[] = [];
    this.index = sorted.map((provinces, i) => {
      const to = provinces[0]?.validTo ?? null;
      const previous = sorted[i - 1]?.[0];
      const from = i === 0 ? null : previous?.validTo ? addDays(previous.validTo, 1) : null;
      const label = `the map valid ${from ?? '…'} – ${to ?? '…'}`;
      if (provinces.length === 0) problems.push(`map ${i + 1} is empty`);
      if (i > 0 && from === null) problems.push(`${label} follows a map with no end`);
      for (const p of provinces) {
        if (p.validTo !== to) problems.push(`${label}: ${p.code} ${p.name} ends on ${p.validTo ?? 'no date'}, the others ${to ?? 'never'}`);
        if (i > 0 && p.validFrom !== from)
          problems.push(`${label}: ${p.code} ${p.name} starts ${p.validFrom ?? 'on no date'}, not ${from}`);
        if (i === 0 && p.predecessors.length > 0) problems.push(`${label}: ${p.code} ${p.name} has predecessors but no earlier map`);
      }
      const unique = (what: string, keyOf: (p: ProvinceRef) => string) => {
        const byKey = new Map<string, ProvinceRef>();
        for (const p of provinces) {
          const other = byKey.get(keyOf(p));
          if (other) problems.push(`${label}: ${other.name} and ${p.name} share the ${what} "${keyOf(p)}"`);
          else byKey.set(keyOf(p), p);
        }
        return byKey;
      };
      const byCode = unique('code', (p) => p.code);
      const byShortCode = unique('short code', (p) => p.shortCode);
      unique('name', (p) => provinceNameKey(p.name));
      return { from, to, provinces, byCode, byShortCode, byNameKey: new Map() };
    });
    this.index.forEach((map, i) => i > 0 && checkSuccession(this.index[i - 1], map, problems));
    if (problems.length > 0)
      throw new DomainError('INVALID_INPUT', `inconsistent province reference: ${problems.join('; ')}`, { problems });
    this.index.forEach((map, i) => indexNames(map, this.index[i - 1], this.index[i + 1]));
  }

  /** The maps, earliest first. */
  get maps(): ProvinceMap[] {
    return this.index.map(({ from, to, provinces }) => ({ from, to, provinces }));
  }

  /** The provinces valid on `date` (YYYY-MM-DD); empty when no map covers it. */
  mapOn(date: string): ProvinceRef[] {
    const map = this.mapAt(date);
    return map ? map.provinces.filter((p) => validOn(p, date)) : [];
  }

  /**
   * The province `text` names on `date`: a statistical code ("22"; one digit is padded, "2" → "02", as
   * spreadsheets drop the zero), a short code ("qni", any case), or a name with or without diacritics and
   * "Tỉnh"/"Thành phố"/"TP." (so "Hoà"/"Hòa" both match), one of the ALIASES, or the name of its one-to-one
   * predecessor or successor ("Huế" for Thừa Thiên Huế before 2025-07-01, "Thừa Thiên Huế" for Huế after).
   * Null when nothing matches or when two provinces would: it never guesses.
   */
  match(text: string, onDate: string): ProvinceRef | null {
    const map = this.mapAt(onDate);
    if (!map) return null;
    const t = nfc(text).trim();
    const found = new Set<ProvinceRef | undefined>(map.byNameKey.get(provinceNameKey(t)));
    if (/^\d{1,2}$/.test(t)) found.add(map.byCode.get(t.padStart(2, '0')));
    if (/^[a-z]{3}$/i.test(t)) found.add(map.byShortCode.get(t.toUpperCase()));
    const hits = [...found].filter((p): p is ProvinceRef => p !== undefined && validOn(p, onDate));
    return hits.length === 1 ? hits[0] : null;
  }

  /** `match` on the latest map on which `text` names a province (a plan file's province may predate the current map). */
  matchOnAnyMap(text: string): ProvinceRef | null {
    for (const map of [...this.index].reverse()) {
      const hit = this.match(text, map.to ?? map.from ?? '9999-12-31');
      if (hit) return hit;
    }
    return null;
  }

  /** The provinces on the map valid at `to` that the province with `code` on the map valid at `from` became part of. */
  successorsOn(code: string, from: string, to: string): ProvinceRef[] {
    if (to < from) throw new DomainError('INVALID_DATE', orgMessages.successorsBackwards(to, from));
    const [start, end] = [this.mapIndexAt(from, true), this.mapIndexAt(to, true)];
    let current = [this.provinceOn(code, from)];
    for (let i = start + 1; i <= end; i++) {
      const codes = new Set(current.map((p) => p.code));
      current = this.index[i].provinces.filter((p) => p.predecessors.some((c) => codes.has(c)));
    }
    return current;
  }

  /** The provinces of the previous map that the province with `code` on `onDate` was formed from; none on the first map. */
  predecessorsOf(code: string, onDate: string): ProvinceRef[] {
    const province = this.provinceOn(code, onDate);
    const previous = this.index[this.mapIndexAt(onDate, true) - 1];
    return previous ? province.predecessors.map((c) => previous.byCode.get(c)!) : [];
  }

  private provinceOn(code: string, date: string): ProvinceRef {
    const province = this.mapAt(date)?.byCode.get(code);
    if (!province || !validOn(province, date)) throw new DomainError('PROVINCE_NOT_FOUND', orgMessages.provinceNotOn(code, date));
    return province;
  }

  private mapAt(date: string): IndexedMap | undefined {
    return this.index[this.mapIndexAt(date, false)];
  }

  private mapIndexAt(date: string, required: boolean): number {
    if (!isIsoDate(date)) throw new DomainError('INVALID_DATE', orgMessages.notIsoDate(date));
    const i = this.index.findIndex((m) => (m.from === null || m.from <= date) && (m.to === null || date <= m.to));
    if (i < 0 && required) throw new DomainError('INVALID_DATE', orgMessages.noMapCovers(date));
    return i;
  }
}

/** Each old province goes into exactly one new one; a short code continues only with its name. */
function checkSuccession(previous: IndexedMap, map: IndexedMap, problems: string[]): void {
  const successors = new Map<string, ProvinceRef[]>([...previous.byCode.keys()].map((c) => [c, []]));
  for (const p of map.provinces) {
    for (const c of p.predecessors) {
      const old = previous.byCode.get(c);
      if (!old) problems.push(`${p.code} ${p.name} (from ${map.from}): predecessor "${c}" is not on the map valid ${previous.to}`);
      else if (provinceNameKey(old.name) === provinceNameKey(p.name) && old.shortCode !== p.shortCode) {
        problems.push(
          `${p.code} ${p.name} (from ${map.from}) continues the name of ${old.code} ${old.name}, so keeps short code ${old.shortCode}, not ${p.shortCode}`,
        );
      }
      successors.get(c)?.push(p);
    }
    const sameShortCode = previous.byShortCode.get(p.shortCode);
    if (sameShortCode && provinceNameKey(sameShortCode.name) !== provinceNameKey(p.name)) {
      problems.push(`${p.code} ${p.name} (from ${map.from}) reuses short code ${p.shortCode} of ${sameShortCode.name}, a different name`);
    }
  }
  for (const [c, list] of successors) {
    if (list.length !== 1) {
      const old = previous.byCode.get(c)!;
      problems.push(
        `${c} ${old.name} (until ${previous.to}) is a predecessor of ${list.length} provinces of the map from ${map.from}, not exactly one`,
      );
    }
  }
}

/** Name keys, aliases, and the names of one-to-one predecessors and successors (e.g. Thừa Thiên Huế ↔ Huế). */
function indexNames(map: IndexedMap, previous: IndexedMap | undefined, next: IndexedMap | undefined): void {
  const add = (name: string, p: ProvinceRef) => {
    const key = provinceNameKey(name);
    map.byNameKey.set(key, (map.byNameKey.get(key) ?? new Set()).add(p));
  };
  for (const p of map.provinces) {
    add(p.name, p);
    for (const alias of ALIASES[p.shortCode] ?? []) add(alias, p);
    if (previous && p.predecessors.length === 1) add(previous.byCode.get(p.predecessors[0])!.name, p);
    const successors = next?.provinces.filter((s) => s.predecessors.includes(p.code)) ?? [];
    if (successors.length === 1 && successors[0].predecessors.length === 1) add(successors[0].name, p);
  }
}
