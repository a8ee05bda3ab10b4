import { daysInMonth, isIsoDate } from './iso-date';

describe('isIsoDate', () => {
  it.each(['2022-02-05', '2024-02-29', '2023-12-31', '1963-10-30'])('accepts %s', (d) => expect(isIsoDate(d)).toBe(true));
  it.each(['2023-02-29', '2023-02-30', '2023-04-31', '2023-13-01', '2023-00-10', '2023-1-5', '5/2/2022', '2023-10-31T00:00', ''])(
    'rejects %p',
    (d) => expect(isIsoDate(d)).toBe(false),
  );
  it('knows leap years', () => {
    expect([daysInMonth(2024, 2), daysInMonth(2023, 2), daysInMonth(1900, 2), daysInMonth(2000, 2)]).toEqual([29, 28, 28, 29]);
  });
});
