import Decimal from 'decimal.js';
import fc from 'fast-check';
import { readFileSync } from 'fs';
import { join } from 'path';
import { MAX_ALIAS_EXPANSION, MAX_NESTING_DEPTH, MAX_PLAN_FILE_BYTES, ParsedPlanFile, parsePlanFile } from '@dx/plan-file';
import { FuzzRun } from '../../support/fuzz';

/**
 * Hostile plan files (issue 10 §2): whatever the bytes, parsePlanFile returns issues and never
 * throws; what it accepts can be stored (no NUL, only Unicode, numbers PostgreSQL and the API take).
 */
const run = new FuzzRun();
const fixture = readFileSync(join(__dirname, '../../../test/fixtures/plans/valid/da-nang-sample.yaml'));
const UNPAIRED = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const DECIMAL_TEXT = /^[-+]?(\d+(\.\d*)?|\.\d+)([eE][-+]?\d+)?$/;

function parse(bytes: Uint8Array): ParsedPlanFile {
  try {
    return parsePlanFile(bytes);
  } catch (error) {
    // Fails with the exception's message (a passing case costs no matcher call: thousands of cases run).
    expect(() => {
      throw error;
    }).not.toThrow();
    throw error;
  }
}

/**
 * What holds for any input: issues, never an exception; a plan exactly when there is no error; lines inside the file.
 * The problems are collected and compared once, so a failing case lists all of them.
 */
function expectWellFormed(result: ParsedPlanFile, bytes: Uint8Array): void {
  const problems: string[] = [];
  if ((result.plan === null) !== result.errors.length > 0)
    problems.push(`a plan ${result.plan ? 'with' : 'without'} errors: ${result.errors.length}`);
  const lines = bytes.reduce((n, b) => n + (b === 0x0a ? 1 : 0), 1);
  for (const issue of [...result.errors, ...result.warnings]) {
    if (!issue.path.length || !issue.message.length || !issue.vi.length)
      problems.push(`an empty path or message: ${JSON.stringify(issue)}`);
    if (issue.line !== null && !(issue.line >= 1 && issue.line <= lines))
      problems.push(`line ${issue.line} outside 1..${lines}: ${JSON.stringify(issue)}`);
  }
  // Warnings are stored with the import run (jsonb): no NUL.
  if (JSON.stringify(result.warnings).includes('\\u0000')) problems.push('a NUL in a warning');
  if (result.plan) unstorable(result.plan, 'plan', problems);
  expect(problems).toEqual([]);
}

/** Every text of an accepted plan fits a PostgreSQL text column (no NUL, no unpaired surrogate). */
function unstorable(value: unknown, path: string, problems: string[]): void {
  if (typeof value === 'string') {
    if (value.includes('\u0000') || UNPAIRED.test(value)) problems.push(`${path}: not storable: ${JSON.stringify(value)}`);
  } else if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) unstorable(v, `${path}.${k}`, problems);
  }
}

const planText = (p: {
  name: string;
  goalTitle: string;
  taskTitle: string;
  agency: string;
  target: string;
  value: string;
  note: string;
}) => `schema: dx-tracker/plan@1
province:
  code: QNI
  name: ${p.name}
agencies:
  - code: STTTT
    name: ${p.agency}
    kind: department
indicators:
  - code: chi-so
    name: Chỉ số
    unit: điểm
    kind: score
    direction: up
documents:
  - code: 1/KH-UBND
    type: plan
    issuer: UBND tỉnh
    issued: 2023-01-10
    title: Kế hoạch
    goal_groups:
      - code: MT1
        name: Nhóm mục tiêu
        goals:
          - code: MT1.1
            title: ${p.goalTitle}
            indicator: chi-so
            target:
              op: ">="
              value: ${p.target}
            due: 2023-12-31
    task_groups:
      - code: NV1
        name: Nhóm nhiệm vụ
        tasks:
          - code: NV1.1
            title: ${p.taskTitle}
            lead: STTTT
            status: in_progress
observations:
  - indicator: chi-so
    org: QNI
    period: 2023
    value: ${p.value}
    note: ${p.note}
`;
const plain = {
  name: 'Quảng Ninh',
  goalTitle: 'Mục tiêu',
  taskTitle: 'Nhiệm vụ',
  agency: 'Sở TT&TT',
  target: '80',
  value: '81',
  note: 'ghi chú',
};

