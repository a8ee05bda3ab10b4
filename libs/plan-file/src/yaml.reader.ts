import { isAlias, isMap, isScalar, isSeq, LineCounter, Node, Scalar, YAMLMap } from 'yaml';
import { isIsoDate, Localised, measuredDecimal, nfc, planFileMessages as M, yamlNodeMessages } from '@dx/domain';
import { PlanFileIssue, planFileIssue } from './plan-file-issue';
import type { AliasTargets } from './yaml-limits';

/** A YAML node together with where it sits: its path and its line. */
export interface Located {
  node: Node | null;
  path: string;
  line: number | null;
}

/**
 * Reads typed values out of a parsed YAML document, recording an issue with path and
 * line for every value that is missing, mistyped or out of its domain. Readers return
 * `undefined` when the value could not be read, so callers keep going and one run
 * reports every error in the file.
 */
export class YamlReader {
  readonly issues: PlanFileIssue[] = [];

  constructor(
    private readonly contents: Node | null,
    private readonly lineCounter: LineCounter,
    private readonly aliases: AliasTargets,
  ) {}

  root(): Located {
    return this.locate(this.contents, '', 1);
  }

  /**
   * The line of the value at a path the readers built (`a.b[2].c`), for issues raised after reading: found by
   * walking the tree, so reading a large file records nothing. Where the path leaves the file (a key left out), the
   * line of the nearest value along it that is there, as `locate` falls back to.
   */
  lineOf(path: string): number | null {
    let at = this.root();
    for (const [, index, key] of path.matchAll(PATH_STEP)) {
      const child =
        index !== undefined
          ? isSeq(at.node)
            ? at.node.items[Number(index)]
            : undefined
          : isMap(at.node)
            ? at.node.get(key, true)
            : undefined;
      if (child === undefined) break;
      at = this.locate(child, '', at.line);
    }
    return at.line;
  }

  /** Records an error; a message given as plain text (from code not in the catalogue yet) is English only. */
  error(path: string, message: string | Localised, line: number | null = this.lineOf(path)): void {
    this.issues.push(planFileIssue('error', path, message, line));
  }

  warn(path: string, message: string | Localised, line: number | null = this.lineOf(path)): void {
    this.issues.push(planFileIssue('warning', path, message, line));
  }

  locate(node: unknown, path: string, fallbackLine: number | null): Located {
    const resolved = isAlias(node) ? (this.aliases.get(node) ?? null) : ((node as Node | null) ?? null);
    const line = resolved?.range ? this.lineCounter.linePos(resolved.range[0]).line : fallbackLine;
    return { node: resolved, path, line };
  }

  /**
   * Opens a mapping and reports keys outside `allowed`. Returns undefined (after an
   * error) when the value is not a mapping.
   */
  map(at: Located, allowed: readonly string[]): MapView | undefined {
    if (!isMap(at.node)) {
      this.error(at.path || '(root)', M.expectedMapping(describe(at.node)), at.line);
      return undefined;
    }
    const view = new MapView(this, at.node, at.path, at.line);
    for (const pair of at.node.items) {
      const key = isScalar(pair.key) ? String(pair.key.value) : String(pair.key);
      if (!allowed.includes(key)) {
        const where = this.locate(pair.key, join(at.path, key), at.line);
        const hint = closest(key, allowed);
        this.error(where.path, M.unknownKey(key, hint), where.line);
      }
    }
    return view;
  }

  /** Items of a sequence, each located as `path[i]`. */
  seq(at: Located): Located[] | undefined {
    if (!isSeq(at.node)) {
      this.error(at.path, M.expectedList(describe(at.node)), at.line);
      return undefined;
    }
    return at.node.items.map((item, i) => this.locate(item, `${at.path}[${i}]`, at.line));
  }

  /**
   * Text: a string, or a number written as digits (kept exactly as written). NFC. YAML escapes can write
   * characters no stored text may hold: NUL (PostgreSQL text refuses it) and unpaired surrogates (not Unicode).
   */
  text(at: Located): string | undefined {
    const s = at.node;
    if (isScalar(s) && (typeof s.value === 'string' || typeof s.value === 'number')) {
      const raw = typeof s.value === 'string' ? s.value : sourceOf(s);
      const value = nfc(raw).trim();
      if (value === '') {
        this.error(at.path, M.empty(), at.line);
        return undefined;
      }
      if (value.includes('\u0000')) {
        this.error(at.path, M.nul(), at.line);
        return undefined;
      }
      if (UNPAIRED_SURROGATE.test(value)) {
        this.error(at.path, M.surrogate(), at.line);
        return undefined;
      }
      return value;
    }
    this.error(at.path, M.expectedText(describe(s)), at.line);
    return undefined;
  }

  pattern(at: Located, re: RegExp, what: Localised): string | undefined {
    const value = this.text(at);
    if (value === undefined) return undefined;
    if (!re.test(value)) {
      this.error(at.path, M.invalidCode(value, what), at.line);
      return undefined;
    }
    return value;
  }

