import { mergeNationalMeaning, NationalMeaning, nationalConflictMessage } from './national-indicator';

const RANK: NationalMeaning = { unit: 'hạng', kind: 'rank', scale: null, direction: 'down', dti: 'rank' };
const FROM_FORMAT: NationalMeaning = { ...RANK, dti: null };

describe('mergeNationalMeaning', () => {
  it.each<[string, NationalMeaning | null, NationalMeaning, string[], NationalMeaning, string[]]>([
    ['a new code takes what the file states', null, FROM_FORMAT, [], FROM_FORMAT, []],
    ['a key left out keeps the value other provinces set', RANK, FROM_FORMAT, ['QNI'], RANK, []],
    ['a value stated where the catalogue has none is added', FROM_FORMAT, RANK, ['HNI'], RANK, ['dti']],
    ['the same statement changes nothing', RANK, RANK, ['HNI'], RANK, []],
    ['with no other province, the file is the whole entry: leaving dti out ends the feed', RANK, FROM_FORMAT, [], FROM_FORMAT, ['dti']],
    ['with no other province, the file may redefine it', RANK, { ...RANK, unit: 'thứ hạng' }, [], { ...RANK, unit: 'thứ hạng' }, ['unit']],
  ])('%s', (_case, stored, stated, sharedWith, meaning, changed) => {
    expect(mergeNationalMeaning(stored, stated, sharedWith)).toEqual({ meaning, changed, conflicts: [] });
  });

  it('a different value while others use the indicator is a conflict for each attribute, and changes nothing', () => {
    const merged = mergeNationalMeaning(RANK, { ...FROM_FORMAT, unit: 'thứ hạng', direction: 'up' }, ['QNI']);
    expect(merged.conflicts).toEqual([
      { attribute: 'unit', national: 'hạng', stated: 'thứ hạng' },
      { attribute: 'direction', national: 'down', stated: 'up' },
    ]);
    expect(merged.changed).toEqual([]);
    expect(merged.meaning).toEqual(RANK);
  });
});

describe('nationalConflictMessage', () => {
  const conflicts = mergeNationalMeaning(RANK, { ...RANK, unit: 'thứ hạng', dti: 'score' }, ['DNG', 'QNI']).conflicts;
  const refused = 'tệp ha-noi.yaml (HNI) ghi chỉ số dùng chung "dti-hang" với đơn vị (unit) "thứ hạng", nguồn số liệu DTI (dti) "score", ';
  const national = 'nhưng danh mục chỉ số quốc gia ghi đơn vị (unit) "hạng", nguồn số liệu DTI (dti) "rank"';

  it.each([
    [
      'names the refused file, and the files of the latest imports of the provinces using it, each with what it says',
      [
        { province: 'DNG', file: 'da-nang.yaml' },
        { province: 'QNI', file: 'quang-ninh.yaml' },
      ],
      `${refused}${national} theo tệp da-nang.yaml của DNG, tệp quang-ninh.yaml của QNI (các tỉnh đang dùng: DNG, QNI)`,
    ],
    [
      'leaves out a province never imported from a file, still listing it among the users',
      [{ province: 'QNI', file: 'quang-ninh.yaml' }],
      `${refused}${national} theo tệp quang-ninh.yaml của QNI (các tỉnh đang dùng: DNG, QNI)`,
    ],
    ['says no file when none of the users was imported from one', [], `${refused}${national} (các tỉnh đang dùng: DNG, QNI)`],
  ])('%s', (_case, sources, message) => {
    expect(
      nationalConflictMessage({
        file: 'ha-noi.yaml',
        province: 'HNI',
        indicator: 'dti-hang',
        sharedWith: ['DNG', 'QNI'],
        sources,
        conflicts,
      }),
    ).toBe(message);
  });
});
