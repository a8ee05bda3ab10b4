import fc from 'fast-check';
import { addDays, daysBetween, daysInMonth, isIsoDate, todayIn } from './iso-date';

describe('isIsoDate', () => {
  it.each(['2022-02-05', '2024-02-29', '2023-12-31', '1963-10-30'])('accepts %s', (d) => expect(isIsoDate(d)).toBe(true));
  it.each([
    '0000-01-01',
    '2023-02-29',
    '2023-02-30',
    '2023-04-31',
    '2023-13-01',
    '2023-00-10',
    '2023-1-5',
    '5/2/2022',
    '2023-10-31T00:00',
    '',
  ])('rejects %p', (d) => expect(isIsoDate(d)).toBe(false));
  it('knows leap years', () => {
    expect([daysInMonth(2024, 2), daysInMonth(2023, 2), daysInMonth(1900, 2), daysInMonth(2000, 2)]).toEqual([29, 28, 28, 29]);
  });
});

describe('addDays', () => {
  it.each([
    ['2023-10-31', 1, '2023-11-01'],
    ['2023-12-31', 1, '2024-01-01'],
    ['2024-01-01', -1, '2023-12-31'],
    ['2024-02-28', 1, '2024-02-29'],
    ['2023-02-28', 1, '2023-03-01'],
    ['2100-02-28', 1, '2100-03-01'],
    ['2000-02-28', 1, '2000-02-29'],
    ['2023-03-01', -1, '2023-02-28'],
    ['2023-06-15', 0, '2023-06-15'],
    ['2023-01-01', 365, '2024-01-01'],
    ['2024-01-01', 366, '2025-01-01'],
    ['1969-12-31', 1, '1970-01-01'],
    ['0050-03-01', -1, '0050-02-28'],
  ])('%s plus %i days is %s', (date, days, expected) => {
    expect(addDays(date, days)).toBe(expected);
  });

  it('rejects a date that is not YYYY-MM-DD or not real, and a fractional day count', () => {
    expect(() => addDays('2023-02-30', 1)).toThrow(/not an ISO date/);
    expect(() => addDays('2023-1-5', 1)).toThrow(/not an ISO date/);
    expect(() => addDays('2023-01-05', 0.5)).toThrow(/whole number/);
  });
});

describe('daysBetween', () => {
  it.each([
    ['2023-10-31', '2023-10-31', 0],
    ['2023-10-31', '2023-11-14', 14],
    ['2023-11-14', '2023-10-31', -14],
    ['2023-01-01', '2024-01-01', 365],
    ['2024-01-01', '2025-01-01', 366],
    ['2022-12-31', '2025-12-31', 1096],
  ])('from %s to %s is %i days', (from, to, days) => {
    expect(daysBetween(from, to)).toBe(days);
  });

  it('agrees with UTC milliseconds and is undone by addDays', () => {
    const date = fc
      .record({ y: fc.integer({ min: 1900, max: 2200 }), m: fc.integer({ min: 1, max: 12 }), d: fc.integer({ min: 1, max: 28 }) })
      .map(({ y, m, d }) => `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`);
    fc.assert(
      fc.property(date, date, (a, b) => {
        const ms = Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`);
        expect(daysBetween(a, b)).toBe(ms / 86_400_000);
        expect(addDays(a, daysBetween(a, b))).toBe(b);
      }),
      { seed: 20231031, numRuns: 500 },
    );
  });
});

describe('todayIn', () => {
  it.each([
    ['2023-12-31T16:59:59Z', 'Asia/Ho_Chi_Minh', '2023-12-31'],
    ['2023-12-31T17:00:00Z', 'Asia/Ho_Chi_Minh', '2024-01-01'],
    ['2024-02-28T18:30:00Z', 'Asia/Ho_Chi_Minh', '2024-02-29'],
    ['2023-12-31T17:00:00Z', 'UTC', '2023-12-31'],
    ['2023-01-01T03:00:00Z', 'America/New_York', '2022-12-31'],
  ])('%s in %s is the calendar date %s', (instant, zone, date) => {
    expect(todayIn(zone, new Date(instant))).toBe(date);
  });

  it('rejects an unknown zone and an invalid instant', () => {
    expect(() => todayIn('Asia/Hanoi_Nowhere', new Date('2023-01-01T00:00:00Z'))).toThrow();
    expect(() => todayIn('Asia/Ho_Chi_Minh', new Date('not a date'))).toThrow(/valid instant/);
  });
});
