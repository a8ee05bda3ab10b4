import type { DashboardResponse, Direction, IndicatorHistory, IndicatorKind } from '@dx/domain';
import { describeChange, rankOutOf } from '@dx/domain';
import { viPeriod, viRounded, withUnit as unit } from './format';
import { useApi } from './use-api';

/** A change against the previous period as every page words it: "▲4 bậc" for a rank that climbed from 7 to 3. */
function Change({ indicator, change }: { indicator: { kind: IndicatorKind; direction: Direction }; change: string }) {
  const { trend, text } = describeChange(indicator, change);
  return (
    <span className={trend === 'better' ? 'up' : trend === 'worse' ? 'down' : undefined} data-testid="change">
      {text}
    </span>
  );
}

/** A KPI's recent values as a small line (inline SVG, no chart library). */
function Sparkline({ code, province, kind }: { code: string; province: string; kind: IndicatorKind }) {
  const { data, error } = useApi<IndicatorHistory>(`/api/v1/indicators/${code}/history?province=${province}&limit=12`);
  const points = error || !data ? [] : data.points;
  if (points.length < 2) return null;
  const values = points.map((p) => Number(p.value));
  const min = Math.min(...values);
  const span = Math.max(...values) - min || 1;
  // A rank is drawn with 1 at the top, as in the reports: a climb from 7 to 3 rises.
  const rank = kind === 'rank';
  const y = (v: number) => (rank ? 4 + ((v - min) / span) * 24 : 28 - ((v - min) / span) * 24);
  const path = values.map((v, i) => `${((i / (values.length - 1)) * 100).toFixed(1)},${y(v).toFixed(1)}`).join(' ');
  return (
    <svg
      className="spark"
      viewBox="0 0 100 30"
      preserveAspectRatio="none"
      role="img"
      aria-label={`Diễn biến ${points.map((p) => `${viPeriod(p.period)}: ${viRounded(p.value, kind)}`).join(', ')}`}
    >
      <polyline points={path} fill="none" stroke="currentColor" strokeWidth="2" vectorEffect="non-scaling-stroke" />
    </svg>
  );
}

function KpiTile({ kpi: k, province }: { kpi: DashboardResponse['kpis'][number]; province: string }) {
  const target = k.nationalTarget ?? k.goalTargets[0] ?? null;
  // A rank among only one province with data ("1/1") says nothing: not shown.
  const rank = rankOutOf(k.rank?.rank ?? null, k.rank?.of ?? null);
  return (
    <div className={`tile ${target ? (target.met ? 'met' : 'not-met') : ''}`} data-testid={`kpi-${k.indicator.code}`}>
      <div className="name">{k.indicator.name}</div>
      <div className="value">{unit(k.value, k.indicator.unit, k.indicator.kind)}</div>
      <Sparkline code={k.indicator.code} province={province} kind={k.indicator.kind} />
      <div className="muted">
        {viPeriod(k.period)}
        {target && (
          <>
            {' '}
            · chỉ tiêu {target.op} {unit(target.target, k.indicator.unit, k.indicator.kind)} · {target.met ? 'đạt' : 'chưa đạt'}
          </>
        )}
        {k.previous.change !== null && (
          <>
            {' '}
            · so với kỳ trước <Change indicator={k.indicator} change={k.previous.change} />
          </>
        )}
        {rank && <> · hạng {rank}</>}
      </div>
    </div>
  );
}

/** The dashboard's KPIs with a target, as tiles: value, trend, target, change, rank. */
export function KpiTiles({ kpis, province }: { kpis: DashboardResponse['kpis']; province: string }) {
  return (
    <section className="card" aria-label="Chỉ số">
      <h2>Chỉ số</h2>
      <div className="tiles">
        {kpis.map((k) => (
          <KpiTile key={k.indicator.code} kpi={k} province={province} />
        ))}
      </div>
    </section>
  );
}
