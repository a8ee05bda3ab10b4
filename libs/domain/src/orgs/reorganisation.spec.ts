import { OrgUnitState, planReorganisation, Reorganisation, ReorganisationChange } from './reorganisation';

const province = (id: string, name = id, validTo: string | null = null): OrgUnitState => ({
  id,
  code: id,
  name,
  kind: 'province',
  provinceId: id,
  validFrom: null,
  validTo,
});
const under = (id: string, provinceId: string, kind: OrgUnitState['kind']): OrgUnitState => ({
  id,
  code: id,
  name: id,
  kind,
  provinceId,
  validFrom: null,
  validTo: null,
});
const units = [
  province('AA'),
  province('BB'),
  province('CC'),
  province('DD'),
  province('EE', 'Tỉnh E'),
  province('GG'),
  province('OLD', 'Cũ', '2020-12-31'),
  under('AA-SO', 'AA', 'department'),
  under('AA1', 'AA', 'district'),
  under('AA2', 'AA', 'district'),
  under('DD1', 'DD', 'district'),
  under('DD-SO', 'DD', 'department'),
];
const reorg = (changes: ReorganisationChange[]): Reorganisation => ({
  code: 'RR',
  title: 't',
  effective: '2025-07-01',
  source: 's',
  changes,
});

describe('planReorganisation', () => {
  it('merges three provinces into a new one, renames, splits, and removes the district tier; nothing before the date changes', () => {
    const plan = planReorganisation(
      reorg([
        { type: 'merge', path: 'changes[0]', units: ['AA', 'BB', 'CC'], into: { code: 'MM', name: 'Tỉnh M' } },
        { type: 'rename', path: 'changes[1]', unit: 'EE', to: { code: 'FF', name: 'Tỉnh F' } },
        {
          type: 'split',
          path: 'changes[2]',
          unit: 'GG',
          into: [
            { code: 'HH', name: 'HH' },
            { code: 'GG', name: 'GG' },
          ],
        },
        { type: 'dissolve', path: 'changes[3]', kind: 'district', in: null },
      ]),
      units,
    );
    expect(plan.problems).toEqual([]);
    expect(plan.create).toEqual([
      { code: 'MM', name: 'Tỉnh M' },
      { code: 'FF', name: 'Tỉnh F' },
      { code: 'HH', name: 'HH' },
    ]);
    // A, B, C, E end with the units under them; G continues (it keeps its code and name); D's district ends with the tier.
    expect(plan.end.map((e) => e.code).sort()).toEqual(['AA', 'AA-SO', 'AA1', 'AA2', 'BB', 'CC', 'DD1', 'EE']);
    expect(new Set(plan.end.map((e) => e.validTo))).toEqual(new Set(['2025-06-30']));
    expect(plan.successions).toEqual([
      { predecessor: 'AA', successor: { newCode: 'MM' }, kind: 'merge' },
      { predecessor: 'BB', successor: { newCode: 'MM' }, kind: 'merge' },
      { predecessor: 'CC', successor: { newCode: 'MM' }, kind: 'merge' },
      { predecessor: 'EE', successor: { newCode: 'FF' }, kind: 'rename' },
      { predecessor: 'GG', successor: { newCode: 'HH' }, kind: 'split' },
      // Every district ceases, those of merged provinces too: its area passes to its province (and on to what that becomes).
      { predecessor: 'AA1', successor: { id: 'AA' }, kind: 'dissolve' },
      { predecessor: 'AA2', successor: { id: 'AA' }, kind: 'dissolve' },
      { predecessor: 'DD1', successor: { id: 'DD' }, kind: 'dissolve' },
    ]);
  });

  it('a merge into the code of one of its provinces continues that province', () => {
    const plan = planReorganisation(
      reorg([{ type: 'merge', path: 'changes[0]', units: ['AA', 'BB'], into: { code: 'AA', name: 'AA' } }]),
      units,
    );
    expect(plan.problems).toEqual([]);
    expect(plan.create).toEqual([]);
    expect(plan.end.map((e) => e.code)).toEqual(['BB']);
    expect(plan.successions).toEqual([{ predecessor: 'BB', successor: { id: 'AA' }, kind: 'merge' }]);
  });

  it('reports every mistake with its path and plans nothing usable', () => {
    const plan = planReorganisation(
      reorg([
        { type: 'merge', path: 'changes[0]', units: ['AA', 'ZZ'], into: { code: 'MM', name: 'MM' } },
        { type: 'merge', path: 'changes[1]', units: ['BB', 'OLD'], into: { code: 'MM2', name: 'MM2' } },
        { type: 'merge', path: 'changes[2]', units: ['CC', 'DD'], into: { code: 'CC', name: 'Tên mới' } },
        { type: 'rename', path: 'changes[3]', unit: 'EE', to: { code: 'EE', name: 'Tỉnh E mới' } },
        { type: 'rename', path: 'changes[4]', unit: 'GG', to: { code: 'DD', name: 'DD' } },
        { type: 'merge', path: 'changes[5]', units: ['CC'], into: { code: 'x', name: 'x' } },
        { type: 'dissolve', path: 'changes[6]', kind: 'commune', in: ['AA', 'QQ'] },
      ]),
      units,
    );
    expect(plan.problems.map(({ path, message }) => ({ path, message }))).toEqual([
      { path: 'changes[0].merge[1]', message: 'no province has code "ZZ"' },
      { path: 'changes[1].merge[1]', message: 'OLD Cũ is not valid on 2025-06-30, the day before the change (valid … – 2020-12-31)' },
      { path: 'changes[2].into.name', message: 'CC continues as "CC"; a new name needs a new code, so the old name stays in the history' },
      { path: 'changes[3].to.code', message: 'a renamed province gets a new code, so EE keeps its name "Tỉnh E" in the history' },
      { path: 'changes[4].to.code', message: '"DD" is already the code of DD' },
      { path: 'changes[5].merge', message: 'a merge names at least two provinces' },
      { path: 'changes[5].merge[0]', message: 'CC already takes part in changes[2].merge[0]' },
      { path: 'changes[6].dissolve.in[1]', message: 'no province has code "QQ"' },
    ]);
    expect(plan.problems[1].vi).toBe('OLD Cũ không có hiệu lực vào ngày 30/06/2025, ngày trước khi thay đổi (hiệu lực … – 31/12/2020)');
    expect(plan.problems.every((p) => p.vi && p.vi !== p.message)).toBe(true);
  });

  it('a second reorganisation of the same date leaves units already ending that day as they are', () => {
    const after = units.map((u) => (u.code === 'AA1' ? { ...u, validTo: '2025-06-30' } : u));
    const plan = planReorganisation(reorg([{ type: 'dissolve', path: 'changes[0]', kind: 'district', in: ['AA'] }]), after);
    expect(plan.end.map((e) => e.code)).toEqual(['AA2']);
    expect(plan.successions).toEqual([{ predecessor: 'AA2', successor: { id: 'AA' }, kind: 'dissolve' }]);
  });

  it('refuses a date that is not real', () => {
    expect(planReorganisation({ ...reorg([]), effective: '2025-02-30' }, units).problems).toEqual([
      { path: 'effective', message: '"2025-02-30" is not a real date', vi: '"2025-02-30" không phải là ngày có thật' },
    ]);
  });
});
