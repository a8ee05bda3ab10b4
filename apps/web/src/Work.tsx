import { FormEvent, useState } from 'react';
import type { AuditLogEntry, Page, Serialized, TaskResponse } from '@dx/domain';
import { api, ApiError, User } from './api';
import { TASK_STATUS, viDate } from './format';
import { useApi } from './use-api';

type Task = Serialized<TaskResponse>;

/** Who may edit a task (the API decides; this only hides controls that would be refused). */
function canEdit(user: User, task: Task): boolean {
  return user.role === 'admin' || user.role === 'officer' || (user.role === 'reporter' && user.orgUnit === task.lead.code);
}

function Editor({ task, onDone, onCancel }: { task: Task; onDone: (message: string) => void; onCancel: () => void }) {
  const [base, setBase] = useState(task);
  const [status, setStatus] = useState(task.status);
  const [progress, setProgress] = useState(task.progress === null ? '' : String(task.progress));
  const [number, setNumber] = useState(task.evidence?.number ?? '');
  const [date, setDate] = useState(task.evidence?.date ?? '');
  const [issuer, setIssuer] = useState(task.evidence?.issuer ?? '');
  const [errors, setErrors] = useState<string[]>([]);
  const [conflict, setConflict] = useState<Task | null>(null);

  async function save(e: FormEvent) {
    e.preventDefault();
    setErrors([]);
    const body: Record<string, unknown> = { status };
    if (status !== 'done' && status !== 'cancelled' && progress !== '') body.progress = Number(progress);
    if (number.trim()) body.evidence = { number, date, issuer: issuer || null };
    try {
      const res = await api<{ submission?: unknown }>(`/api/v1/tasks/${task.id}`, { method: 'PATCH', json: body, headers: { 'If-Match': `"${base.version}"` } });
      onDone(res.status === 202 ? `Đã gửi cập nhật ${task.code}, chờ Sở TT&TT duyệt` : `Đã lưu ${task.code}`);
    } catch (err) {
      if (err instanceof ApiError && err.problem.status === 409 && err.problem.current) setConflict(err.problem.current as Task);
      else if (err instanceof ApiError) setErrors(err.problem.errors?.flatMap((x) => x.messages) ?? [err.problem.detail]);
      else setErrors(['Không kết nối được máy chủ']);
    }
  }

  return (
    <form className="editor" onSubmit={save} aria-label={`Cập nhật ${task.code}`}>
      <label>Trạng thái
        <select value={status} onChange={(e) => setStatus(e.target.value)}>
          {Object.entries(TASK_STATUS).map(([k, v]) => <option key={k} value={k}>{v}</option>)}
        </select>
      </label>
      <label>Tiến độ (%)
        <input type="number" min={0} max={100} value={progress} onChange={(e) => setProgress(e.target.value)} disabled={status === 'done' || status === 'cancelled'} />
      </label>
      <label>Số văn bản<input value={number} onChange={(e) => setNumber(e.target.value)} placeholder="12/BC-STTTT" /></label>
      <label>Ngày văn bản<input type="date" value={date} onChange={(e) => setDate(e.target.value)} /></label>
      <label>Cơ quan ban hành<input value={issuer} onChange={(e) => setIssuer(e.target.value)} /></label>
      {errors.length > 0 && <ul role="alert" className="error">{errors.map((m) => <li key={m}>{m}</li>)}</ul>}
      <div className="actions">
        <button type="submit">Lưu</button>
        <button type="button" onClick={onCancel}>Hủy</button>
      </div>
      {conflict && (
        <div role="alertdialog" aria-modal="true" aria-labelledby="conflict-title" className="dialog">
          <h3 id="conflict-title">Nhiệm vụ vừa được người khác cập nhật</h3>
          <p>
            {conflict.updatedBy ?? 'Người khác'} đã đổi {task.code} thành «{TASK_STATUS[conflict.status]}»
            {conflict.evidence ? `, văn bản ${conflict.evidence.number}` : ''} (phiên bản {conflict.version}).
          </p>
          <button
            type="button"
            onClick={() => {
              setBase(conflict);
              setConflict(null);
            }}
          >
            Giữ thay đổi của tôi và lưu lại trên bản mới
          </button>
          <button type="button" onClick={onCancel}>Bỏ thay đổi của tôi</button>
        </div>
      )}
    </form>
  );
}

