import { FormEvent, useEffect, useMemo, useState } from 'react';
import type { Contribution, IndicatorKind, IndicatorMap, MapRow, Page, TrackedIndicator } from '@dx/domain';
import { rankOutOf, readPeriod } from '@dx/domain';
import { ApiError } from './api';
import { viDate, viNumber, viPeriod, withUnit } from './format';
import { MAP_2025, mapEdition } from './map/map-edition';
import './map/province-map.css';
import { IndicatorOptions } from './options';
import { useApi } from './use-api';
import { useSettled } from './use-settled';

type Choropleth = typeof import('./map/ProvinceChoropleth').default;

/** The map with echarts and the outlines: its own chunks, fetched when a result is first shown; 'failed' if that fails. */
function useChoropleth(): Choropleth | 'failed' | null {
  const [loaded, setLoaded] = useState<Choropleth | 'failed' | null>(null);
  useEffect(() => {
    let live = true;
    import('./map/ProvinceChoropleth').then((m) => live && setLoaded(() => m.default)).catch(() => live && setLoaded('failed'));
    return () => {
      live = false;
    };
  }, []);
  return loaded;
}
/** A period the map can show (a year, a half, a quarter or a month), as a code or by its Vietnamese name (`Quý 3/2024`). */
const mapPeriod = (text: string) => {
  const p = readPeriod(text);
  return p && p.kind !== 'day' ? p.code : null;
};

const METHOD: Record<string, string> = {
  'as-recorded': 'Số liệu ghi nhận',
  sum: 'Cộng các tỉnh trước sắp xếp',
  'ratio-of-sums': 'Tỷ lệ tính lại từ tổng tử số / tổng mẫu số',
  'per-predecessor': 'Không cộng gộp (điểm/hạng): xem từng tỉnh',
  incomplete: 'Chưa đủ số liệu',
};
const FROM: Record<string, string> = { own: 'số liệu của tỉnh', district: 'cộng từ cấp huyện', commune: 'cộng từ cấp xã' };
const REASON: Record<string, string> = {
  'no data': 'chưa có số liệu',
  split: 'tỉnh đã chia tách, không phân bổ được số liệu',
  'no numerator and denominator': 'chỉ công bố tỷ lệ, thiếu tử số và mẫu số',
};

/** A readable Vietnamese sentence for a refused request (the API's detail is meant for developers). */
function explain(e: unknown): string {
  if (!(e instanceof ApiError)) return 'Không kết nối được máy chủ.';
  switch (e.problem.status) {
    case 400:
      return 'Kỳ hoặc ngày bản đồ không hợp lệ: kỳ viết dạng 2024, 2024-H1, 2024-Q3 hoặc 2024-10; ngày bản đồ phải là ngày có thật, không trước ngày cuối kỳ.';
    case 403:
      return 'Bạn không có quyền xem số liệu này: chỉ xem được tỉnh của mình và các tỉnh đã hợp thành tỉnh mình.';
    case 404:
      return 'Không tìm thấy chỉ số hoặc tỉnh này.';
    default:
      return e.problem.title || 'Có lỗi khi tải số liệu.';
  }
}

function fraction(f: Pick<Contribution, 'numerator' | 'denominator'>): string {
  if (f.numerator === null && f.denominator === null) return '';
  return ` (tử số ${viNumber(f.numerator)}, mẫu số ${viNumber(f.denominator)})`;
}

/** What the form asks for: an indicator, a period, which map (and its date for `custom`), every province or one's own. */
interface Query {
  indicator: string;
  period: string;
  map: 'period' | '2025' | 'custom';
  date: string;
  all: boolean;
}
type Change = (patch: Partial<Query>) => void;

