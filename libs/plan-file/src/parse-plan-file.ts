import { LineCounter, Node, parseDocument } from 'yaml';
import { Localised, PlanFile, planFileMessages as M, planFileWhat } from '@dx/domain';
import { checkPlanRules } from './check-plan-rules';
import { PlanFileIssue, planFileIssue, sortIssues } from './plan-file-issue';
import { readPlanFile } from './read-plan-file';
import { parseSimpleYaml } from './simple-yaml';
import { AliasTargets, aliasTargets, expandedNodeCount, firstNodeDeeperThan, writtenNodeCount } from './yaml-limits';
import { YamlReader } from './yaml.reader';

/** Plan files are written by hand; anything this large is a mistake or an attack. */
export const MAX_PLAN_FILE_BYTES = 20 * 1024 * 1024;
/**
 * Nodes that aliases may add to a file before it is treated as an alias bomb ("billion laughs"). Counted
 * exactly, so a file may reuse an anchor as often as it likes; nine lists of nine aliases to the
 * previous list add 9^9 nodes and are refused.
 */
export const MAX_ALIAS_EXPANSION = 100_000;
/**
 * Deepest nesting of lists and mappings accepted. A plan file nests about eight levels; the YAML library and
 * the readers recurse, so a file nested thousands deep would otherwise exhaust the stack.
 */
export const MAX_NESTING_DEPTH = 64;

export interface ParsedPlanFile {
  /** The plan, complete only when `errors` is empty. */
  plan: PlanFile | null;
  errors: PlanFileIssue[];
  warnings: PlanFileIssue[];
}

const FILE = '(file)';

/**
 * Parses and validates a plan file's bytes. Never throws for bad input: every
 * problem is returned as an issue with path and line, all of them in one pass.
 */
export function parsePlanFile(bytes: Uint8Array): ParsedPlanFile {
  const { value, errors, warnings } = parseYamlFile(bytes, { maxBytes: MAX_PLAN_FILE_BYTES, what: planFileWhat.planFiles() }, (reader) => {
    const { plan, paths } = readPlanFile(reader);
    checkPlanRules(plan, paths, reader);
    return plan;
  });
  return { plan: value, errors, warnings };
}

export interface ParsedYamlFile<T> {
  /** What `read` made of the document, only when there are no errors. */
  value: T | null;
  errors: PlanFileIssue[];
  warnings: PlanFileIssue[];
  /** The line of a path read from the file, for problems found later (e.g. against the database). */
  lineOf: (path: string) => number | null;
}

/**
 * The checks every hand-written YAML file goes through before it is read: size, UTF-8 (the
 * first bad byte's line), YAML syntax, alias bombs; then `read` reports through the reader.
 */
export function parseYamlFile<T>(
  bytes: Uint8Array,
  limit: { maxBytes: number; what: Localised },
  read: (reader: YamlReader) => T,
): ParsedYamlFile<T> {
  const fail = (message: Localised, line: number | null = null): ParsedYamlFile<T> => ({
    value: null,
    errors: [planFileIssue('error', FILE, message, line)],
    warnings: [],
    lineOf: () => null,
  });
  if (bytes.byteLength > limit.maxBytes) {
    return fail(M.tooLarge(mib(bytes.byteLength), limit.what, mib(limit.maxBytes)));
  }
  const text = decodeUtf8(bytes);
  if (typeof text !== 'string') return fail(M.notUtf8(text.offset), text.line);

  const source = text.replace(/^\uFEFF/, '');
  // Plan files are plain block YAML; the fast path reads those and declines anything else, which the library parses.
  const simple = parseSimpleYaml(source, MAX_NESTING_DEPTH);
  const parsed = simple ? { ...simple, aliases: new Map() } : parseWithLibrary(source);
  if (Array.isArray(parsed)) return { value: null, errors: parsed, warnings: [], lineOf: () => null };

  const reader = new YamlReader(parsed.root, parsed.lineCounter, parsed.aliases);
  const value = read(reader);
  const issues = sortIssues(reader.issues);
  const errors = issues.filter((i) => i.severity === 'error');
  return {
    value: errors.length === 0 ? value : null,
    errors,
    warnings: issues.filter((i) => i.severity === 'warning'),
    lineOf: (path) => reader.lineOf(path),
  };
}

interface ParsedYaml {
  root: Node;
  lineCounter: LineCounter;
  aliases: AliasTargets;
}

/** The YAML library's parse, with its syntax errors and the depth and alias-bomb checks; the errors if any. */
function parseWithLibrary(source: string): ParsedYaml | PlanFileIssue[] {
  const fileError = (message: Localised, line: number | null = null): PlanFileIssue[] => [planFileIssue('error', FILE, message, line)];
  const lineCounter = new LineCounter();
  const doc = parseDocument(source, { lineCounter, prettyErrors: false, uniqueKeys: true });
  // The YAML library reports its own stack overflow as a syntax error; say what it means.
  const overflow = doc.errors.find((e) => /call stack/i.test(e.message));
  if (overflow) return fileError(tooDeep, lineCounter.linePos(overflow.pos[0]).line);
  if (doc.errors.length > 0) {
    return doc.errors.map((e) => planFileIssue('error', FILE, M.yamlSyntax(e.message.split('\n')[0]), lineCounter.linePos(e.pos[0]).line));
  }
  if (doc.contents === null) return fileError(M.emptyFile());
  const deep = firstNodeDeeperThan(doc.contents, MAX_NESTING_DEPTH);
  if (deep) return fileError(tooDeep, deep.range ? lineCounter.linePos(deep.range[0]).line : null);

  const aliases = aliasTargets(doc);
  // Without aliases nothing expands; counting would walk the whole tree twice for nothing.
  if (aliases.size > 0) {
    const written = writtenNodeCount(doc);
    if (expandedNodeCount(doc, aliases, written + MAX_ALIAS_EXPANSION + 1) > written + MAX_ALIAS_EXPANSION) {
      return fileError(M.aliasBomb(MAX_ALIAS_EXPANSION));
    }
  }
  return { root: doc.contents, lineCounter, aliases };
}

const tooDeep = M.tooDeep(MAX_NESTING_DEPTH);

function decodeUtf8(bytes: Uint8Array): string | { offset: number; line: number } {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    const offset = firstInvalidUtf8Offset(bytes);
    let line = 1;
    for (let i = 0; i < offset; i++) if (bytes[i] === 0x0a) line++;
    return { offset, line };
  }
}

/** Offset of the first byte at which the bytes stop being valid UTF-8. */
function firstInvalidUtf8Offset(bytes: Uint8Array): number {
  // With stream: true an incomplete trailing sequence is not an error, so "this prefix
  // decodes" is monotonic and a binary search finds the first bad byte.
  const decodes = (end: number) => {
    try {
      new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(0, end), { stream: true });
      return true;
    } catch {
      return false;
    }
  };
  let lo = 0;
  let hi = bytes.length;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (decodes(mid)) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

function mib(n: number): string {
  return (n / 1024 / 1024).toFixed(1).replace(/\.0$/, '');
}
