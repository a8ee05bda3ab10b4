import { readdirSync, readFileSync } from 'fs';
import { join } from 'path';
import { planFileWhat } from '@dx/domain';
import { formatIssue, formatIssueIn } from './plan-file-issue';
import { MAX_NESTING_DEPTH, MAX_PLAN_FILE_BYTES, parsePlanFile, parseYamlFile } from './parse-plan-file';
import { serializePlanFile } from './serialize-plan-file';

const fixtures = join(__dirname, '../../../test/fixtures/plans');
const parse = (text: string) => parsePlanFile(Buffer.from(text, 'utf8'));

interface Case {
  file: string;
  why: string;
  errors: { path: string; line: number }[];
}
const cases: Case[] = JSON.parse(readFileSync(join(fixtures, 'invalid/cases.json'), 'utf8'));

describe('parsePlanFile on the malformed corpus', () => {
  it('has a case for every invalid fixture and at least 20 of them', () => {
    const files = readdirSync(join(fixtures, 'invalid')).filter((f) => f.endsWith('.yaml'));
    expect(cases.map((c) => c.file).sort()).toEqual(files.sort());
    expect(cases.length).toBeGreaterThanOrEqual(20);
  });

  it.each(cases.map((c) => [c.file, c] as const))('%s: reports exactly the expected errors', (_file, c) => {
    const result = parsePlanFile(readFileSync(join(fixtures, 'invalid', c.file)));
    const actual = result.errors.map((e) => ({ path: e.path, line: e.line }));
    expect(actual).toEqual(expect.arrayContaining(c.errors));
    expect(actual).toHaveLength(c.errors.length);
    expect(result.plan).toBeNull();
  });
});

describe('parsePlanFile on valid files', () => {
  it.each(['minimal.yaml', 'da-nang-sample.yaml'])('%s parses with no errors and round-trips', (file) => {
    const first = parsePlanFile(readFileSync(join(fixtures, 'valid', file)));
    expect(first.errors.map(formatIssue)).toEqual([]);
    const again = parse(serializePlanFile(first.plan!));
    expect(again.errors).toEqual([]);
    expect(again.plan).toEqual(first.plan);
  });

  it('warns when a group has fewer items than it declares', () => {
    const result = parsePlanFile(readFileSync(join(fixtures, 'valid', 'da-nang-sample.yaml')));
    expect(result.warnings.map((w) => w.path)).toContain('documents[0].goal_groups[1].declared_count');
  });
});

const base = `schema: dx-tracker/plan@1
province:
  code: QNI
  name: Quảng Ninh
`;

