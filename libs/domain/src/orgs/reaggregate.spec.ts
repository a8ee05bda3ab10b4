import { MapUnit, reaggregate, ReaggregateInput, SuccessionLink, UnitFigure } from './reaggregate';

// Before 2025-07-01: AA, BB, CC (merging into MM), DD (unchanged), EE (renamed FF), GG (split into HH and GG).
// AA has districts AA1, AA2; the district tier is removed on the same day.
const ended = '2025-06-30';
const p = (id: string, validFrom: string | null = null, validTo: string | null = null): MapUnit => ({
  id,
  code: id,
  name: `Tỉnh ${id}`,
  kind: 'province',
  provinceId: id,
  validFrom,
  validTo,
});
const d = (id: string, provinceId: string): MapUnit => ({
  id,
  code: id,
  name: `Huyện ${id}`,
  kind: 'district',
  provinceId,
  validFrom: null,
  validTo: ended,
});
const units: MapUnit[] = [
  p('AA', null, ended),
  p('BB', null, ended),
  p('CC', null, ended),
  p('DD'),
  p('EE', null, ended),
  p('GG'),
  p('MM', '2025-07-01'),
  p('FF', '2025-07-01'),
  p('HH', '2025-07-01'),
  d('AA1', 'AA'),
  d('AA2', 'AA'),
];
const links: SuccessionLink[] = [
  ...['AA', 'BB', 'CC'].map((id) => ({ predecessorId: id, successorId: 'MM', effective: '2025-07-01' })),
  { predecessorId: 'EE', successorId: 'FF', effective: '2025-07-01' },
  { predecessorId: 'GG', successorId: 'HH', effective: '2025-07-01' },
  { predecessorId: 'AA1', successorId: 'AA', effective: '2025-07-01' },
  { predecessorId: 'AA2', successorId: 'AA', effective: '2025-07-01' },
];
const v = (unitId: string, value: string | null, numerator: string | null = null, denominator: string | null = null): UnitFigure => ({
  unitId,
  value,
  numerator,
  denominator,
});
const run = (over: Partial<ReaggregateInput>) =>
  reaggregate({
    kind: 'count',
    scale: null,
    direction: 'up',
    periodEnd: '2024-12-31',
    mapDate: '2025-07-01',
    units,
    links,
    figures: [],
    ...over,
  });
const row = (rows: ReturnType<typeof reaggregate>, code: string) => rows.find((r) => r.code === code)!;

