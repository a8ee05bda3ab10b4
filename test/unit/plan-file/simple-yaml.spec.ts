import fc from 'fast-check';
import { readdirSync, readFileSync } from 'fs';
import { join } from 'path';
import { firstNodeDeeperThan, parsePlanFile, parseSimpleYaml, serializePlanFile } from '@dx/plan-file';
import { isMap, isPair, isScalar, isSeq, LineCounter, Node, parseDocument } from 'yaml';
import { syntheticPlan } from '@dx/bench/synthetic-plan';
import { FuzzRun } from '../../support/fuzz';

/**
 * The fast path must be invisible: whenever it returns a tree, the YAML library parses the same text without an
 * error into the same tree (kinds, values, sources, the line of every node, keys included). When in doubt it
 * declines, and the library parses.
 */
const run = new FuzzRun();
const ROOT = join(__dirname, '../../..');

/** Differences between two trees, as "path: what" lines (empty when they agree). */
function differences(a: unknown, aLines: LineCounter, b: unknown, bLines: LineCounter, path = '(root)'): string[] {
  const kind = (n: unknown) => (isMap(n) ? 'map' : isSeq(n) ? 'seq' : isScalar(n) ? 'scalar' : `other ${String(n)}`);
  const line = (n: unknown, lines: LineCounter) => ((n as Node).range ? lines.linePos((n as Node).range![0]).line : null);
  if (kind(a) !== kind(b)) return [`${path}: ${kind(a)} vs ${kind(b)}`];
  const out: string[] = [];
  if (line(a, aLines) !== line(b, bLines)) out.push(`${path}: line ${line(a, aLines)} vs ${line(b, bLines)}`);
  if (isScalar(a) && isScalar(b)) {
    const [x, y] = [a as { value: unknown; source?: string }, b as { value: unknown; source?: string }];
    if (!Object.is(x.value, y.value) || x.source !== y.source)
      out.push(`${path}: ${JSON.stringify([x.value, x.source])} vs ${JSON.stringify([y.value, y.source])}`);
    return out;
  }
  const [xs, ys] = [(a as { items: unknown[] }).items, (b as { items: unknown[] }).items];
  if (xs.length !== ys.length) return [...out, `${path}: ${xs.length} vs ${ys.length} items`];
  xs.forEach((x, i) => {
    const y = ys[i];
    if (isPair(x) && isPair(y)) {
      out.push(...differences(x.key, aLines, y.key, bLines, `${path}.<key ${i}>`));
      out.push(...differences(x.value, aLines, y.value, bLines, `${path}.${String((x.key as { value: unknown }).value)}`));
    } else out.push(...differences(x, aLines, y, bLines, `${path}[${i}]`));
  });
  return out;
}

/** Checks the fast path against the library on `text`; true when the fast path took it. */
function agreesWithLibrary(text: string, maxDepth = 64): boolean {
  const fast = parseSimpleYaml(text, maxDepth);
  if (fast === null) return false;
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  expect({ text, errors: doc.errors.map((e) => e.message) }).toEqual({ text, errors: [] });
  expect({ text, differences: differences(fast.root, fast.lineCounter, doc.contents, lineCounter) }).toEqual({ text, differences: [] });
  expect({ text, tooDeep: firstNodeDeeperThan(doc.contents, maxDepth) !== null }).toEqual({ text, tooDeep: false });
  return true;
}

