import { FormEvent, useState } from 'react';
import {
  AUDIT_ENTITY_LABELS_VI,
  auditActionLabel,
  auditChangeText,
  viMoment,
  type AuditLogEntry,
  type Page,
  type Serialized,
} from '@dx/domain';
import { session } from './api';
import { TASK_STATUS } from './format';
import { useApi } from './use-api';
import { PageButtons } from './PageButtons';

const KINDS = ['task', 'observation', 'submission', 'directive', 'province', 'report_schedule'] as const;

interface Filters {
  kind: string;
  from: string;
  to: string;
  actor: string;
}

/** The query the list and the export share. */
function auditQuery(province: string, f: Filters): URLSearchParams {
  const q = new URLSearchParams({ province });
  if (f.kind) q.set('entity', f.kind);
  if (f.from) q.set('from', f.from);
  if (f.to) q.set('to', f.to);
  if (f.actor.trim()) q.set('actor', f.actor.trim());
  return q;
}

/** Downloads the filtered log as XLSX with the session's token (a plain link could not send it); the problem's detail when refused. */
async function exportXlsx(province: string, f: Filters): Promise<string | null> {
  const res = await fetch(`/api/v1/audit/export?${auditQuery(province, f)}`, {
    headers: { Authorization: `Bearer ${session.token()}`, 'Accept-Language': 'vi' },
  });
  if (!res.ok) return ((await res.json().catch(() => null)) as { detail?: string } | null)?.detail ?? 'Không xuất được nhật ký';
  const url = URL.createObjectURL(await res.blob());
  const a = document.createElement('a');
  a.href = url;
  a.download = /filename="([^"]+)"/.exec(res.headers.get('Content-Disposition') ?? '')?.[1] ?? `nhat-ky-${province}.xlsx`;
  a.click();
  URL.revokeObjectURL(url);
  return null;
}

/** Kind of item, date range (days in Việt Nam) and person; the date fields and the name apply with "Lọc". */
function FilterBar({ filters, onChange }: { filters: Filters; onChange: (f: Filters) => void }) {
  const [draft, setDraft] = useState(filters);
  const apply = (e: FormEvent) => {
    e.preventDefault();
    onChange(draft);
  };
  return (
    <form className="filters" aria-label="Lọc nhật ký" onSubmit={apply}>
      <label>
        Loại
        <select
          value={filters.kind}
          onChange={(e) => {
            setDraft({ ...draft, kind: e.target.value });
            onChange({ ...draft, kind: e.target.value });
          }}
        >
          <option value="">tất cả</option>
          {KINDS.map((k) => (
            <option key={k} value={k}>
              {AUDIT_ENTITY_LABELS_VI[k]}
            </option>
          ))}
        </select>
      </label>
      <label>
        Từ ngày
        <input type="date" value={draft.from} onChange={(e) => setDraft({ ...draft, from: e.target.value })} />
      </label>
      <label>
        Đến ngày
        <input type="date" value={draft.to} onChange={(e) => setDraft({ ...draft, to: e.target.value })} />
      </label>
      <label>
        Người thực hiện
        <input value={draft.actor} onChange={(e) => setDraft({ ...draft, actor: e.target.value })} placeholder="tên đăng nhập" />
      </label>
      <button type="submit">Lọc</button>
    </form>
  );
}

function EntryRow({ e }: { e: Serialized<AuditLogEntry> }) {
  return (
    <tr>
      <td>{viMoment(e.at)}</td>
      <td>
        {e.actor}
        {e.ip ? <span className="muted"> · {e.ip}</span> : null}
      </td>
      <td>{auditActionLabel(e.action)}</td>
      <td>
        <span className="muted">{AUDIT_ENTITY_LABELS_VI[e.entityKind] ?? e.entityKind}</span>
        {e.entityLabel ? (
          <>
            <br />
            <span>{e.entityLabel}</span>
          </>
        ) : null}
      </td>
      <td>{auditChangeText(e.before, e.after, TASK_STATUS)}</td>
    </tr>
  );
}

/** A page of entries, newest first. */
function EntryTable({ items }: { items: Serialized<AuditLogEntry>[] }) {
  return (
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
        {items.map((e) => (
          <EntryRow key={e.id} e={e} />
        ))}
      </tbody>
    </table>
  );
}

/** The province's audit trail (who, when, from where, what), newest first, for any kind of item; filtered, and exported to Excel. */
export function Audit({ province }: { province: string }) {
  const [filters, setFilters] = useState<Filters>({ kind: '', from: '', to: '', actor: '' });
  const [page, setPage] = useState(1);
  const [problem, setProblem] = useState<string | null>(null);
  const q = auditQuery(province, filters);
  q.set('page', String(page));
  q.set('pageSize', '50');
  const { data, error } = useApi<Page<Serialized<AuditLogEntry>>>(`/api/v1/audit?${q}`);
  const refused =
    error && typeof error === 'object' && 'problem' in error ? (error as { problem: { detail: string } }).problem.detail : null;
  return (
    <div>
      <h1>Nhật ký thay đổi</h1>
      <FilterBar
        filters={filters}
        onChange={(f) => {
          setFilters(f);
          setPage(1);
        }}
      />
      <div className="filters">
        {data && <span className="muted">{data.total} mục</span>}
        <PageButtons page={page} setPage={setPage} data={data} />
        <button type="button" onClick={() => void exportXlsx(province, filters).then(setProblem)}>
          Xuất Excel
        </button>
      </div>
      {(problem || refused) && (
        <p role="alert" className="error">
          {problem ?? refused}
        </p>
      )}
      {!data ? (
        !error && <p className="muted">Đang tải…</p>
      ) : data.items.length === 0 ? (
        <p className="muted">
          Chưa có thay đổi nào được ghi{filters.kind || filters.from || filters.to || filters.actor.trim() ? ' khớp bộ lọc' : ''}.
        </p>
      ) : (
        <EntryTable items={data.items} />
      )}
    </div>
  );
}
