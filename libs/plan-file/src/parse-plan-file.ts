import { isCollection, isPair, LineCounter, parseDocument, visit } from 'yaml';
import { PlanFile } from '../../domain/src';
import { checkPlanRules } from './check-plan-rules';
import { PlanFileIssue, sortIssues } from './plan-file-issue';
import { readPlanFile } from './read-plan-file';
import { YamlReader } from './yaml-reader';

/** Plan files are written by hand; anything this large is a mistake or an attack. */
export const MAX_PLAN_FILE_BYTES = 20 * 1024 * 1024;
/** Alias expansions allowed before the file is treated as an alias bomb ("billion laughs"). */
export const MAX_ALIAS_COUNT = 100;
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
  const { value, errors, warnings } = parseYamlFile(bytes, { maxBytes: MAX_PLAN_FILE_BYTES, what: 'plan files' }, (reader) => {
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
export function parseYamlFile<T>(bytes: Uint8Array, limit: { maxBytes: number; what: string }, read: (reader: YamlReader) => T): ParsedYamlFile<T> {
  const fail = (message: string, line: number | null = null): ParsedYamlFile<T> => ({
    value: null,
    errors: [{ severity: 'error', path: FILE, message, line }],
    warnings: [],
    lineOf: () => null,
  });
  if (bytes.byteLength > limit.maxBytes) {
    return fail(`file is ${mib(bytes.byteLength)} MiB; ${limit.what} are limited to ${mib(limit.maxBytes)} MiB`);
  }
  const text = decodeUtf8(bytes);
  if (typeof text !== 'string') return fail(`not valid UTF-8 (first bad byte at offset ${text.offset})`, text.line);

  const lineCounter = new LineCounter();
  const doc = parseDocument(text.replace(/^\uFEFF/, ''), { lineCounter, prettyErrors: false, uniqueKeys: true });
  // The YAML library reports its own stack overflow as a syntax error; say what it means.
  const overflow = doc.errors.find((e) => /call stack/i.test(e.message));
  if (overflow) return fail(tooDeep, lineCounter.linePos(overflow.pos[0]).line);
  const yamlErrors = doc.errors.map(
    (e): PlanFileIssue => ({
      severity: 'error',
      path: FILE,
      message: `YAML syntax: ${e.message.split('\n')[0]}`,
      line: lineCounter.linePos(e.pos[0]).line,
    }),
  );
  if (yamlErrors.length > 0) return { value: null, errors: yamlErrors, warnings: [], lineOf: () => null };
  if (doc.contents === null) return fail('the file is empty');
  const deep = firstNodeDeeperThan(doc.contents, MAX_NESTING_DEPTH);
  if (deep) return fail(tooDeep, deep.range ? lineCounter.linePos(deep.range[0]).line : null);

  let aliases = 0;
  visit(doc, { Alias: () => void aliases++ });
  if (aliases > 0) {
    try {
      doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
    } catch {
      return fail(`YAML aliases expand beyond ${MAX_ALIAS_COUNT} nodes; refusing a possible alias bomb`);
    }
  }

  const reader = new YamlReader(doc, lineCounter);
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

const tooDeep = `lists and mappings nest more than ${MAX_NESTING_DEPTH} levels deep`;

/** The first collection nested deeper than `limit` (depth-first, without recursion: any depth is safe to measure). */
function firstNodeDeeperThan(root: unknown, limit: number): { range?: [number, number, number] | null } | null {
  const stack: { node: unknown; depth: number }[] = [{ node: root, depth: 1 }];
  while (stack.length > 0) {
    const { node, depth } = stack.pop()!;
    if (!isCollection(node)) continue;
    if (depth > limit) return node;
    for (const item of node.items) {
      if (isPair(item)) stack.push({ node: item.key, depth: depth + 1 }, { node: item.value, depth: depth + 1 });
      else stack.push({ node: item, depth: depth + 1 });
    }
  }
  return null;
}

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