const digits = (minLength: number, maxLength: number) => fc.string({ unit: fc.constantFrom(...'0123456789'), minLength, maxLength });
/** Numbers as a person or an attacker might write them: huge and tiny exponents, NaN and infinities, other bases, junk. */
const numberText = fc.oneof(
  fc.integer().map(String),
  fc.double().map(String),
  fc
    .tuple(
      fc.constantFrom('', '-', '+'),
      digits(1, 24),
      fc.option(digits(0, 18)),
      fc.option(fc.integer({ min: -2_000_000_000, max: 2_000_000_000 })),
    )
    .map(([sign, int, frac, exp]) => `${sign}${int}${frac === null ? '' : `.${frac}`}${exp === null ? '' : `e${exp}`}`),
  fc.constantFrom(
    '.nan',
    '.NaN',
    '.inf',
    '-.inf',
    '+.Inf',
    'NaN',
    'Infinity',
    '-Infinity',
    '0x1F',
    '0o17',
    '0b101',
    '1_000',
    '1e',
    '--1',
    '1e999999999',
    '-1e-999999999',
    '1e18',
    '-999999999999999999',
    '0.000000000001',
    '0.0000000000001',
    '-0',
    '+.5',
    '.5',
    '5.',
    '1,5',
    '1.5.5',
    '١٢٣',
    '"81"',
    '[81]',
    '{a: 1}',
    'null',
    '~',
    'true',
  ),
);

/** Text a user or attacker might put in a title: formulas, SQL, paths, control characters and escapes, other scripts, very long. */
const hostileText = fc.oneof(
  fc.string({ maxLength: 40 }),
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.string({ unit: fc.integer({ min: 0, max: 0xffff }).map((c) => String.fromCharCode(c)), maxLength: 20 }),
  fc.constantFrom(
    '=HYPERLINK("http://x","y")',
    '@SUM(A1)',
    '+1+1',
    '-1+1',
    '\t=1',
    '\r=1',
    "'; DROP TABLE goal; --",
    '../../etc/passwd',
    '%s%n%x',
    '${jndi:ldap://x}',
    '\u0000',
    'a\u0000b',
    '\ud800',
    'x\udc00',
    '😀',
    '\u202eevil',
    'Tập huấn'.normalize('NFD'),
    'x'.repeat(10_000),
    '<script>alert(1)</script>',
  ),
);
/** A string as a YAML double-quoted scalar: JSON's escapes (\\u0000, lone \\ud800) are YAML's too. */
const quoted = hostileText.map((s) => JSON.stringify(s));