describe('parseSimpleYaml', () => {
  it('takes the real plan files and builds what the library builds', () => {
    const files = [
      join(ROOT, 'data/plans/quang-ninh.yaml'),
      ...readdirSync(join(ROOT, 'test/fixtures/plans/valid')).map((f) => join(ROOT, 'test/fixtures/plans/valid', f)),
    ];
    for (const file of files) expect({ file, taken: agreesWithLibrary(readFileSync(file, 'utf8')) }).toEqual({ file, taken: true });
    expect(agreesWithLibrary(syntheticPlan(200_000).toString('utf8'))).toBe(true);
  });

  it('takes what cli export writes, and the import gives the same plan either way', () => {
    const text = readFileSync(join(ROOT, 'data/plans/quang-ninh.yaml'));
    const plan = parsePlanFile(text).plan!;
    const exported = serializePlanFile(plan);
    expect(agreesWithLibrary(exported)).toBe(true);
    expect(parsePlanFile(Buffer.from(exported)).plan).toEqual(plan);
  });

  it('agrees on each invalid plan fixture it takes (the errors and their lines come from the same tree)', () => {
    const dir = join(ROOT, 'test/fixtures/plans/invalid');
    const taken = readdirSync(dir).filter((f) => agreesWithLibrary(readFileSync(join(dir, f), 'utf8')));
    // Most of them are valid YAML with wrong content; those must not go the slow way.
    expect(taken.length).toBeGreaterThan(readdirSync(dir).length / 2);
  });

  it.each([
    ['an anchor and an alias', 'a: &x 1\nb: *x\n'],
    ['a tag', 'a: !!str 1\n'],
    ['a block scalar', 'a: |\n  text\n'],
    ['a multi-line plain scalar', 'a: one\n  two\n'],
    ['a multi-line flow list', 'a: [1,\n  2]\n'],
    ['an escape', 'a: "x\\ty"\n'],
    ['a duplicate key', 'a: 1\na: 2\n'],
    ['a tab', 'a:\t1\n'],
    ['a directive', '%YAML 1.1\n---\na: yes\n'],
    ['a second document', 'a: 1\n---\nb: 2\n'],
    ['a second key on one line', 'a: b: c\n'],
    ['odd indentation', 'a:\n    b: 1\n  c: 2\n'],
    ['a scalar document', 'just text\n'],
    ['only comments', '# nothing\n'],
    ['a nested flow collection', 'a: [1, [2]]\n'],
    ['a value on the line after its key', 'a:\n  text\n'],
    ['a quoted string left open', 'a: "open\n'],
  ])('declines %s', (_what, text) => {
    expect(parseSimpleYaml(text, 64)).toBeNull();
  });

  it('declines nesting deeper than the limit, which the library path then reports', () => {
    const nested = (depth: number) => Array.from({ length: depth }, (_, i) => `${'  '.repeat(i)}k${i}:`).join('\n') + ' 1\n';
    expect(agreesWithLibrary(nested(4), 4)).toBe(true);
    expect(parseSimpleYaml(nested(5), 4)).toBeNull();
    expect(parseSimpleYaml('a: [1]\n', 1)).toBeNull();
  });

  it('resolves plain scalars as the core schema does and keeps their source', () => {
    const text =
      'a: [1, -5, +3, 0x1F, 0o17, 017, 1e3, .5, 5., .inf, -.Inf, .nan, 1_000, true, True, yes, ~, null, Null, 2023-02-20, 36.30]\n';
    expect(agreesWithLibrary(text)).toBe(true);
    const items = (parseSimpleYaml(text, 64)!.root as unknown as { items: { value: { items: { value: unknown; source: string }[] } }[] })
      .items[0].value.items;
    expect(items.map((s) => s.value)).toEqual([
      1,
      -5,
      3,
      31,
      15,
      17,
      1000,
      0.5,
      5,
      Infinity,
      -Infinity,
      NaN,
      '1_000',
      true,
      true,
      'yes',
      null,
      null,
      null,
      '2023-02-20',
      36.3,
    ]);
    expect(items[20].source).toBe('36.30');
  });

  it("reads CRLF line ends, comments, quoted keys and lists at their key's indentation", () => {
    expect(agreesWithLibrary('a:\r\n- x # note\r\n- "y" # note\r\n\'k: 1\': [a, b]   \r\nb: { c: "d", e: 2 } # x\r\n')).toBe(true);
    expect(agreesWithLibrary('  - a: 1\n    b:\n    - 2\n    -\n  - \n  - c: # none\n')).toBe(true);
  });

  it('is invisible on generated and mangled documents', async () => {
    let taken = 0;
    let cases = 0;
    await run.check(
      fc.property(documentArb, fc.array(mutationArb, { maxLength: 3 }), fc.boolean(), (doc, mutations, crlf) => {
        let lines = doc;
        for (const mutate of mutations) lines = mutate(lines);
        const took = agreesWithLibrary(lines.join(crlf ? '\r\n' : '\n') + '\n', 6);
        if (mutations.length === 0) [cases, taken] = [cases + 1, taken + (took ? 1 : 0)];
      }),
      4000,
    );
    // A fast path that declined everything would pass the check above; it must take many undamaged documents.
    expect(taken).toBeGreaterThan(cases / 4);
    console.log(run.summary(`simple YAML vs library (${taken} of ${cases} undamaged documents taken by the fast path)`));
  });
});