const ACTIONS: Record<string, string> = {
  'task.update': 'cập nhật', 'task.update.approved': 'cập nhật (đã duyệt)', 'task.submit': 'gửi cập nhật', 'task.import': 'nhập từ tệp kế hoạch',
};

/** The audit trail of a task: who changed what, when. */
function History({ task }: { task: Task }) {
  const { data, error } = useApi<Page<Serialized<AuditLogEntry>>>(`/api/v1/audit?entity=task&id=${task.id}`);
  const entries = error ? [] : (data?.items ?? null);
  if (!entries) return <p>Đang tải…</p>;
  if (!entries.length) return <p className="muted">Chưa có thay đổi nào qua hệ thống.</p>;
  return (
    <ol className="history" aria-label={`Lịch sử ${task.code}`}>
      {entries.map((e) => (
        <li key={e.id}>
          {new Date(e.at).toLocaleString('vi-VN')} — {e.actor} {ACTIONS[e.action] ?? e.action}
          {e.before && e.after && e.before.status !== e.after.status ? `: ${TASK_STATUS[e.before.status as string]} → ${TASK_STATUS[e.after.status as string]}` : ''}
          {e.action === 'task.update.approved' && e.after?.updatedBy ? ` (gửi bởi ${e.after.updatedBy})` : ''}
        </li>
      ))}
    </ol>
  );
}

export function Work({ user, province }: { user: User; province: string }) {
  const [history, setHistory] = useState<string | null>(null);
  const seesHistory = user.role === 'admin' || user.role === 'officer' || user.role === 'leader';
  const [q, setQ] = useState('');
  const [status, setStatus] = useState('');
  const [sort, setSort] = useState('position');
  const [editing, setEditing] = useState<string | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const params = new URLSearchParams({ province, sort, pageSize: '200' });
  if (q.trim()) params.set('q', q.trim());
  if (status) params.set('status', status);
  const { data, reload } = useApi<Page<Task>>(`/api/v1/tasks?${params}`);
  const tasks = data?.items ?? [];
  const total = data?.total ?? 0;

  return (
    <div className="work">
      <h1>Nhiệm vụ</h1>
      <div className="filters">
        <label>Tìm<input type="search" value={q} onChange={(e) => setQ(e.target.value)} placeholder="có dấu hoặc không dấu" /></label>
        <label>Trạng thái
          <select value={status} onChange={(e) => setStatus(e.target.value)}>
            <option value="">tất cả</option>
            {Object.entries(TASK_STATUS).map(([k, v]) => <option key={k} value={k}>{v}</option>)}
          </select>
        </label>
        <label>Sắp xếp
          <select value={sort} onChange={(e) => setSort(e.target.value)}>
            <option value="position">theo văn bản</option><option value="due">hạn sớm nhất</option><option value="-updated">mới cập nhật</option>
          </select>
        </label>
        <span className="muted">{total} nhiệm vụ</span>
      </div>
      {message && <p role="status" className="ok">{message}</p>}
      <table>
        <thead><tr><th>Mã</th><th>Nhiệm vụ</th><th>Chủ trì</th><th>Hạn</th><th>Trạng thái</th><th>Văn bản</th><th /></tr></thead>
        <tbody>
          {tasks.map((t) => (
            <tr key={t.id} data-testid={`task-${t.code}`}>
              <td>{t.code}</td>
              <td>{t.title}{history === t.id && <History task={t} />}{editing === t.id && (
                <Editor task={t} onCancel={() => setEditing(null)} onDone={(m) => { setEditing(null); setMessage(m); void reload(); }} />
              )}</td>
              <td>{t.lead.name}</td>
              <td className={t.overdue ? 'danger' : ''}>{viDate(t.due)}{t.overdue ? ' (quá hạn)' : ''}</td>
              <td>{TASK_STATUS[t.status]}{t.progress !== null && t.status !== 'done' ? ` · ${t.progress}%` : ''}</td>
              <td>{t.evidence ? `${t.evidence.number}${t.evidence.date ? `, ${viDate(t.evidence.date)}` : ''}` : ''}</td>
              <td>
                {canEdit(user, t) && editing !== t.id && <button type="button" onClick={() => setEditing(t.id)} aria-label={`Cập nhật ${t.code}`}>Cập nhật</button>}
                {seesHistory && (
                  <button type="button" onClick={() => setHistory(history === t.id ? null : t.id)} aria-label={`Lịch sử ${t.code}`} aria-expanded={history === t.id}>Lịch sử</button>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