describe('reaggregate onto a later map', () => {
  it('sums counts and amounts of the merged provinces; an unchanged province keeps its figure; a renamed one carries its own', () => {
    const rows = run({ figures: [v('AA', '10'), v('BB', '20'), v('CC', '30.5'), v('DD', '5'), v('EE', '7')] });
    expect(row(rows, 'MM')).toMatchObject({ value: '60.5', method: 'sum', missing: [] });
    expect(row(rows, 'MM').parts.map((x) => [x.code, x.value, x.from])).toEqual([
      ['AA', '10', 'own'],
      ['BB', '20', 'own'],
      ['CC', '30.5', 'own'],
    ]);
    expect(row(rows, 'DD')).toMatchObject({ value: '5', method: 'as-recorded' });
    expect(row(rows, 'FF')).toMatchObject({ value: '7', method: 'sum', parts: [{ code: 'EE' }] });
    expect(rows.map((r) => [r.code, r.rank])).toEqual([
      ['DD', 3],
      ['FF', 2],
      ['GG', null],
      ['HH', null],
      ['MM', 1],
    ]);
    expect(run({ kind: 'amount', figures: [v('AA', '1.25'), v('BB', '2'), v('CC', '3')] }).find((r) => r.code === 'MM')).toMatchObject({
      value: '6.25',
      method: 'sum',
    });
  });

  it('recomputes a ratio from summed numerators and denominators, never the average of the ratios', () => {
    const figures = [v('AA', '50', '50', '100'), v('BB', '10', '10', '100'), v('CC', '10', '90', '900')];
    const mm = row(run({ kind: 'ratio', scale: '100', figures }), 'MM');
    // 150 / 1100 × 100, where the average of 50, 10 and 10 would be 23.33.
    expect(mm).toMatchObject({ numerator: '150', denominator: '1100', value: '13.636364', method: 'ratio-of-sums' });
    expect(row(run({ kind: 'percent', scale: null, figures }), 'MM').value).toBe('13.636364');
    // One predecessor published only the percentage: the ratio cannot be rebuilt, and says why.
    const partial = row(run({ kind: 'ratio', scale: '100', figures: [figures[0], figures[1], v('CC', '10')] }), 'MM');
    expect(partial).toMatchObject({ value: null, method: 'incomplete', missing: [{ code: 'CC', reason: 'no numerator and denominator' }] });
  });

  it('does not combine scores, ranks or yes/no values: the merged province shows them per predecessor', () => {
    for (const kind of ['score', 'rank', 'boolean'] as const) {
      const rows = run({
        kind,
        direction: kind === 'rank' ? 'down' : 'up',
        figures: [v('AA', '3'), v('BB', '12'), v('CC', '40'), v('DD', '7')],
      });
      expect(row(rows, 'MM')).toMatchObject({ value: null, method: 'per-predecessor' });
      expect(row(rows, 'MM').parts.map((x) => x.value)).toEqual(['3', '12', '40']);
      expect(row(rows, 'DD')).toMatchObject({ value: '7', method: 'as-recorded', rank: 1 });
    }
  });

  it("keeps a rank published with the figures (a DTI table's, out of every province) rather than ranking the rows shown", () => {
    // A table ranks DD 7th and EE 3rd: shown alone they would be 2nd and 1st.
    const figures = [
      { ...v('DD', '7'), rank: 7 },
      { ...v('EE', '3'), rank: 3 },
    ];
    const own = run({ kind: 'rank', direction: 'down', mapDate: '2024-12-31', figures });
    expect(own.filter((r) => r.value !== null).map((r) => [r.code, r.value, r.rank])).toEqual([
      ['DD', '7', 7],
      ['EE', '3', 3],
    ]);
    // A score keeps its part's rank too; a figure combined on a later map has none.
    const later = run({
      kind: 'score',
      figures: [
        { ...v('AA', '0.8'), rank: 1 },
        { ...v('BB', '0.5'), rank: 9 },
        { ...v('DD', '0.6'), rank: 5 },
        { ...v('EE', '0.7'), rank: 2 },
      ],
    });
    expect(later.map((r) => [r.code, r.rank])).toEqual([
      ['DD', 5],
      ['FF', null],
      ['GG', null],
      ['HH', null],
      ['MM', null],
    ]);
  });

  it('leaves a merged figure out when a predecessor has no data, and lists it', () => {
    const mm = row(run({ figures: [v('AA', '10'), v('BB', '20')] }), 'MM');
    expect(mm).toMatchObject({ value: null, method: 'incomplete', missing: [{ code: 'CC', name: 'Tỉnh CC', reason: 'no data' }] });
  });

  it('uses the districts of a province without its own figure (the district tier removed), and never both', () => {
    const fromDistricts = row(run({ figures: [v('AA1', '4'), v('AA2', '6'), v('BB', '20'), v('CC', '30')] }), 'MM');
    expect(fromDistricts).toMatchObject({ value: '60', method: 'sum' });
    expect(fromDistricts.parts[0]).toEqual({
      code: 'AA',
      name: 'Tỉnh AA',
      from: 'district',
      value: '10',
      numerator: null,
      denominator: null,
    });
    // The province's own figure wins over its districts' (no double counting).
    expect(row(run({ figures: [v('AA', '11'), v('AA1', '4'), v('AA2', '6'), v('BB', '20'), v('CC', '30')] }), 'MM').value).toBe('61');
    // Districts' ratios are rebuilt from their numerators and denominators as well.
    const ratio = row(
      run({
        kind: 'ratio',
        scale: '100',
        figures: [v('AA1', '50', '1', '2'), v('AA2', '100', '3', '3'), v('BB', '0', '0', '5'), v('CC', '100', '10', '10')],
      }),
      'MM',
    );
    expect(ratio).toMatchObject({ numerator: '14', denominator: '20', value: '70' });
  });

  it("cannot allocate a split province's figure to its successors", () => {
    const rows = run({ figures: [v('GG', '9')] });
    expect(row(rows, 'GG')).toMatchObject({ value: null, missing: [{ code: 'GG', reason: 'split' }] });
    expect(row(rows, 'HH')).toMatchObject({ value: null, missing: [{ code: 'GG', reason: 'split' }] });
  });

  it('on the map of the period itself every province shows its own figure', () => {
    const rows = run({ mapDate: '2024-12-31', figures: [v('AA', '10'), v('BB', '20'), v('DD', '5')] });
    expect(rows.map((r) => [r.code, r.value, r.method])).toEqual([
      ['AA', '10', 'as-recorded'],
      ['BB', '20', 'as-recorded'],
      ['CC', null, 'incomplete'],
      ['DD', '5', 'as-recorded'],
      ['EE', null, 'incomplete'],
      ['GG', null, 'incomplete'],
    ]);
  });
});
