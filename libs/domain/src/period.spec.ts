import fc from 'fast-check';
import { addDays } from './iso-date';
import { parsePeriod, previousPeriod, yearAgoPeriod } from './period';
import { PERIOD_CASES } from './period.cases';

describe('parsePeriod', () => {
  it.each([
    ['2023', 'year', '2023-01-01', '2023-12-31', '2023'],
    ['2023-H1', 'half', '2023-01-01', '2023-06-30', '2023-H1'],
    ['2023-h2', 'half', '2023-07-01', '2023-12-31', '2023-H2'],
    ['2023-Q1', 'quarter', '2023-01-01', '2023-03-31', '2023-Q1'],
    ['2023-Q3', 'quarter', '2023-07-01', '2023-09-30', '2023-Q3'],
    ['2024-02', 'month', '2024-02-01', '2024-02-29', '2024-02'],
    ['2023-02', 'month', '2023-02-01', '2023-02-28', '2023-02'],
    ['2023-10', 'month', '2023-10-01', '2023-10-31', '2023-10'],
    ['2023-10-31', 'day', '2023-10-31', '2023-10-31', '2023-10-31'],
    [' 2022 ', 'year', '2022-01-01', '2022-12-31', '2022'],
  ])('%s is a %s from %s to %s', (text, kind, start, end, code) => {
    expect(parsePeriod(text)).toEqual({ kind, start, end, code });
  });

  it.each(['2023-Q5', '2023-Q0', '2023-H3', '2023-13', '2023-00', '2023-02-30', '23', '2023-1', 'Q3-2023', '', 'năm 2023'])(
    'rejects %p',
    (text) => {
      expect(parsePeriod(text)).toBeNull();
    },
  );
});

describe('previousPeriod', () => {
  it.each([
    ['2023', '2022', '2022-01-01', '2022-12-31'],
    ['2023-H1', '2022-H2', '2022-07-01', '2022-12-31'],
    ['2023-H2', '2023-H1', '2023-01-01', '2023-06-30'],
    ['2023-h2', '2023-H1', '2023-01-01', '2023-06-30'],
    ['2023-Q1', '2022-Q4', '2022-10-01', '2022-12-31'],
    ['2023-Q3', '2023-Q2', '2023-04-01', '2023-06-30'],
    ['2023-01', '2022-12', '2022-12-01', '2022-12-31'],
    ['2024-03', '2024-02', '2024-02-01', '2024-02-29'],
    ['2023-03-01', '2023-02-28', '2023-02-28', '2023-02-28'],
    ['2024-03-01', '2024-02-29', '2024-02-29', '2024-02-29'],
    ['2024-01-01', '2023-12-31', '2023-12-31', '2023-12-31'],
  ])('before %s comes %s (%s to %s)', (code, previous, start, end) => {
    const p = previousPeriod(code);
    expect(p).toEqual({ code: previous, kind: parsePeriod(code)!.kind, start, end });
  });

  it.each(['2023-Q5', 'Q3-2023', '', '2023-02-30'])('throws for the unparsable code %p', (code) => {
    expect(() => previousPeriod(code)).toThrow(/not a period code/);
  });

  it('always ends the day before the period starts', () => {
    const code = fc.oneof(
      fc.integer({ min: 1901, max: 2199 }).map(String),
      fc.tuple(fc.integer({ min: 1901, max: 2199 }), fc.integer({ min: 1, max: 2 })).map(([y, h]) => `${y}-H${h}`),
      fc.tuple(fc.integer({ min: 1901, max: 2199 }), fc.integer({ min: 1, max: 4 })).map(([y, q]) => `${y}-Q${q}`),
      fc.tuple(fc.integer({ min: 1901, max: 2199 }), fc.integer({ min: 1, max: 12 })).map(([y, m]) => `${y}-${String(m).padStart(2, '0')}`),
      fc.integer({ min: 0, max: 100_000 }).map((n) => addDays('1901-01-02', n)),
    );
    fc.assert(
      fc.property(code, (c) => {
        const p = parsePeriod(c)!;
        const prev = previousPeriod(c);
        expect(prev.kind).toBe(p.kind);
        expect(addDays(prev.end, 1)).toBe(p.start);
      }),
      { seed: 42, numRuns: 500 },
    );
  });
});

describe('yearAgoPeriod', () => {
  it.each([
    ['2023', '2022'],
    ['2023-H2', '2022-H2'],
    ['2023-Q3', '2022-Q3'],
    ['2023-10', '2022-10'],
    ['2024-02', '2023-02'],
    ['2023-10-31', '2022-10-31'],
    ['2024-02-29', '2023-02-28'],
    ['2025-02-28', '2024-02-28'],
  ])('a year before %s is %s', (code, expected) => {
    expect(yearAgoPeriod(code)).toEqual(parsePeriod(expected));
  });

  it('throws for an unparsable code', () => {
    expect(() => yearAgoPeriod('2023-H3')).toThrow(/not a period code/);
  });
});

describe('the period cases the SQL statements of the arithmetic share (test/integration/rule-sql.spec.ts)', () => {
  it.each(PERIOD_CASES)('$code is a $kind from $start; before it $previous from $previousStart; a year before $yearAgo', (c) => {
    expect(parsePeriod(c.code)).toMatchObject({ kind: c.kind, start: c.start });
    expect(previousPeriod(c.code)).toMatchObject({ code: c.previous, start: c.previousStart });
    expect(yearAgoPeriod(c.code).code).toBe(c.yearAgo);
  });
});
