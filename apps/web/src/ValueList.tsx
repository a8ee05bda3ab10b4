import { useEffect, useState } from 'react';
import {
  viMoment,
  type ObservationItem,
  type Serialized,
  type ObservationListSort,
  type Page,
  type ProvinceResponse,
  type TrackedIndicator,
} from '@dx/domain';
import type { User } from './api';
import { viPeriod, withUnit } from './format';
import { IndicatorOptions } from './options';
import { useApi } from './use-api';
import { CorrectDialog, RemoveDialog } from './ValueDialogs';
import { PageButtons } from './PageButtons';

/** A KPI value as the list answer reads after JSON. */
type Item = Serialized<ObservationItem>;

const SORTS: Record<ObservationListSort, string> = {
  '-entered': 'mới nhập trước',
  '-period': 'kỳ mới trước',
  period: 'kỳ cũ trước',
  indicator: 'theo chỉ số',
  org: 'theo đơn vị',
};
const PAGE_SIZE = 20;

interface Filters {
  indicator: string;
  period: string;
  org: string;
  sort: ObservationListSort;
}

/** The province's agencies (GET /api/v1/provinces/:code), for the agency filter. */
/** Officers and admins correct or remove any value of the province; a reporter only those it entered itself. */
const mayEdit = (user: User, o: Item) =>
  user.role === 'admin' || user.role === 'officer' || (user.role === 'reporter' && o.enteredBy === user.username);

function FilterBar({ province, filters, onChange }: { province: string; filters: Filters; onChange: (f: Filters) => void }) {
  const { data: list } = useApi<Page<TrackedIndicator>>(`/api/v1/indicators?province=${province}&pageSize=200`);
  const { data: place } = useApi<ProvinceResponse>(`/api/v1/provinces/${province}`);
  const [period, setPeriod] = useState(filters.period);
  return (
    <form
      className="filters"
      aria-label="Lọc số liệu"
      onSubmit={(e) => {
        e.preventDefault();
        onChange({ ...filters, period: period.trim() });
      }}
    >
      <label>
        Chỉ số
        <select aria-label="Chỉ số" value={filters.indicator} onChange={(e) => onChange({ ...filters, indicator: e.target.value })}>
          <option value="">tất cả</option>
          <IndicatorOptions indicators={list?.items ?? []} />
        </select>
      </label>
      <label>
        Đơn vị
        <select aria-label="Đơn vị" value={filters.org} onChange={(e) => onChange({ ...filters, org: e.target.value })}>
          <option value="">tất cả</option>
          {place && <option value={place.code}>{place.name}</option>}
          {place?.agencies.map((a) => (
            <option key={a.code} value={a.code}>
              {a.name}
            </option>
          ))}
        </select>
      </label>
      <label>
        Kỳ
        <input value={period} onChange={(e) => setPeriod(e.target.value)} placeholder="Quý 1/2024, Tháng 3/2024, Năm 2024" />
      </label>
      <button type="submit">Lọc</button>
      <label>
        Sắp xếp
        <select
          aria-label="Sắp xếp"
          value={filters.sort}
          onChange={(e) => onChange({ ...filters, sort: e.target.value as ObservationListSort })}
        >
          {Object.entries(SORTS).map(([k, v]) => (
            <option key={k} value={k}>
              {v}
            </option>
          ))}
        </select>
      </label>
    </form>
  );
}

function ValueRow({ o, editable, onCorrect, onRemove }: { o: Item; editable: boolean; onCorrect: () => void; onRemove: () => void }) {
  return (
    <tr data-testid={`value-${o.id}`}>
      <td>
        <code>{o.indicator}</code>
        <br />
        {o.indicatorName}
      </td>
      <td>{o.org}</td>
      <td>{viPeriod(o.period)}</td>
      <td className="num">{withUnit(o.value, o.unit)}</td>
      <td>{o.enteredBy}</td>
      <td>{viMoment(o.enteredAt)}</td>
      <td className="muted">{o.source ?? '—'}</td>
      <td>
        {editable && (
          <>
            <button type="button" onClick={onCorrect} aria-label={`Sửa ${o.indicator} kỳ ${o.period} của ${o.org}`}>
              Sửa
            </button>{' '}
            <button type="button" onClick={onRemove} aria-label={`Xóa ${o.indicator} kỳ ${o.period} của ${o.org}`}>
              Xóa
            </button>
          </>
        )}
      </td>
    </tr>
  );
}

/** A page of values; the rows the user may change have their buttons. */
function ValueTable({ items, user, onEdit }: { items: Item[]; user: User; onEdit: (value: Item, action: 'correct' | 'remove') => void }) {
  return (
    <table aria-label="Danh sách số liệu">
      <thead>
        <tr>
          <th>Chỉ số</th>
          <th>Đơn vị</th>
          <th>Kỳ</th>
          <th>Giá trị</th>
          <th>Người nhập</th>
          <th>Thời điểm nhập</th>
          <th>Nguồn</th>
          <th>Thao tác</th>
        </tr>
      </thead>
      <tbody>
        {items.map((o) => (
          <ValueRow
            key={o.id}
            o={o}
            editable={mayEdit(user, o)}
            onCorrect={() => onEdit(o, 'correct')}
            onRemove={() => onEdit(o, 'remove')}
          />
        ))}
      </tbody>
    </table>
  );
}

/** The values entered, filtered by indicator, agency and period, sorted and paged; each corrected or removed in a dialog. */
export function ValueList({ user, province, changes }: { user: User; province: string; changes: number }) {
  const [filters, setFilters] = useState<Filters>({ indicator: '', period: '', org: '', sort: '-entered' });
  const [page, setPage] = useState(1);
  const [editing, setEditing] = useState<{ value: Item; action: 'correct' | 'remove' } | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const q = new URLSearchParams({ province, page: String(page), pageSize: String(PAGE_SIZE), sort: filters.sort });
  for (const k of ['indicator', 'period', 'org'] as const) if (filters[k]) q.set(k, filters[k]);
  const { data, error, reload } = useApi<Page<Item>>(`/api/v1/observations?${q}`);
  useEffect(() => {
    if (changes) void reload();
  }, [changes, reload]);
  const closed = (m: string | null) => {
    setEditing(null);
    if (m) setMessage(m);
    void reload();
  };
  return (
    <section className="card" aria-label="Số liệu đã nhập">
      <h2>Số liệu đã nhập</h2>
      <FilterBar
        province={province}
        filters={filters}
        onChange={(f) => {
          setFilters(f);
          setPage(1);
        }}
      />
      {message && <p role="status">{message}</p>}
      {error ? <p className="error">Không tải được danh sách số liệu</p> : null}
      {!data ? (
        !error && <p className="muted">Đang tải…</p>
      ) : data.items.length === 0 ? (
        <p className="muted">Chưa có số liệu nào{filters.indicator || filters.org || filters.period ? ' khớp bộ lọc' : ''}.</p>
      ) : (
        <ValueTable items={data.items} user={user} onEdit={(value, action) => setEditing({ value, action })} />
      )}
      <div className="filters">
        {data && (
          <span className="muted">
            {data.total} số liệu · trang {page}
          </span>
        )}
        <PageButtons page={page} setPage={setPage} data={data} />
      </div>
      {editing?.action === 'correct' && <CorrectDialog value={editing.value} onClose={closed} />}
      {editing?.action === 'remove' && <RemoveDialog value={editing.value} onClose={closed} />}
    </section>
  );
}