function MapForm({
  indicators,
  query,
  change,
  everyProvince,
}: {
  indicators: TrackedIndicator[];
  query: Query;
  change: Change;
  everyProvince: boolean;
}) {
  const { indicator, period, map, date, all } = query;
  // Another indicator opens at its latest computed period.
  const pick = (code: string) => change({ indicator: code, period: indicators.find((i) => i.code === code)?.latest?.period || period });
  return (
    <form className="card filters" aria-label="Chọn chỉ số, kỳ và bản đồ" onSubmit={(e: FormEvent) => e.preventDefault()}>
      <label>
        Chỉ số
        <select value={indicator} onChange={(e) => pick(e.target.value)}>
          <IndicatorOptions indicators={indicators} />
        </select>
      </label>
      <label>
        Kỳ
        <input
          value={period}
          onChange={(e) => change({ period: e.target.value.trim() })}
          placeholder="2024, 2024-H1, 2024-Q3, 2024-10"
          aria-describedby="period-help"
          aria-invalid={period !== '' && !mapPeriod(period)}
        />
      </label>
      <span id="period-help" className="muted">
        Năm, nửa năm (H1, H2), quý (Q1–Q4) hoặc tháng, vd. 2024-Q3 hoặc Quý 3/2024
      </span>
      <fieldset>
        <legend>Bản đồ tỉnh</legend>
        <label className="inline">
          <input type="radio" name="map" checked={map === 'period'} onChange={() => change({ map: 'period' })} /> Bản đồ của kỳ
        </label>
        <label className="inline">
          <input type="radio" name="map" checked={map === '2025'} onChange={() => change({ map: '2025' })} /> Bản đồ sau sắp xếp 1/7/2025
        </label>
        <label className="inline">
          <input type="radio" name="map" checked={map === 'custom'} onChange={() => change({ map: 'custom' })} /> Bản đồ tại ngày khác
        </label>
        {map === 'custom' && (
          <label>
            Ngày bản đồ
            <input type="date" value={date} onChange={(e) => change({ date: e.target.value })} />
          </label>
        )}
      </fieldset>
      {everyProvince && (
        <label className="inline">
          <input type="checkbox" checked={all} onChange={(e) => change({ all: e.target.checked })} /> Mọi tỉnh
        </label>
      )}
    </form>
  );
}

/** The map endpoint's path for a complete query (null while it is not), the province's rows only unless `all`. */
function mapPath({ indicator, period, map, date, all }: Query, province: string): string | null {
  const code = mapPeriod(period);
  if (indicator === '' || !code || (map === 'custom' && date === '')) return null;
  const q = new URLSearchParams({ period: code });
  const on = map === '2025' ? MAP_2025 : map === 'custom' ? date : '';
  if (on) q.set('map', on);
  if (!all) q.set('province', province);
  return `/api/v1/indicators/${encodeURIComponent(indicator)}/map?${q}`;
}

/**
 * An indicator's values by province for one period, on the period's own map or re-aggregated onto a
 * later one (`GET /api/v1/indicators/:code/map`), with how each figure was made and what is missing.
 */
export function ProvinceMap({ province, everyProvince }: { province: string; everyProvince: boolean }) {
  const [query, setQuery] = useState<Query>({ indicator: '', period: '', map: 'period', date: '', all: everyProvince });
  const change: Change = (patch) => setQuery((q) => ({ ...q, ...patch }));
  const list = useApi<Page<TrackedIndicator>>(`/api/v1/indicators?province=${province}&pageSize=200`);
  useEffect(() => {
    const first = list.data?.items[0];
    if (first) setQuery((q) => ({ ...q, indicator: q.indicator || first.code, period: q.period || first.latest?.period || '' }));
  }, [list.data]);

  // Asked for once typing has paused a moment.
  const path = useSettled(mapPath(query, province), 250);
  const result = useApi<IndicatorMap>(path.value);
  const loading = path.settling || result.loading;
  const data = result.error ? null : (result.data ?? null);
  const error = result.error ? explain(result.error) : !result.data && list.error ? explain(list.error) : null;

  return (
    <div>
      <h1>So sánh theo tỉnh</h1>
      <MapForm indicators={list.data?.items ?? []} query={query} change={change} everyProvince={everyProvince} />
      <p role="status" className="muted">
        {loading ? 'Đang tải…' : ''}
      </p>
      {error && (
        <p role="alert" className="card error">
          {error}
        </p>
      )}
      {data && !error && <MapResultCard data={data} province={province} />}
    </div>
  );
}

