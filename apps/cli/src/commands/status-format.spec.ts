import type { KpiView, ProvinceSummary } from '@dx/status-engine';
import { formatProvinceStatus } from './status-format';

const kpi = (code: string, rank: KpiView['rank']): KpiView => ({
  indicator: { code, name: code, unit: 'hạng', kind: 'rank', direction: 'down' },
  period: '2022',
  value: '3',
  previous: { period: '2021', value: null, change: null, changeRelative: null },
  yearAgo: { period: '2021', value: null, change: null, changeRelative: null },
  goalTargets: [],
  nationalTarget: null,
  rank,
});

const kpiLine = (k: KpiView): string => {
  const summary: ProvinceSummary = {
    province: { code: 'QNI', name: 'Quảng Ninh' },
    asOf: '2023-10-31',
    computedAt: '2023-11-15T00:00:00.000Z',
    totals: { goals: null, tasks: null },
    documents: [],
    kpis: [k],
  };
  return formatProvinceStatus(summary)
    .split('\n')
    .find((l) => l.startsWith(`  ${k.indicator.code}:`))!;
};

describe('formatProvinceStatus: what a KPI rank is out of', () => {
  it.each([
    [
      "a DTI-fed indicator ranks among every province on the year's map",
      { rank: 3, of: 63, percentile: '96.77', source: 'dti' } as const,
      'xếp thứ 3/63 tỉnh, thành phố',
    ],
    [
      'any other indicator ranks among the provinces here with data',
      { rank: 2, of: 5, percentile: '75', source: 'observations' } as const,
      'xếp thứ 2/5 tỉnh có số liệu',
    ],
  ])('%s', (_, rank, words) => {
    const line = kpiLine(kpi('x', rank));
    expect(line).toContain(words);
    expect(line.endsWith(words)).toBe(true);
  });

  it('says no rank among one province with data, nor without a rank', () => {
    expect(kpiLine(kpi('x', { rank: 1, of: 1, percentile: '100', source: 'observations' }))).not.toMatch(/xếp thứ/);
    expect(kpiLine(kpi('x', null))).not.toMatch(/xếp thứ/);
  });
});
