import { useState } from 'react';
import type { AuditLogEntry, Page, Serialized } from '@dx/domain';
import { useApi } from './use-api';

const KINDS: Record<string, string> = {
  '': 'tất cả',
  task: 'nhiệm vụ',
  observation: 'số liệu',
  submission: 'cập nhật chờ duyệt',
  directive: 'chỉ đạo',
  province: 'tỉnh',
  report_schedule: 'lịch báo cáo',
};

/** What changed, briefly: the fields whose values differ between before and after. */
function changes(before: unknown, after: unknown): string {
  if (!after || typeof after !== 'object') return '';
  const b = (before && typeof before === 'object' ? before : {}) as Record<string, unknown>;
  return Object.entries(after as Record<string, unknown>)
    .filter(
      ([k, v]) =>
        !['updatedAt', 'version', 'computedAt', 'enteredAt', 'submittedAt', 'createdAt'].includes(k) &&
        JSON.stringify(v) !== JSON.stringify(b[k]) &&
        (typeof v !== 'object' || v === null),
    )
    .slice(0, 4)
    .map(([k, v]) => `${k}: ${b[k] === undefined || b[k] === null ? '—' : String(b[k])} → ${v === null ? '—' : String(v)}`)
    .join('; ');
}

/** The province's audit trail (who, when, from where, what), newest first, for any kind of item. */
export function Audit({ province }: { province: string }) {
  const [kind, setKind] = useState('');
  const [page, setPage] = useState(1);
  const q = new URLSearchParams({ province, page: String(page), pageSize: '50' });
  if (kind) q.set('entity', kind);
  const { data } = useApi<Page<Serialized<AuditLogEntry>>>(`/api/v1/audit?${q}`);
  return (
    <div>
      <h1>Nhật ký thay đổi</h1>
      <div className="filters">
        <label>
          Loại
          <select
            value={kind}
            onChange={(e) => {
              setKind(e.target.value);
              setPage(1);
            }}
          >
            {Object.entries(KINDS).map(([k, v]) => (
              <option key={k} value={k}>
                {v}
              </option>
            ))}
          </select>
        </label>
        {data && <span className="muted">{data.total} mục</span>}
        <button type="button" disabled={page === 1} onClick={() => setPage(page - 1)}>
          Trang trước
        </button>
        <button type="button" disabled={!data || page * data.pageSize >= data.total} onClick={() => setPage(page + 1)}>
          Trang sau
        </button>
      </div>
      <table aria-label="Nhật ký">
        <thead>
          <tr>
            <th>Thời điểm</th>
            <th>Người thực hiện</th>
            <th>Hành động</th>
            <th>Đối tượng</th>
            <th>Thay đổi</th>
          </tr>
        </thead>
        <tbody>
          {data?.items.map((e) => (
            <tr key={e.id}>
              <td>{new Date(e.at).toLocaleString('vi-VN')}</td>
              <td>
                {e.actor}
                {e.ip ? <span className="muted"> · {e.ip}</span> : null}
              </td>
              <td>{e.action}</td>
              <td>{KINDS[e.entityKind] ?? e.entityKind}</td>
              <td className="muted">{changes(e.before, e.after)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
