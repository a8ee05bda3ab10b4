import { readFileSync } from 'fs';
import { join } from 'path';
import { parseProvinceReference, ProvinceReference } from './province-reference';
import { officialCodeOn, referenceProvincesToCreate } from './reference-provinces';
import { Reorganisation, ReorganisationChange } from './reorganisation';

const DIR = join(__dirname, '../../../../data/provinces');
const read = (file: string) => parseProvinceReference(readFileSync(join(DIR, file), 'utf8'), file);
const reference = new ProvinceReference([read('provinces-2004.csv'), read('provinces-2025.csv')]);
const reorg = (effective: string, changes: ReorganisationChange[]): Reorganisation => ({
  code: 'RR',
  title: 't',
  effective,
  source: 's',
  changes,
});
const MERGERS: ReorganisationChange[] = [
  { type: 'merge', path: 'changes[0]', units: ['HCM', 'BDG', 'BRV'], into: { code: 'HCM', name: 'Hồ Chí Minh' } },
  { type: 'rename', path: 'changes[1]', unit: 'TTH', to: { code: 'HUE', name: 'Huế' } },
];
const QNI = { code: 'QNI', name: 'Quảng Ninh', validFrom: '1963-10-30', validTo: null };

describe('referenceProvincesToCreate', () => {
  it('on the date the reference map changes: the provinces named, and those the new map keeps unchanged', () => {
    const created = referenceProvincesToCreate(reorg('2025-07-01', MERGERS), reference, [QNI]);
    expect(created.slice(0, 4).map((c) => [c.code, c.ref.code, c.ref.validTo])).toEqual([
      ['HCM', '79', '2025-06-30'],
      ['BDG', '74', '2025-06-30'],
      ['BRV', '77', '2025-06-30'],
      ['TTH', '46', '2025-06-30'],
    ]);
    // The 11 unchanged of the 2025 map less Quảng Ninh (in the database) and Thừa Thiên Huế (renamed by the file).
    expect(created.slice(4).map((c) => c.code)).toEqual(['HNI', 'CBG', 'DBN', 'LCU', 'SLA', 'LSN', 'THA', 'NAN', 'HTH']);
  });

  it.each([
    ['by code', [QNI, { code: 'HNI', name: 'Thủ đô', validFrom: null, validTo: null }]],
    ['by name, on the day before', [QNI, { code: 'HN', name: 'TP. Hà Nội', validFrom: null, validTo: null }]],
  ])('leaves out a province the database already has %s', (_how, existing) => {
    expect(referenceProvincesToCreate(reorg('2025-07-01', MERGERS), reference, existing).map((c) => c.code)).not.toContain('HNI');
  });

  it('does not count a province of that name that ended long before', () => {
    const existing = [{ code: 'HN', name: 'Hà Nội', validFrom: null, validTo: '2008-07-31' }];
    expect(referenceProvincesToCreate(reorg('2025-07-01', MERGERS), reference, existing).map((c) => c.code)).toContain('HNI');
  });

  it('on any other date: only the provinces named that the reference knows', () => {
    const changes: ReorganisationChange[] = [
      { type: 'merge', path: 'changes[0]', units: ['HGG', 'TQG', 'XXX'], into: { code: 'TQG', name: 'Tuyên Quang' } },
    ];
    expect(referenceProvincesToCreate(reorg('2024-01-01', changes), reference, []).map((c) => c.code)).toEqual(['HGG', 'TQG']);
  });
});

describe('officialCodeOn', () => {
  it.each([
    [{ code: 'BNH', name: 'Bắc Ninh' }, '2025-06-30', '27'],
    [{ code: 'BNH', name: 'Bắc Ninh' }, '2025-07-01', '24'],
    [{ code: 'BGG', name: 'Bắc Giang' }, '2025-07-01', null],
    [{ code: 'HUE', name: 'Huế' }, '2025-07-01', '46'],
    [{ code: 'DN', name: 'Thành phố Đà Nẵng' }, '2025-07-01', '48'],
    [{ code: 'QNI', name: 'Tỉnh QNI thử nghiệm' }, '2025-07-01', null],
    [{ code: 'TRA', name: 'Tỉnh TRA' }, '2025-07-01', null],
  ])('%j on %s is %s', (province, date, code) => {
    expect(officialCodeOn(province, reference, date)).toBe(code);
  });
});
