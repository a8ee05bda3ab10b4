import { checkDtiFramework, comparablePart, DtiFramework, dtiFigureOf, dtiPartName, parseDtiFigure } from './dti-framework';

const framework = (over: Partial<DtiFramework> = {}): DtiFramework => ({
  year: 2022,
  group: 'provinces',
  components: 98,
  pillars: [
    { code: 'government', name: 'Chính quyền số', weight: null },
    { code: 'economy', name: 'Kinh tế số', weight: null },
  ],
  indices: [{ code: 'institutions', name: 'Thể chế số', pillar: null, weight: null }],
  crosswalk: [{ fromYear: 2021, parts: { total: 'total', government: 'government', institutions: 'legal' } }],
  source: 'test',
  note: null,
  ...over,
});

describe('DTI frameworks', () => {
  it('reads the figure an indicator is fed from', () => {
    expect(parseDtiFigure('rank')).toEqual({ part: 'total', measure: 'rank' });
    expect(parseDtiFigure('government.score')).toEqual({ part: 'government', measure: 'score' });
    expect(parseDtiFigure('society_activity.rank')).toEqual({ part: 'society_activity', measure: 'rank' });
    for (const bad of ['Rank', 'government', 'government.rank.x', '.rank', 'a-b.rank']) expect(parseDtiFigure(bad)).toBeNull();
  });

  it.each([
    ['rank', { value: '3', rank: 3 }],
    ['score', { value: '0.7024', rank: 3 }],
    ['government.score', { value: '0.7804', rank: 4 }],
    ['institutions.rank', { value: '1', rank: 1 }],
    ['economy.rank', { value: null, rank: null }],
    ['society.score', { value: null, rank: 2 }],
  ])('takes the figure %s of a result: the value an indicator gets and the rank of that part', (figure, expected) => {
    const result = {
      score: '0.70240',
      rank: 3,
      pillars: { government: { score: '0.7804', rank: 4 }, society: { score: null, rank: 2 } },
      indices: { institutions: { score: null, rank: 1 } },
    };
    expect(dtiFigureOf(parseDtiFigure(figure)!, result)).toEqual(expected);
  });

  it('compares scores only where the crosswalk from that year records the part', () => {
    const f = framework();
    expect(comparablePart(f, 2021, 'total')).toBe('total');
    expect(comparablePart(f, 2021, 'institutions')).toBe('legal');
    expect(comparablePart(f, 2021, 'economy')).toBeNull();
    expect(comparablePart(f, 2020, 'total')).toBeNull();
    expect(comparablePart(null, 2021, 'total')).toBeNull();
  });

  it('names parts by the framework, then the standard pillars, then the code', () => {
    expect(dtiPartName(framework(), 'institutions')).toBe('Thể chế số');
    expect(dtiPartName(null, 'society')).toBe('Xã hội số');
    expect(dtiPartName(null, 'unknown_part')).toBe('unknown_part');
  });

  it('accepts a sound framework and reports each mistake with its path', () => {
    expect(checkDtiFramework(framework())).toEqual([]);
    expect(
      checkDtiFramework(
        framework({
          pillars: [
            { code: 'a', name: 'A', weight: '0.6' },
            { code: 'b', name: 'B', weight: '0.4' },
          ],
          crosswalk: [],
        }),
      ),
    ).toEqual([]);
    const problems = checkDtiFramework(
      framework({
        pillars: [
          { code: 'a', name: 'A', weight: '0.6' },
          { code: 'a', name: 'B', weight: '0.3' },
          { code: 'total', name: 'T', weight: '0.05' },
        ],
        indices: [{ code: 'x', name: 'X', pillar: 'nowhere', weight: null }],
        crosswalk: [{ fromYear: 2022, parts: { ghost: 'ghost' } }],
      }),
    );
    expect(problems).toEqual([
      { path: 'pillars[1].code', message: '"a" is already used by pillars[0]', vi: '"a" đã được dùng ở pillars[0]' },
      { path: 'pillars[2].code', message: '"total" names the whole index', vi: '"total" là tên của cả chỉ số' },
      {
        path: 'indices[0].pillar',
        message: '"nowhere" is not one of this framework\'s pillars (a, total)',
        vi: '"nowhere" không phải là trụ cột nào của bộ chỉ số này (a, total)',
      },
      { path: 'pillars', message: 'weights add up to 0.95, not 1 (or 100%)', vi: 'tổng trọng số là 0.95, không phải 1 (hoặc 100%)' },
      { path: 'crosswalk[0].from_year', message: 'must be before 2022', vi: 'phải trước năm 2022' },
      {
        path: 'crosswalk[0].parts.ghost',
        message: '"ghost" is not a part of the 2022 framework',
        vi: '"ghost" không phải là thành phần của bộ chỉ số năm 2022',
      },
    ]);
  });
});
