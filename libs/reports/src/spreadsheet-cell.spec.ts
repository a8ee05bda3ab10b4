import { inertCellValue } from './spreadsheet-cell';

describe('inertCellValue', () => {
  it.each([
    ['=HYPERLINK("http://x","y")', '\'=HYPERLINK("http://x","y")'],
    ['@SUM(A1)', "'@SUM(A1)"],
    ['+84 912 345 678', "'+84 912 345 678"],
    ['-1+1', "'-1+1"],
    ['\t=1', "'\t=1"],
    ['\r=1', "'\r=1"],
    ["=cmd|' /C calc'!A0", "'=cmd|' /C calc'!A0"],
  ])('escapes text that a spreadsheet would evaluate: %p', (text, escaped) => {
    expect(inertCellValue(text)).toBe(escaped);
  });

  it.each(['Tập huấn kỹ năng số', '>= 80', '1-2', 'a=b', ' =1', '', "'quoted", '37/KH-UBND', '−0,01 điểm'])(
    'leaves other text as it is: %p',
    (text) => {
      expect(inertCellValue(text)).toBe(text);
    },
  );

  it.each([-5, 0, 99.2, -0.0001, null, undefined, true])('leaves non-text as it is: %p', (value) => {
    expect(inertCellValue(value)).toBe(value);
  });
});