/** The period's figures by province on the chosen map (63 units before 1/7/2025, 34 from then): coloured, and as a table. */
function MapResultCard({ data, province }: { data: IndicatorMap; province: string }) {
  const unit = data.indicator.unit;
  const values = useMemo(
    () =>
      data.rows.map((r) => {
        const rank = rankOutOf(r.rank, data.ranked);
        return {
          code: r.code,
          value: r.value === null ? null : Number(r.value),
          text: withUnit(r.value, unit, data.indicator.kind) + (rank ? `, hạng ${rank}` : ''),
        };
      }),
    [data, unit],
  );
  const edition = mapEdition(data.map);
  const ProvinceChoropleth = useChoropleth();
  return (
    <section className="card" aria-label="Kết quả so sánh">
      <h2>{data.indicator.name}</h2>
      <p className="muted">
        {viPeriod(data.period)} · bản đồ ngày {viDate(data.map)}
        {data.reaggregated ? ' · số liệu đã tính lại theo bản đồ này' : ''}
        {data.source === 'dti'
          ? ` · số liệu và thứ hạng theo bảng xếp hạng DTI năm ${data.period}, trên ${data.ranked} tỉnh, thành phố`
          : ` · ${data.ranked} tỉnh có số liệu để xếp hạng`}
      </p>
      <div className="map-layout">
        {ProvinceChoropleth === null ? (
          <p className="muted province-choropleth">Đang tải bản đồ…</p>
        ) : ProvinceChoropleth === 'failed' ? (
          <p className="error province-choropleth">Không tải được bản đồ.</p>
        ) : (
          <ProvinceChoropleth
            edition={edition}
            values={values}
            own={province}
            lowerIsBetter={data.indicator.direction === 'down'}
            caption={`Bản đồ ${edition === '2004' ? '63' : '34'} tỉnh, thành phố ngày ${viDate(data.map)}: ${data.indicator.name}, ${viPeriod(data.period)}`}
          />
        )}
        {data.rows.length === 0 ? (
          <p>Chưa có số liệu của kỳ này.</p>
        ) : (
          <table aria-label="Giá trị theo tỉnh">
            <thead>
              <tr>
                <th scope="col">Tỉnh</th>
                <th scope="col">Giá trị</th>
                <th scope="col">Hạng</th>
                <th scope="col">Cách tính</th>
              </tr>
            </thead>
            <tbody>
              {data.rows.map((r) => (
                <ProvinceRow key={r.code} row={r} unit={unit} kind={data.indicator.kind} ranked={data.ranked} own={r.code === province} />
              ))}
            </tbody>
          </table>
        )}
      </div>
    </section>
  );
}

function ProvinceRow({ row, unit, kind, ranked, own }: { row: MapRow; unit: string; kind: IndicatorKind; ranked: number; own: boolean }) {
  // A province's own recorded figure is the row itself: listed as a part only when others were combined.
  const self = row.parts.length === 1 && row.parts[0].code === row.code && row.parts[0].from === 'own';
  const detail = (row.parts.length > 0 && !self) || row.missing.length > 0;
  return (
    <>
      <tr data-testid={`map-row-${row.code}`} aria-current={own ? 'true' : undefined} className={own ? 'self' : undefined}>
        <th scope="row">{row.name}</th>
        <td>
          {withUnit(row.value, unit, kind)}
          <span className="muted">{fraction(row)}</span>
        </td>
        <td>{rankOutOf(row.rank, ranked) ?? '—'}</td>
        <td>{METHOD[row.method] ?? row.method}</td>
      </tr>
      {detail && (
        <tr className="parts">
          <td colSpan={4}>
            {row.parts.length > 0 && !self && (
              <ul aria-label={`Số liệu thành phần của ${row.name}`}>
                {row.parts.map((p) => (
                  <li key={`${p.code}-${p.from}`}>
                    {p.name}: {withUnit(p.value, unit, kind)}
                    {fraction(p)} <span className="muted">({FROM[p.from] ?? p.from})</span>
                  </li>
                ))}
              </ul>
            )}
            {row.missing.length > 0 && (
              <ul aria-label={`Số liệu còn thiếu của ${row.name}`} className="error">
                {row.missing.map((m) => (
                  <li key={m.code}>
                    Thiếu {m.name}: {REASON[m.reason] ?? m.reason}
                  </li>
                ))}
              </ul>
            )}
          </td>
        </tr>
      )}
    </>
  );
}