  date(at: Located): string | undefined {
    const value = this.text(at);
    if (value === undefined) return undefined;
    if (!isIsoDate(value)) {
      this.error(at.path, M.notADate(value), at.line);
      return undefined;
    }
    return value;
  }

  enumOf<T extends string>(at: Located, values: readonly T[]): T | undefined {
    const value = this.text(at);
    if (value === undefined) return undefined;
    if (!(values as readonly string[]).includes(value)) {
      this.error(at.path, M.notOneOf(at.path, value, values), at.line);
      return undefined;
    }
    return value as T;
  }

  /** A number written as a number (not quoted text), as a canonical decimal string. */
  decimal(at: Located): string | undefined {
    const s = at.node;
    if (!isScalar(s) || typeof s.value !== 'number') {
      this.error(at.path, M.expectedNumber(describe(s)), at.line);
      return undefined;
    }
    const read = measuredDecimal(sourceOf(s));
    if ('problem' in read) {
      this.error(at.path, M.decimal(read.problem), at.line);
      return undefined;
    }
    return read.value;
  }

  integer(at: Located, min: number, max = Number.MAX_SAFE_INTEGER): number | undefined {
    const value = this.decimal(at);
    if (value === undefined) return undefined;
    const n = Number(value);
    if (!Number.isInteger(n) || n < min || n > max) {
      this.error(at.path, M.wholeNumber(min, max, value), at.line);
      return undefined;
    }
    return n;
  }

  boolean(at: Located): boolean | undefined {
    if (isScalar(at.node) && typeof at.node.value === 'boolean') return at.node.value;
    this.error(at.path, M.expectedBoolean(describe(at.node)), at.line);
    return undefined;
  }
}

/** A mapping being read; `get` locates a key's value, `required`/`optional` read it. */
export class MapView {
  constructor(
    private readonly reader: YamlReader,
    private readonly node: YAMLMap,
    readonly path: string,
    readonly line: number | null,
  ) {}

  has(key: string): boolean {
    const value = this.node.get(key, true);
    return value !== undefined && !(isScalar(value) && value.value === null);
  }

  private at(key: string): Located {
    return this.reader.locate(this.node.get(key, true), join(this.path, key), this.line);
  }

  /** The located value of a required key; reports it missing (at the map's line) otherwise. */
  required(key: string): Located | undefined {
    if (!this.has(key)) {
      this.reader.error(join(this.path, key), M.required(), this.line);
      return undefined;
    }
    return this.at(key);
  }

  optional(key: string): Located | undefined {
    return this.has(key) ? this.at(key) : undefined;
  }

  /** Reads a required key with `read`; undefined when missing or invalid. */
  req<T>(key: string, read: (at: Located) => T | undefined): T | undefined {
    const at = this.required(key);
    return at === undefined ? undefined : read(at);
  }

  /** The readable items of an optional list (absent: none); unreadable items are left out after their issues. */
  list<T>(key: string, read: (at: Located) => T | undefined): T[] {
    const at = this.optional(key);
    const items = at ? this.reader.seq(at) : [];
    return (items ?? []).flatMap((item) => {
      const value = read(item);
      return value === undefined ? [] : [value];
    });
  }

  /** Reads an optional key with `read`: null when absent, undefined when invalid. */
  opt<T>(key: string, read: (at: Located) => T | undefined): T | null | undefined {
    const at = this.optional(key);
    return at === undefined ? null : read(at);
  }
}

/** One step of a path: `[index]` or a key (after a `.`, or first). */
const PATH_STEP = /\[(\d+)\]|\.?([^.[]+)/g;

const UNPAIRED_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

export function join(path: string, key: string): string {
  return path === '' ? key : `${path}.${key}`;
}

function sourceOf(s: Scalar): string {
  return (s as Scalar.Parsed).source ?? String(s.value);
}

function describe(node: unknown): Localised {
  const N = yamlNodeMessages;
  if (node === null || node === undefined) return N.nothing();
  if (isMap(node)) return N.mapping();
  if (isSeq(node)) return N.list();
  if (isScalar(node)) {
    if (node.value === null) return N.null();
    if (typeof node.value === 'string') return N.text(truncate(node.value));
    if (typeof node.value === 'number') return N.number(sourceOf(node));
    if (typeof node.value === 'boolean') return N.boolean(node.value);
  }
  return N.unsupported();
}

function truncate(s: string): string {
  return s.length > 40 ? `${s.slice(0, 40)}…` : s;
}

/** The allowed key nearest to a misspelt one, when it is near enough to be a useful hint. */
function closest(key: string, allowed: readonly string[]): string | null {
  let best: string | null = null;
  let bestDistance = Math.max(2, Math.floor(key.length / 3)) + 1;
  for (const candidate of allowed) {
    const d = editDistance(key, candidate);
    if (d < bestDistance) [best, bestDistance] = [candidate, d];
  }
  return best;
}

function editDistance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let prev = row[0];
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const tmp = row[j];
      row[j] = Math.min(row[j] + 1, row[j - 1] + 1, prev + (a[i - 1] === b[j - 1] ? 0 : 1));
      prev = tmp;
    }
  }
  return row[b.length];
}