describe('parsePlanFile, file-level refusals', () => {
  it('refuses bytes that are not UTF-8, naming the line', () => {
    const bytes = Buffer.concat([Buffer.from(base + 'agencies:\n  - code: A\n    name: S'), Buffer.from([0xff, 0xfe]), Buffer.from('\n')]);
    const result = parsePlanFile(bytes);
    expect(result.errors).toHaveLength(1);
    expect(result.errors[0]).toMatchObject({ path: '(file)', line: 7 });
    expect(result.errors[0].message).toMatch(/UTF-8/);
  });

  it('refuses a file over the size limit with a clear message', () => {
    const result = parsePlanFile(Buffer.alloc(MAX_PLAN_FILE_BYTES + 1, 0x20));
    expect(result.errors[0].message).toMatch(/limited to 20 MiB/);
  });

  it('refuses an alias bomb', () => {
    const levels = ['a: &a ["x","x","x","x","x","x","x","x","x"]'];
    for (let i = 1; i < 9; i++) {
      const prev = String.fromCharCode(96 + i);
      const name = String.fromCharCode(97 + i);
      levels.push(`${name}: &${name} [${Array(9).fill(`*${prev}`).join(',')}]`);
    }
    const result = parse(`${base}${levels.join('\n')}\n`);
    expect(result.errors).toHaveLength(1);
    expect(result.errors[0].message).toMatch(/alias bomb/);
  });

  it('reads an anchor reused thousands of times (only what aliases add counts), and refuses an alias to its own ancestor', () => {
    const rows = Array.from(
      { length: 2_000 },
      (_, i) =>
        `  - {indicator: c, org: QNI, period: ${2000 + Math.floor(i / 12)}-${String((i % 12) + 1).padStart(2, '0')}, value: 1, source: ${i ? '*src' : '&src Cổng DVC'}}`,
    );
    const reused = parse(
      `${base}indicators:\n  - {code: c, name: C, unit: điểm, kind: score, direction: up}\nobservations:\n${rows.join('\n')}\n`,
    );
    expect(reused.errors).toEqual([]);
    expect(new Set(reused.plan!.observations.map((o) => o.source))).toEqual(new Set(['Cổng DVC']));
    expect(parse(`${base}agencies: &a [[*a]]\n`).errors[0].message).toMatch(/refer to themselves/);
  });

  it('reports YAML syntax errors with their line', () => {
    const result = parse(`${base}agencies:\n  - code: [unclosed\n`);
    expect(result.errors[0].path).toBe('(file)');
    expect(result.errors[0].message).toMatch(/YAML syntax/);
    expect(result.errors[0].line).toBeGreaterThanOrEqual(6);
  });

  it('rejects duplicate keys in a mapping', () => {
    const result = parse(`${base}  name: Again\n`);
    expect(result.errors[0].message).toMatch(/unique/i);
  });

  it('reports an empty file', () => {
    expect(parse('').errors[0].message).toMatch(/empty/);
  });

  it.each([MAX_NESTING_DEPTH + 1, 2_000, 50_000])('refuses lists nested %i deep with one error, without exhausting the stack', (depth) => {
    const result = parse(`${base}agencies: ${'['.repeat(depth)}${']'.repeat(depth)}\n`);
    expect(result.errors).toEqual([
      {
        severity: 'error',
        path: '(file)',
        message: `lists and mappings nest more than ${MAX_NESTING_DEPTH} levels deep`,
        vi: `danh sách và bảng lồng nhau quá ${MAX_NESTING_DEPTH} cấp`,
        line: 5,
      },
    ]);
  });
});

const withObservation = (lines: string) => `${base}indicators:
  - code: dti
    name: DTI
    unit: điểm
    kind: score
    direction: up
observations:
  - indicator: dti
    org: QNI
    period: 2022
${lines}`;

describe('parsePlanFile, values no column can hold', () => {
  it.each([
    ['1e200000', 'has more than 18 digits before the decimal point', 'có hơn 18 chữ số trước dấu thập phân'],
    ['-1e18', 'has more than 18 digits before the decimal point', 'có hơn 18 chữ số trước dấu thập phân'],
    ['1e-13', 'has more than 12 digits after the decimal point', 'có hơn 12 chữ số sau dấu thập phân'],
    ['.nan', '".nan" is not a finite decimal number', '".nan" không phải là một số thập phân hữu hạn'],
    ['-.inf', '"-.inf" is not a finite decimal number', '"-.inf" không phải là một số thập phân hữu hạn'],
  ])('refuses value %s', (value, message, vi) => {
    expect(parse(withObservation(`    value: ${value}\n`)).errors).toEqual([
      { severity: 'error', path: 'observations[0].value', message, vi, line: 15 },
    ]);
  });

  it('refuses a billion-digit exponent at once', () => {
    const start = Date.now();
    expect(parse(withObservation('    value: 1e999999999\n')).errors[0].message).toMatch(/18 digits before/);
    expect(Date.now() - start).toBeLessThan(1000);
  });

  it.each([
    ['"a\\0b"', 'must not contain NUL characters', 'không được chứa ký tự NUL'],
    [
      '"a\\ud800b"',
      'contains an unpaired UTF-16 surrogate, which is not Unicode text',
      'chứa một nửa cặp thay thế UTF-16 đứng lẻ, không phải văn bản Unicode',
    ],
  ])('refuses text %s', (note, message, vi) => {
    expect(parse(withObservation(`    value: 1\n    note: ${note}\n`)).errors).toEqual([
      { severity: 'error', path: 'observations[0].note', message, vi, line: 16 },
    ]);
  });

  it('keeps a negative score, a surrogate pair, 18 digits before the point and 12 after', () => {
    const result = parse(withObservation('    value: -9.5e17\n    numerator: 0.000000000001\n    note: "😀 \\ud83d\\ude00"\n'));
    expect(result.errors).toEqual([]);
    expect(result.plan!.observations[0]).toMatchObject({ value: '-950000000000000000', numerator: '0.000000000001', note: '😀 😀' });
  });
});

