import { useEffect, useMemo, useState } from 'react';
import type { DtiHistory, DtiRanking as DtiRankingData, DtiRankingRow } from '@dx/domain';
import { describeChange, RANK_MEASURE } from '@dx/domain';
import { ApiError } from './api';
import { biggestMoves, firstDirection, pillarNames, rankLabel, SortDirection, SortKey, sortRows } from './dti-ranking-table';
import './dti-ranking.css';
import { viNumber } from './format';
import { useApi } from './use-api';
import { useSettled } from './use-settled';

const score = (s: string | null) => (s === null ? '—' : viNumber(s));
const validYear = (y: string) => /^\d{4}$/.test(y) && Number(y) >= 2000 && Number(y) <= 2100;

/** Places gained (positive is up) as every page words a change of rank: "▲4 bậc", "▼2 bậc", "không đổi". */
function Move({ row }: { row: DtiRankingRow }) {
  if (row.rankChange === null) return <span className="muted">{row.previous ? '—' : 'chưa xếp hạng năm trước'}</span>;
  const { trend, text, words } = describeChange(RANK_MEASURE, -row.rankChange);
  if (trend === 'same') return <span>{text}</span>;
  return (
    <span className={trend === 'better' ? 'up' : 'down'} role="img" aria-label={words}>
      {text}
    </span>
  );
}

/** A column heading that sorts the table by its column; a second click turns the order round. */
function SortHeader({ label, column, sort, onSort }: { label: string; column: SortKey; sort: Sort; onSort: (key: SortKey) => void }) {
  const active = sort.key === column;
  return (
    <th scope="col" aria-sort={active ? sort.direction : 'none'}>
      <button type="button" className="sort" onClick={() => onSort(column)}>
        {label}
        <span aria-hidden="true">{active ? (sort.direction === 'ascending' ? ' ▴' : ' ▾') : ''}</span>
      </button>
    </th>
  );
}

interface Sort {
  key: SortKey;
  direction: SortDirection;
}

function RankingTable({ data, province }: { data: DtiRankingData; province: string }) {
  const [sort, setSort] = useState<Sort>({ key: 'rank', direction: 'ascending' });
  const pillars = useMemo(() => pillarNames(data.items), [data]);
  const rows = useMemo(() => sortRows(data.items, sort.key, sort.direction), [data, sort]);
  const onSort = (key: SortKey) =>
    setSort((s) => ({ key, direction: s.key !== key ? firstDirection(key) : s.direction === 'ascending' ? 'descending' : 'ascending' }));
  const head = { sort, onSort };
  return (
    <div className="dti-ranking-scroll">
      <table className="dti-ranking-table" aria-label={`Xếp hạng DTI năm ${data.year}`}>
        <thead>
          <tr>
            <SortHeader label="Hạng" column="rank" {...head} />
            <SortHeader label="Tỉnh, thành phố" column="name" {...head} />
            <SortHeader label="Điểm DTI" column="score" {...head} />
            <SortHeader label={`So với năm ${data.year - 1}`} column="change" {...head} />
            {pillars.map((p) => (
              <SortHeader key={p} label={`Trụ cột ${p}`} column={`pillar:${p}`} {...head} />
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr
              key={r.name}
              data-testid={`dti-row-${r.province ?? r.name}`}
              className={r.province === province ? 'self' : undefined}
              aria-current={r.province === province ? 'true' : undefined}
            >
              <td>
                {rankLabel(r.rank, data.items)}
                {r.rank !== null && !r.rankGiven && <span className="muted"> (tính từ điểm)</span>}
              </td>
              <th scope="row">{r.name}</th>
              <td>{score(r.score)}</td>
              <td>
                <Move row={r} />
              </td>
              {pillars.map((p) => (
                <td key={p}>
                  {score(r.pillars[p]?.score ?? null)}
                  {r.pillars[p]?.rank != null && <span className="muted"> (hạng {r.pillars[p].rank})</span>}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** The largest rise and fall of the year, in words. */
function Movers({ data }: { data: DtiRankingData }) {
  const { riser, faller } = biggestMoves(data.items);
  if (!riser && !faller) return null;
  return (
    <p data-testid="dti-movers">
      {riser && (
        <>
          Tăng nhiều nhất: <strong>{riser.name}</strong> <Move row={riser} />
        </>
      )}
      {riser && faller && ' · '}
      {faller && (
        <>
          Giảm nhiều nhất: <strong>{faller.name}</strong> <Move row={faller} />
        </>
      )}
    </p>
  );
}

/**
 * A year's national DTI table of the provinces (`GET /api/v1/dti/:year`): overall score and rank (ties marked),
 * the change of rank since the year before, the pillar scores; every column sorts. It opens at the latest year
 * the user's province has results for.
 */
export function DtiRanking({ province }: { province: string }) {
  const history = useApi<DtiHistory>(`/api/v1/dti/provinces/${province}`);
  const [year, setYear] = useState('');
  const years = useMemo(() => (history.data?.years ?? []).map((y) => y.year).sort((a, b) => b - a), [history.data]);
  useEffect(() => {
    if (year !== '') return;
    if (years.length) setYear(String(years[0]));
    else if (history.error) setYear(String(new Date().getFullYear() - 1));
  }, [years, history.error, year]);

  const path = useSettled(validYear(year) ? `/api/v1/dti/${year}?group=provinces` : null, 250);
  const result = useApi<DtiRankingData>(path.value);
  const empty = result.error instanceof ApiError && result.error.problem.status === 404;
  const failed = result.error && !empty ? 'Không tải được bảng xếp hạng DTI.' : null;
  const data = result.error || result.from !== path.value ? null : (result.data ?? null);

  return (
    <div>
      <h1>Xếp hạng DTI</h1>
      <form className="card filters" aria-label="Chọn năm xếp hạng" onSubmit={(e) => e.preventDefault()}>
        <label>
          Năm
          <input
            type="number"
            min={2000}
            max={2100}
            value={year}
            onChange={(e) => setYear(e.target.value.trim())}
            aria-invalid={year !== '' && !validYear(year)}
          />
        </label>
        {years.length > 0 && <span className="muted">Năm có kết quả của tỉnh: {years.join(', ')}</span>}
      </form>
      <p role="status" className="muted">
        {path.settling || result.loading ? 'Đang tải…' : ''}
      </p>
      {failed && (
        <p role="alert" className="card error">
          {failed}
        </p>
      )}
      {empty && <p className="card">Năm {year}: chưa có số liệu xếp hạng DTI.</p>}
      {data && (
        <section className="card" aria-label="Bảng xếp hạng DTI">
          <h2>Chỉ số chuyển đổi số cấp tỉnh (DTI) năm {data.year}</h2>
          <p className="muted">{data.total} tỉnh, thành phố trong bảng · hạng bằng nhau ghi “đồng hạng” · bấm tiêu đề cột để sắp xếp</p>
          <Movers data={data} />
          {data.items.length === 0 ? <p>Chưa có số liệu.</p> : <RankingTable data={data} province={province} />}
        </section>
      )}
    </div>
  );
}
