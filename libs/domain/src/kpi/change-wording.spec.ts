import { describeChange, RANK_MEASURE, rankOutOf } from './change-wording';

describe('change wording', () => {
  it.each([
    // A DTI rank from 7 to 3: the number fell by 4, the province climbed four places.
    ['rank', 'down', '-4', 'better', '▲4 bậc', 'tăng 4 bậc'],
    ['rank', 'down', '2', 'worse', '▼2 bậc', 'giảm 2 bậc'],
    ['rank', 'down', '0', 'same', 'không đổi', 'không đổi'],
    ['rank', 'down', -62, 'better', '▲62 bậc', 'tăng 62 bậc'],
    // A rank where a larger number is better (unusual, but the direction decides).
    ['rank', 'up', '3', 'better', '▲3 bậc', 'tăng 3 bậc'],
    ['percent', 'up', '0.7', 'better', '+0,7', '+0,7'],
    ['percent', 'up', '-1.25', 'worse', '−1,25', '−1,25'],
    ['count', 'down', '-12', 'better', '−12', '−12'],
    ['amount', 'up', '1034', 'better', '+1.034', '+1.034'],
    ['score', 'up', '0', 'same', 'không đổi', 'không đổi'],
  ] as const)('a %s indicator (%s is better) that changed by %p reads %s: "%s" / "%s"', (kind, direction, change, trend, text, words) => {
    expect(describeChange({ kind, direction }, change)).toEqual({ trend, text, words });
  });

  it('a DTI rank change given as places gained reads the same way', () => {
    expect(describeChange(RANK_MEASURE, -4).text).toBe('▲4 bậc');
    expect(describeChange(RANK_MEASURE, -(-5)).words).toBe('giảm 5 bậc');
  });

  it.each([
    [3, 63, '3/63'],
    [2, 2, '2/2'],
    // Among one province with data a rank says nothing.
    [1, 1, null],
    // A published rank from a partial table: the count is not what it is out of.
    [7, 2, '7'],
    [7, 1, '7'],
    [3, null, '3'],
    [null, 63, null],
  ])('rank %p of %p reads %p', (rank, of, expected) => {
    expect(rankOutOf(rank, of)).toBe(expected);
  });
});
