import { readFileSync } from 'fs';
import { join } from 'path';
import { DomainError } from '../domain-error';
import { parseProvinceReference, ProvinceRef, ProvinceReference } from './province-reference';

const DIR = join(__dirname, '../../../../data/provinces');
const read = (file: string) => parseProvinceReference(readFileSync(join(DIR, file), 'utf8'), file);
const OLD = read('provinces-2004.csv');
const NEW = read('provinces-2025.csv');
const reference = new ProvinceReference([OLD, NEW]);
const BEFORE = '2024-12-31';
const AFTER = '2025-07-01';

const HEADER = 'code,short_code,name,kind,valid_from,valid_to,predecessors,source';
const parse = (...rows: string[]) => parseProvinceReference([HEADER, ...rows].join('\n'), 'test.csv');
const thrown = (fn: () => unknown): DomainError => {
  try {
    fn();
  } catch (error) {
    return error as DomainError;
  }
  throw new Error('expected an error');
};

describe('the province reference files', () => {
  it('hold 63 provinces until 2025-06-30 and 34 from 2025-07-01, in NFC', () => {
    expect(OLD).toHaveLength(63);
    expect(NEW).toHaveLength(34);
    expect(reference.mapOn('2025-06-30')).toHaveLength(63);
    expect(reference.mapOn(AFTER)).toHaveLength(34);
    for (const file of ['provinces-2004.csv', 'provinces-2025.csv']) {
      const text = readFileSync(join(DIR, file), 'utf8');
      expect(text.normalize('NFC')).toBe(text);
    }
  });

  it('keeps 11 provinces unchanged and puts every old code in exactly one predecessors list', () => {
    expect(NEW.filter((p) => p.predecessors.length === 1)).toHaveLength(11);
    const listed = NEW.flatMap((p) => p.predecessors).sort();
    expect(listed).toEqual(OLD.map((p) => p.code).sort());
  });

  it('has the fixed short codes and six centrally-run cities after the merger', () => {
    expect(['HNI', 'QNI', 'DNG', 'HCM'].map((s) => reference.match(s, BEFORE)?.name)).toEqual([
      'Hà Nội',
      'Quảng Ninh',
      'Đà Nẵng',
      'Hồ Chí Minh',
    ]);
    expect(OLD.filter((p) => p.kind === 'thành phố').map((p) => p.shortCode)).toEqual(['HNI', 'HPG', 'DNG', 'HCM', 'CTO']);
    expect(NEW.filter((p) => p.kind === 'thành phố').map((p) => p.shortCode)).toEqual(['HNI', 'HPG', 'HUE', 'DNG', 'HCM', 'CTO']);
  });
});

