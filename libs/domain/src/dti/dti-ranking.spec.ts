import { dtiMovers, dtiNameKey, dtiRanks } from './dti-ranking';

describe('DTI names, ranks and movers', () => {
  it.each([
    ['Thừa Thiên Huế', 'thua thien hue'],
    ['Thua Thien Hue', 'thua thien hue'],
    ['TP. Hồ Chí Minh', 'ho chi minh'],
    ['Thành phố Hồ Chí Minh', 'ho chi minh'],
    ['Hồ Chí Minh', 'ho chi minh'],
    ['Tỉnh  Quảng Ninh', 'quang ninh'],
    ['Đà Nẵng', 'da nang'],
    ['Bộ Kế hoạch và Đầu tư', 'bo ke hoach va dau tu'],
  ])('%s → %s', (name, key) => expect(dtiNameKey(name)).toBe(key));

  it('takes published ranks, computes the others from scores with ties sharing a rank', () => {
    const ranks = dtiRanks([
      { key: 'a', score: '0.8002', rank: null },
      { key: 'b', score: '0.7024', rank: null },
      { key: 'c', score: '0.7024', rank: null },
      { key: 'd', score: '0.65', rank: null },
      { key: 'e', score: null, rank: 12 },
      { key: 'f', score: null, rank: null },
    ]);
    expect(Object.fromEntries([...ranks].map(([k, v]) => [k, v.rank]))).toEqual({ a: 1, b: 2, c: 2, d: 4, e: 12, f: null });
    expect(ranks.get('e')!.given).toBe(true);
    expect(ranks.get('a')!.given).toBe(false);
  });

  it('lists the largest rises and falls between two years', () => {
    const now = new Map([
      ['qn', 3],
      ['dn', 1],
      ['tp', 17],
      ['bx', 5],
    ]);
    const before = new Map([
      ['qn', 7],
      ['dn', 1],
      ['tp', 12],
      ['bx', 10],
    ]);
    const { risers, fallers } = dtiMovers(now, before);
    expect(risers.map((m) => [m.key, m.change])).toEqual([
      ['bx', 5],
      ['qn', 4],
    ]);
    expect(fallers.map((m) => [m.key, m.change])).toEqual([['tp', -5]]);
  });
});