describe('parsePlanFile, normalisation', () => {
  it('normalises text to NFC', () => {
    const decomposed = 'Quảng Ninh'.normalize('NFD');
    const result = parse(base.replace('Quảng Ninh', decomposed));
    expect(result.plan!.province.name).toBe('Quảng Ninh'.normalize('NFC'));
    expect(result.plan!.province.name).not.toBe(decomposed);
  });

  it('keeps decimal values exactly as written, canonicalised', () => {
    const result = parse(withObservation('    value: 0.70240\n'));
    expect(result.errors).toEqual([]);
    expect(result.plan!.observations[0]).toMatchObject({ period: '2022', value: '0.7024' });
  });

  it('defaults a ratio indicator scale to 100 and a document scope to province', () => {
    const result = parse(`${base}indicators:
  - code: r
    name: R
    unit: "%"
    kind: ratio
    direction: up
documents:
  - code: 1/KH
    type: plan
    issuer: UBND
    issued: 2023-01-01
    title: T
`);
    expect(result.errors).toEqual([]);
    expect(result.plan!.indicators[0].scale).toBe('100');
    expect(result.plan!.documents[0].scope).toBe('province');
  });
});

describe('parseYamlFile lineOf (lines for problems found after reading, e.g. against the database)', () => {
  const text = withObservation('    value: 1\n  - indicator: dti\n    org: QNI\n    period: 2023\n    value: 2\n');
  const { lineOf, errors } = parseYamlFile(Buffer.from(text), { maxBytes: MAX_PLAN_FILE_BYTES, what: planFileWhat.planFiles() }, (reader) =>
    reader.root(),
  );

  it('finds a value through keys and list indexes', () => {
    expect(errors).toEqual([]);
    expect(lineOf('observations[1].period')).toBe(18);
    expect(lineOf('observations[0].value')).toBe(15);
    expect(lineOf('indicators[0].kind')).toBe(9);
    expect(lineOf('observations[1]')).toBe(16);
  });

  it("falls back to the nearest value along the path that the file has (a key left out: its mapping's line)", () => {
    expect(lineOf('observations[1].source')).toBe(16);
    expect(lineOf('observations[7].value')).toBe(12);
    expect(lineOf('')).toBe(1);
  });
});

describe('parsePlanFile, every issue in Vietnamese and English', () => {
  it('names the allowed values of a field in Vietnamese, with the value to write', () => {
    const result = parse(withObservation('    value: 1\n').replace('kind: score', 'kind: points'));
    expect(result.errors).toEqual([
      expect.objectContaining({
        path: 'indicators[0].kind',
        message: '"points" is not one of ratio | percent | count | amount | score | rank | boolean',
        vi: 'loại "points" không hợp lệ; chọn một trong: tỷ lệ theo thang (ratio), phần trăm (percent), số đếm (count), giá trị, số lượng (amount), điểm (score), thứ hạng (rank), có/không (boolean)',
      }),
    ]);
    expect(formatIssueIn(result.errors[0], 'vi')).toMatch(/^indicators\[0\]\.kind: loại "points" không hợp lệ; .* \(dòng 9\)$/);
    expect(formatIssue(result.errors[0])).toMatch(/^indicators\[0\]\.kind: "points" is not one of .* \(line 9\)$/);
  });

  it('has a Vietnamese text for every issue of the invalid fixtures, and it is not the English one', () => {
    const files = readdirSync(join(fixtures, 'invalid')).filter((f) => f.endsWith('.yaml'));
    expect(files.length).toBeGreaterThanOrEqual(20);
    for (const file of files) {
      const { errors, warnings } = parsePlanFile(readFileSync(join(fixtures, 'invalid', file)));
      expect(errors.length).toBeGreaterThan(0);
      for (const issue of [...errors, ...warnings]) {
        expect(issue.vi.normalize('NFC')).toBe(issue.vi);
        expect({ file, vi: issue.vi }).not.toEqual({ file, vi: issue.message });
      }
    }
  });
});
