import { KpiView, kpiPage } from './province-summary';

const kpi = (code: string, target: 'goal' | 'national' | null): KpiView => ({
  indicator: { code, name: code, unit: '%', kind: 'percent', direction: 'up' },
  period: '2024-06',
  value: '1',
  previous: { period: '2024-05', value: null, change: null, changeRelative: null },
  yearAgo: { period: '2023-06', value: null, change: null, changeRelative: null },
  goalTargets:
    target === 'goal' ? [{ goalCode: 'MT1', documentCode: 'KH', op: '>=', target: '2', gap: '-1', attainment: '50', met: false }] : [],
  nationalTarget: target === 'national' ? { op: '>=', target: '1', gap: '0', attainment: '100', met: true } : null,
  rank: null,
});

describe('kpiPage', () => {
  const kpis = [kpi('a', null), kpi('b', 'goal'), kpi('c', null), kpi('d', 'national'), kpi('e', null)];
  const codes = (page: { items: KpiView[] }) => page.items.map((k) => k.indicator.code);

  it('puts the KPIs with a goal or national target first, each part in the order read', () => {
    expect(codes(kpiPage(kpis, 1, 10))).toEqual(['b', 'd', 'a', 'c', 'e']);
  });

  it('pages, with the total of every page', () => {
    expect(kpiPage(kpis, 1, 2)).toMatchObject({ total: 5 });
    expect(codes(kpiPage(kpis, 1, 2))).toEqual(['b', 'd']);
    expect(codes(kpiPage(kpis, 3, 2))).toEqual(['e']);
    expect(kpiPage(kpis, 4, 2)).toEqual({ items: [], total: 5 });
    expect(kpiPage([], 1, 50)).toEqual({ items: [], total: 0 });
  });
});