/** Keys and scalars as plan files write them, and odd ones (indicators, escapes, broken quotes) now and then. */
const COMMON_KEYS = ['code', 'name', 'a b', '2023', 'true', '~', 'x.y', '"q: k"', "'it''s'", 'k ', 'tên đơn vị', '-x', 'a:b', 'a#b'];
const ODD_KEYS = ['null', '"\\t"', '?x', '&a', '!t', '[k]', '{k: v}', ':', '"a" b', "'open"];
const COMMON_SCALARS = [
  '1',
  '-5',
  '+3',
  '0x1F',
  '0o17',
  '017',
  '1e3',
  '-1.5E-3',
  '.5',
  '5.',
  '.inf',
  '-.inf',
  '.NaN',
  '1_000',
  'true',
  'False',
  'yes',
  '~',
  'null',
  'NULL',
  '',
  '2023-02-20',
  '36.30',
  'Quảng Ninh',
  '749/QĐ-TTg',
  'http://x.vn/a',
  'a#b',
  'a # comment',
  'a:b',
  '--',
  '"x"',
  '""',
  '"a #b"',
  "'a''b'",
  "''",
  '[a, b]',
  '[]',
  '{}',
  '{ op: ">=", value: 80 }',
  '{a: 1}',
  '{"a": 1}',
  '[a] # c',
  '[-1, +2]',
  'a  ',
  'é\u0301',
  '\u00a0x',
];
const ODD_SCALARS = [
  'a #: b',
  'a: b',
  'x:',
  '-',
  '- y',
  '---',
  '...',
  '"a\\"b"',
  "'a' b",
  '"a"#c',
  '"open',
  '{a:1}',
  '[a, [b]]',
  '[a: b]',
  '[a, ]',
  '[a,,b]',
  '{ a: }',
  '{a, b}',
  '[a]#c',
  '[a]x',
  '|',
  '>-',
  '&anc v',
  '*anc',
  '!!str 1',
  '%x',
  '@x',
  '`x',
  '?',
  '? x',
  ':x',
  ',x',
  'x,',
  ']',
  '}',
  '  a',
];
const keyArb = fc.oneof({ arbitrary: fc.constantFrom(...COMMON_KEYS), weight: 30 }, { arbitrary: fc.constantFrom(...ODD_KEYS), weight: 1 });
const scalarArb = fc.oneof(
  { arbitrary: fc.constantFrom(...COMMON_SCALARS), weight: 30 },
  { arbitrary: fc.constantFrom(...ODD_SCALARS), weight: 1 },
);

/** A mapping's entries; the keys are distinct (a duplicate is an error the library reports, so the fast path declines it). */
function entriesArb(value: fc.Arbitrary<Tree>, maxLength: number): fc.Arbitrary<[string, Tree][]> {
  return fc.uniqueArray(fc.tuple(keyArb, value), { minLength: 1, maxLength, selector: ([key]) => key.trim().replace(/^(~|null)$/, '~') });
}

type Tree = string | { seq: Tree[] } | { map: [string, Tree][] };

const treeArb: fc.Arbitrary<Tree> = fc.letrec<{ tree: Tree }>((tie) => ({
  tree: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    scalarArb,
    fc.record({ seq: fc.array(tie('tree'), { minLength: 1, maxLength: 4 }) }),
    fc.record({ map: entriesArb(tie('tree'), 4) }),
  ),
})).tree;

/** Renders a tree as block YAML with a random indentation step, lists sometimes at their key's indentation. */
const documentArb: fc.Arbitrary<string[]> = fc
  .tuple(fc.array(fc.tuple(keyArb, treeArb), { minLength: 1, maxLength: 5 }), fc.integer({ min: 1, max: 4 }), fc.boolean())
  .map(([entries, step, sameIndentLists]) => {
    const block = (node: Exclude<Tree, string>, indent: number): string[] => {
      const pad = ' '.repeat(indent);
      if ('seq' in node) {
        return node.seq.flatMap((item) => {
          if (typeof item === 'string') return [`${pad}- ${item}`];
          const inner = block(item, indent + 2); // "- key: value" and "- - item" (compact)
          return [`${pad}- ${inner[0].slice(indent + 2)}`, ...inner.slice(1)];
        });
      }
      return node.map.flatMap(([key, value]) => {
        if (typeof value === 'string') return [`${pad}${key}: ${value}`];
        const nested = 'seq' in value && sameIndentLists ? indent : indent + step;
        return [`${pad}${key}:`, ...block(value, nested)];
      });
    };
    return block({ map: entries }, 0);
  });

type Mutation = (lines: string[]) => string[];

/** Line-level damage of the kinds hand-edited files have. */
const mutationArb: fc.Arbitrary<Mutation> = fc.oneof(
  fc.tuple(fc.nat(), fc.integer({ min: -3, max: 3 })).map(
    ([i, by]): Mutation =>
      (lines) =>
        lines.map((l, j) =>
          j === i % lines.length ? (by > 0 ? ' '.repeat(by) + l : l.slice(Math.min(-by, l.length - l.trimStart().length))) : l,
        ),
  ),
  fc.nat().map(
    (i): Mutation =>
      (lines) =>
        lines.filter((_, j) => j !== i % lines.length),
  ),
  fc.nat().map(
    (i): Mutation =>
      (lines) =>
        lines.flatMap((l, j) => (j === i % lines.length ? [l, l] : [l])),
  ),
  fc
    .tuple(fc.nat(), fc.constantFrom('# comment', '', '   ', '  # indented comment', '\t', 'x: 1', '- y', '...', '---'))
    .map(([i, extra]): Mutation => (lines) => [...lines.slice(0, i % (lines.length + 1)), extra, ...lines.slice(i % (lines.length + 1))]),
  fc.tuple(fc.nat(), fc.nat(), fc.constantFrom(' ', ':', '#', '"', "'", '[', '{', ',', '-', '&', '\t', ' #c')).map(
    ([i, at, ch]): Mutation =>
      (lines) =>
        lines.map((l, j) => (j === i % lines.length ? l.slice(0, at % (l.length + 1)) + ch + l.slice(at % (l.length + 1)) : l)),
  ),
);