describe('parsePlanFile on hostile input (property-based, seeded)', () => {
  it('any bytes: issues, never an exception', async () => {
    await run.check(
      fc.property(fc.uint8Array({ maxLength: 2048 }), (bytes) => expectWellFormed(parse(bytes), bytes)),
      400,
    );
  });

  it('a valid file with malformed UTF-8 bytes spliced in: one error naming the line of the first bad byte', async () => {
    const badSequences = [
      [0xff],
      [0xfe],
      [0x80],
      [0xc0, 0x80],
      [0xe2, 0x82],
      [0xed, 0xa0, 0x80],
      [0xf4, 0x90, 0x80, 0x80],
      [0xf8, 0x88, 0x80, 0x80, 0x80],
    ];
    await run.check(
      fc.property(fc.integer({ min: 0, max: fixture.length }), fc.constantFrom(...badSequences), (at, bad) => {
        const bytes = Buffer.concat([fixture.subarray(0, at), Buffer.from(bad), fixture.subarray(at)]);
        const result = parse(bytes);
        expectWellFormed(result, bytes);
        // Splitting a multi-byte letter moves the first bad byte back to that letter's start; it is never later.
        const line = fixture.subarray(0, at).reduce((n, b) => n + (b === 0x0a ? 1 : 0), 1);
        expect(result.errors).toEqual([
          {
            severity: 'error',
            path: '(file)',
            message: expect.stringMatching(/^not valid UTF-8/),
            vi: expect.stringMatching(/^không phải văn bản UTF-8 hợp lệ/),
            line,
          },
        ]);
      }),
      600,
    );
  });

  it('byte-level mutations of a valid file (flips, cuts, repeats): issues, never an exception', async () => {
    const mutation = fc.oneof(
      fc.record({ kind: fc.constant('flip' as const), at: fc.nat(), byte: fc.integer({ min: 0, max: 255 }) }),
      fc.record({ kind: fc.constant('cut' as const), at: fc.nat(), length: fc.integer({ min: 1, max: 400 }) }),
      fc.record({
        kind: fc.constant('repeat' as const),
        at: fc.nat(),
        length: fc.integer({ min: 1, max: 400 }),
        times: fc.integer({ min: 2, max: 50 }),
      }),
    );
    await run.check(
      fc.property(fc.array(mutation, { minLength: 1, maxLength: 5 }), (mutations) => {
        let bytes = Buffer.from(fixture);
        for (const m of mutations) {
          const at = m.at % (bytes.length + 1);
          if (m.kind === 'flip' && bytes.length) bytes[at % bytes.length] = m.byte;
          if (m.kind === 'cut') bytes = Buffer.concat([bytes.subarray(0, at), bytes.subarray(at + m.length)]);
          if (m.kind === 'repeat')
            bytes = Buffer.concat([bytes.subarray(0, at), ...Array(m.times).fill(bytes.subarray(at, at + m.length)), bytes.subarray(at)]);
        }
        expectWellFormed(parse(bytes), bytes);
      }),
      400,
    );
  });

  it('numbers: exactly those with at most 18 digits before the point, 12 after and 15 significant are accepted, unchanged in value', async () => {
    await run.check(
      fc.property(numberText, fc.constantFrom('value', 'target'), (text, where) => {
        const bytes = Buffer.from(planText({ ...plain, [where]: text }));
        const result = parse(bytes);
        expectWellFormed(result, bytes);
        const path = where === 'value' ? 'observations[0].value' : 'documents[0].goal_groups[0].goals[0].target.value';
        expect(result.errors.filter((e) => e.path !== path)).toEqual([]);
        const d = DECIMAL_TEXT.test(text) ? new Decimal(text) : null;
        const fits = d !== null && d.isFinite() && (d.isZero() || (d.abs().lt('1e18') && d.decimalPlaces() <= 12 && d.precision() <= 15));
        expect(result.errors.length === 0).toBe(fits);
        if (fits) {
          const stored =
            where === 'value' ? result.plan!.observations[0].value! : result.plan!.documents[0].goalGroups[0].goals[0].target!.value;
          expect(new Decimal(stored).eq(d!)).toBe(true);
          expect(stored).toMatch(/^-?\d{1,18}(\.\d{1,12})?$/);
        }
      }),
      800,
    );
  });

  it('hostile text in names, titles and notes: refused at its path, or kept as written (NFC, trimmed)', async () => {
    const paths = {
      name: 'province.name',
      goalTitle: 'documents[0].goal_groups[0].goals[0].title',
      taskTitle: 'documents[0].task_groups[0].tasks[0].title',
      agency: 'agencies[0].name',
      note: 'observations[0].note',
    };
    await run.check(
      fc.property(fc.constantFrom('name', 'goalTitle', 'taskTitle', 'agency', 'note'), hostileText, (field, text) => {
        const bytes = Buffer.from(planText({ ...plain, [field]: JSON.stringify(text) }));
        const result = parse(bytes);
        expectWellFormed(result, bytes);
        const kept = text.normalize('NFC').trim();
        // YAML itself may refuse some control characters (a syntax error); nothing else may be refused.
        for (const e of result.errors) expect(e.path === paths[field] || /^YAML syntax/.test(e.message)).toBe(true);
        if (kept === '' || kept.includes('\u0000') || UNPAIRED.test(kept)) expect(result.errors.map((e) => e.path)).toContain(paths[field]);
        if (result.errors.length === 0) {
          const plan = result.plan!;
          const read = {
            name: plan.province.name,
            goalTitle: plan.documents[0].goalGroups[0].goals[0].title,
            taskTitle: plan.documents[0].taskGroups[0].tasks[0].title,
            agency: plan.agencies[0].name,
            note: plan.observations[0].note,
          };
          expect(read[field]).toBe(kept);
        }
      }),
      500,
    );
  });

  it('any quoted text anywhere in a template line: issues, never an exception', async () => {
    const lines = planText(plain).split('\n');
    await run.check(
      fc.property(fc.nat({ max: lines.length - 1 }), quoted, (i, text) => {
        const bytes = Buffer.from([...lines.slice(0, i), `${lines[i]} ${text}`, ...lines.slice(i + 1)].join('\n'));
        expectWellFormed(parse(bytes), bytes);
      }),
      300,
    );
  });

  it('nesting of any depth and style: refused beyond MAX_NESTING_DEPTH with one error, never a stack overflow', async () => {
    const depth = fc.oneof(
      { weight: 6, arbitrary: fc.integer({ min: 1, max: 120 }) },
      { weight: 3, arbitrary: fc.integer({ min: 121, max: 3000 }) },
      { weight: 1, arbitrary: fc.constantFrom(10_000, 30_000) },
    );
    const nest = (style: string, d: number) => {
      if (style === 'flow-seq') return `${'['.repeat(d)}${']'.repeat(d)}`;
      if (style === 'flow-map') return `${'{a: '.repeat(d)}1${'}'.repeat(d)}`;
      if (style === 'mixed') return `${'[{a: '.repeat(Math.ceil(d / 2))}1${'}]'.repeat(Math.ceil(d / 2))}`;
      return `\n${Array.from({ length: Math.min(d, 1500) }, (_, i) => `${' '.repeat(i + 2)}-`).join('\n')}`;
    };
    await run.check(
      fc.property(
        fc.constantFrom('flow-seq', 'flow-map', 'mixed', 'block-seq'),
        depth,
        fc.constantFrom('agencies', 'extra'),
        (style, d, key) => {
          const bytes = Buffer.from(`schema: dx-tracker/plan@1\nprovince: {code: QNI, name: Q}\n${key}: ${nest(style, d)}\n`);
          const result = parse(bytes);
          expectWellFormed(result, bytes);
          const levels = style === 'block-seq' ? Math.min(d, 1500) + 1 : style === 'mixed' ? 2 * Math.ceil(d / 2) + 1 : d + 1;
          const tooDeep = result.errors.some((e) => /nest more than/.test(e.message));
          expect(tooDeep).toBe(levels > MAX_NESTING_DEPTH);
          if (tooDeep) expect(result.errors).toHaveLength(1);
        },
      ),
      300,
    );
  });

  it('aliases: refused exactly when they add more than MAX_ALIAS_EXPANSION nodes or name their own ancestor', async () => {
    const shape = fc.oneof(
      // Billion laughs: each level a list of `width` aliases to the level before.
      fc.record({ kind: fc.constant('laughs' as const), width: fc.integer({ min: 1, max: 12 }), levels: fc.integer({ min: 1, max: 12 }) }),
      // One anchored value reused by many observations, as a person writing a file might.
      fc.record({ kind: fc.constant('reuse' as const), uses: fc.integer({ min: 1, max: 120 }) }),
      fc.record({ kind: fc.constant('self' as const), depth: fc.integer({ min: 0, max: 5 }) }),
    );
    await run.check(
      fc.property(shape, (s) => {
        const head = 'schema: dx-tracker/plan@1\nprovince: {code: QNI, name: Q}\n';
        let body: string;
        let added: number;
        if (s.kind === 'laughs') {
          const lines = ['a0: &a0 ["x"]'];
          for (let i = 1; i <= s.levels; i++)
            lines.push(
              `a${i}: &a${i} [${Array(s.width)
                .fill(`*a${i - 1}`)
                .join(', ')}]`,
            );
          body = lines.join('\n');
          const size = [2];
          for (let i = 1; i <= s.levels; i++) size.push(1 + s.width * size[i - 1]);
          added = size.slice(0, -1).reduce((sum, n) => sum + s.width * n, 0);
        } else if (s.kind === 'reuse') {
          const month = (i: number) => `${2000 + Math.floor(i / 12)}-${String((i % 12) + 1).padStart(2, '0')}`;
          const rows = Array.from(
            { length: s.uses },
            (_, i) => `  - {indicator: c, org: QNI, period: ${month(i)}, value: ${i}, source: ${i === 0 ? '&src Cổng DVC' : '*src'}}`,
          );
          body = `indicators:\n  - {code: c, name: C, unit: điểm, kind: score, direction: up}\nobservations:\n${rows.join('\n')}`;
          added = s.uses - 1;
        } else {
          body = `agencies: &loop ${'['.repeat(s.depth + 1)}*loop${']'.repeat(s.depth + 1)}`;
          added = Infinity;
        }
        const bytes = Buffer.from(`${head}${body}\n`);
        const result = parse(bytes);
        expectWellFormed(result, bytes);
        const bomb = result.errors.some((e) => /alias bomb/.test(e.message));
        // Alias nodes themselves are counted once as written: the band around the limit is left out.
        if (added > MAX_ALIAS_EXPANSION + 200)
          expect(result.errors).toEqual([expect.objectContaining({ path: '(file)', message: expect.stringMatching(/alias bomb/) })]);
        if (added < MAX_ALIAS_EXPANSION - 200) expect(bomb).toBe(false);
        if (s.kind === 'reuse') expect(result.plan?.observations.map((o) => o.source)).toEqual(Array(s.uses).fill('Cổng DVC'));
      }),
      300,
    );
  });

  it('sizes around the limit: over MAX_PLAN_FILE_BYTES is refused before anything is parsed', async () => {
    await run.check(
      fc.property(fc.integer({ min: -1, max: 4096 }), fc.integer({ min: 0, max: 255 }), (offset, fill) => {
        // Within the limit only bytes that fail at once (a 20 MiB YAML parse takes seconds).
        const bytes = Buffer.alloc(MAX_PLAN_FILE_BYTES + offset, offset > 0 ? fill : 0xff);
        const result = parse(bytes);
        expect(result.errors).toHaveLength(1);
        expect(/limited to 20 MiB/.test(result.errors[0].message)).toBe(offset > 0);
      }),
      20,
    );
  });

  it(`ran at least 3,000 generated cases`, () => {
    process.stdout.write(`${run.summary('plan-file parser fuzz')}\n`);
    expect(run.cases).toBeGreaterThanOrEqual(3_000);
  });
});