describe('matching a province as tables spell it', () => {
  it.each([
    ['22', BEFORE, 'QNI'],
    ['2', BEFORE, 'HGG'],
    ['02', BEFORE, 'HGG'],
    ['qni', AFTER, 'QNI'],
    ['Hcm', BEFORE, 'HCM'],
    ['Quảng Ninh', AFTER, 'QNI'],
    ['Tỉnh Quảng Ninh', BEFORE, 'QNI'],
    ['quang ninh', BEFORE, 'QNI'],
    ['Thừa Thiên Huế', BEFORE, 'TTH'],
    ['Thua Thien Hue', BEFORE, 'TTH'],
    ['Thừa Thiên - Huế', BEFORE, 'TTH'],
    ['Huế', BEFORE, 'TTH'],
    ['Thành phố Huế', AFTER, 'HUE'],
    ['Thừa Thiên Huế', AFTER, 'HUE'],
    ['TP. Hồ Chí Minh', BEFORE, 'HCM'],
    ['Thành phố Hồ Chí Minh', AFTER, 'HCM'],
    ['Hồ Chí Minh', AFTER, 'HCM'],
    ['TP HCM', BEFORE, 'HCM'],
    ['tp hcm', AFTER, 'HCM'],
    ['TP.HCM', BEFORE, 'HCM'],
    ['TPHCM', BEFORE, 'HCM'],
    ['Khánh Hoà', BEFORE, 'KHA'],
    ['Khánh Hòa', AFTER, 'KHA'],
    ['Thanh Hoá', BEFORE, 'THA'],
    ['Hoà Bình', BEFORE, 'HBH'],
    ['Hòa Bình', BEFORE, 'HBH'],
    ['Bà Rịa - Vũng Tàu', BEFORE, 'BRV'],
    ['Bà Rịa Vũng Tàu', BEFORE, 'BRV'],
    ['BR-VT', BEFORE, 'BRV'],
    ['Đắk Lắk', AFTER, 'DLK'],
    ['Dak Lak', BEFORE, 'DLK'],
    ['Bắc Cạn', BEFORE, 'BKN'],
    ['  Đà Nẵng ', BEFORE, 'DNG'],
    ['Đà Nẵng'.normalize('NFD'), AFTER, 'DNG'],
  ])('%s on %s → %s', (text, date, shortCode) => expect(reference.match(text, date)?.shortCode).toBe(shortCode));

  it.each([
    ['Hà Tây', BEFORE],
    ['Sài Gòn', BEFORE],
    ['Bắc Giang', AFTER],
    ['Quảng Nam', AFTER],
    ['Bà Rịa - Vũng Tàu', AFTER],
    ['03', BEFORE],
    ['123', BEFORE],
    ['XYZ', AFTER],
    ['Hải Dương', AFTER],
    ['', BEFORE],
  ])('%s on %s → nothing', (text, date) => expect(reference.match(text, date)).toBeNull());

  it('reads a code on the map of the date: "24" is Bắc Giang until the merger, Bắc Ninh after', () => {
    expect(reference.match('24', BEFORE)?.name).toBe('Bắc Giang');
    expect(reference.match('24', '2025-06-30')?.name).toBe('Bắc Giang');
    expect(reference.match('24', AFTER)?.name).toBe('Bắc Ninh');
    expect(reference.match('27', AFTER)).toBeNull();
  });

  it('matches no unit before it was created', () => {
    expect(reference.match('Điện Biên', '2003-12-31')).toBeNull();
    expect(reference.match('Điện Biên', '2004-01-01')?.code).toBe('11');
  });

  it('never guesses between two provinces', () => {
    // "Hue" is the short code of one and the name of the other.
    const odd = new ProvinceReference([[row('01', 'HUE', 'Hà Nội'), row('46', 'TTH', 'Huế')]]);
    expect(odd.match('Hue', BEFORE)).toBeNull();
    expect(odd.match('Huế', BEFORE)?.code).toBe('46');
    expect(odd.match('hue', BEFORE)).toBeNull();
  });
});

describe('links between the maps', () => {
  it.each([
    ['02', ['Tuyên Quang']],
    ['24', ['Bắc Ninh']],
    ['22', ['Quảng Ninh']],
    ['46', ['Huế']],
    ['77', ['Hồ Chí Minh']],
  ])('old %s became part of %j', (code, names) => {
    expect(reference.successorsOn(code, '2024-01-01', AFTER).map((p) => p.name)).toEqual(names);
  });

  it('a province stays itself within one map', () => {
    expect(reference.successorsOn('24', '2024-01-01', '2025-06-30').map((p) => p.name)).toEqual(['Bắc Giang']);
  });

  it('lists predecessors on the previous map, none on the first', () => {
    expect(reference.predecessorsOf('24', AFTER).map((p) => p.name)).toEqual(['Bắc Ninh', 'Bắc Giang']);
    expect(reference.predecessorsOf('79', AFTER).map((p) => p.shortCode)).toEqual(['HCM', 'BDG', 'BRV']);
    expect(reference.predecessorsOf('24', BEFORE)).toEqual([]);
  });

  it('rejects unknown codes and bad dates with coded errors', () => {
    expect(thrown(() => reference.predecessorsOf('27', AFTER)).code).toBe('PROVINCE_NOT_FOUND');
    expect(thrown(() => reference.successorsOn('02', AFTER, BEFORE)).code).toBe('INVALID_DATE');
    expect(thrown(() => reference.mapOn('2025-02-30')).code).toBe('INVALID_DATE');
  });
});

describe('parsing a province file', () => {
  it('reads quoted fields and CRLF line ends', () => {
    const [p] = parseProvinceReference(`${HEADER}\r\n01,HNI,"Hà Nội",thành phố,,2025-06-30,,"Quyết định 124/2004, ""mã số"""\r\n`, 'x.csv');
    expect(p).toEqual({
      code: '01',
      shortCode: 'HNI',
      name: 'Hà Nội',
      kind: 'thành phố',
      validFrom: null,
      validTo: '2025-06-30',
      predecessors: [],
      source: 'Quyết định 124/2004, "mã số"',
    });
  });

  it.each([
    [['01,HNI,Hà Nội,thành phố,,,,S', '1,HNM,Hà Nam,tỉnh,,,,S'], /test\.csv row 3: code "1" is not two digits/],
    [['01,Hni,Hà Nội,thành phố,,,,S'], /row 2: short code "Hni"/],
    [['01,HNI,,thành phố,,,,S'], /row 2: the name is empty/],
    [['01,HNI,Hà Nội,huyện,,,,S'], /row 2: kind "huyện"/],
    [['01,HNI,Hà Nội,tỉnh,2025-13-01,,,S'], /row 2: "2025-13-01" is not a YYYY-MM-DD date/],
    [['01,HNI,Hà Nội,tỉnh,2025-07-01,2025-06-30,,S'], /row 2: valid from 2025-07-01, after valid to/],
    [['01,HNI,Hà Nội,tỉnh,,,01;1,S'], /row 2: predecessor "1"/],
    [['01,HNI,Hà Nội,tỉnh,,,,'], /row 2: the source is empty/],
    [['', '01,HNI,Hà Nội,tỉnh,,,S'], /row 3: has 7 fields, the header 8/],
    [['01,HNI,"Hà Nội,tỉnh,,,,S'], /row 2: a quoted field is not closed/],
  ])('%j → %s', (rows, message) => {
    const error = thrown(() => parse(...rows));
    expect(error).toBeInstanceOf(DomainError);
    expect(error.code).toBe('INVALID_INPUT');
    expect(error.message).toMatch(message);
  });

  it('reports a header without a required column as row 1', () => {
    expect(() => parseProvinceReference('code,name\n01,Hà Nội', 'h.csv')).toThrow(
      /h\.csv row 1: the header lacks short_code, kind, valid_from, valid_to, source/,
    );
  });
});

describe('consistency of the maps', () => {
  const next = (p: ProvinceRef, predecessors: string[]): ProvinceRef => ({ ...p, validFrom: AFTER, validTo: null, predecessors });

  it.each<[string, () => ProvinceRef[][], RegExp]>([
    [
      'a duplicate short code',
      () => [[...OLD.slice(0, 62), { ...OLD[62], shortCode: 'HNI' }], NEW],
      /Hà Nội and Cà Mau share the short code "HNI"/,
    ],
    ['a duplicate code', () => [OLD, [...NEW.slice(0, 33), { ...NEW[33], code: '01' }]], /share the code "01"/],
    [
      'a missing predecessor',
      () => [OLD, [...NEW.slice(0, 33), { ...NEW[33], predecessors: ['96', '97'] }]],
      /96 Cà Mau \(from 2025-07-01\): predecessor "97" is not on the map valid 2025-06-30/,
    ],
    [
      'an old province left out',
      () => [OLD, [...NEW.slice(0, 33), { ...NEW[33], predecessors: ['96'] }]],
      /95 Bạc Liêu \(until 2025-06-30\) is a predecessor of 0 provinces/,
    ],
    [
      'an old province in two',
      () => [OLD, [...NEW.slice(0, 33), { ...NEW[33], predecessors: ['96', '95', '01'] }]],
      /01 Hà Nội .* is a predecessor of 2 provinces/,
    ],
    [
      'a new name under an old short code',
      () => [OLD, [...NEW.slice(0, 33), { ...NEW[33], shortCode: 'BLU' }]],
      /reuses short code BLU of Bạc Liêu/,
    ],
    [
      'a continued name under a new short code',
      () => [OLD, [...NEW.slice(0, 33), { ...NEW[33], shortCode: 'CMA' }]],
      /keeps short code CMU, not CMA/,
    ],
    ['a gap between the maps', () => [OLD, NEW.map((p) => ({ ...p, validFrom: '2025-07-02' }))], /starts 2025-07-02, not 2025-07-01/],
    ['predecessors on the first map', () => [[next(row('01', 'AAA', 'A'), ['01'])]], /has predecessors but no earlier map/],
  ])('%s throws a clear message', (_, maps, message) => {
    const error = thrown(() => new ProvinceReference(maps()));
    expect(error.code).toBe('INVALID_INPUT');
    expect(error.message).toMatch(message);
  });
});

function row(code: string, shortCode: string, name: string): ProvinceRef {
  return { code, shortCode, name, kind: 'tỉnh', validFrom: null, validTo: '2025-06-30', predecessors: [], source: 'test' };
}
