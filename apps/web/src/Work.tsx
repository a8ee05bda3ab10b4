import { useState } from 'react';
import type { AuditLogEntry, Page, Serialized, TaskListResponse, TaskResponse } from '@dx/domain';
import type { User } from './api';
import { TASK_STATUS, viDate } from './format';
import { TaskOutcomeCounts } from './TaskOutcomeCounts';
import { TaskStatusOptions } from './options';
import { PendingMark, usePendingTasks } from './PendingTasks';
import { AddTaskButton, TaskItemActions } from './PlanItemActions';
import { TaskEditor } from './TaskEditor';
import { useApi } from './use-api';
import { draftsStartingWith } from './use-draft';
import { EmptyRow } from './EmptyRow';
import { DispatchButton } from './DispatchButton';

type Task = Serialized<TaskResponse>;

/** Who may edit a task (the API decides; this only hides controls that would be refused). */
function canEdit(user: User, task: Task): boolean {
  return user.role === 'admin' || user.role === 'officer' || (user.role === 'reporter' && user.orgUnit === task.lead.code);
}

const ACTIONS: Record<string, string> = {
  'task.update': 'cập nhật',
  'task.update.approved': 'cập nhật (đã duyệt)',
  'task.submit': 'gửi cập nhật',
  'task.import': 'nhập từ tệp kế hoạch',
  'task.create': 'thêm nhiệm vụ',
  'task.edit': 'sửa nhiệm vụ',
  'task.cancel': 'hủy nhiệm vụ',
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
          {e.before && e.after && e.before.status !== e.after.status
            ? `: ${TASK_STATUS[e.before.status as string]} → ${TASK_STATUS[e.after.status as string]}`
            : ''}
          {e.action === 'task.update.approved' && e.after?.updatedBy ? ` (gửi bởi ${e.after.updatedBy})` : ''}
        </li>
      ))}
    </ol>
  );
}

/** Search (with or without diacritics), status filter and sort order of the task table. */
function TaskFilters({
  q,
  setQ,
  status,
  setStatus,
  sort,
  setSort,
  total,
}: {
  q: string;
  setQ: (q: string) => void;
  status: string;
  setStatus: (s: string) => void;
  sort: string;
  setSort: (s: string) => void;
  total: number;
}) {
  return (
    <div className="filters">
      <label>
        Tìm
        <input type="search" value={q} onChange={(e) => setQ(e.target.value)} placeholder="có dấu hoặc không dấu" />
      </label>
      <label>
        Trạng thái
        <select value={status} onChange={(e) => setStatus(e.target.value)}>
          <option value="">tất cả</option>
          <TaskStatusOptions />
        </select>
      </label>
      <label>
        Sắp xếp
        <select value={sort} onChange={(e) => setSort(e.target.value)}>
          <option value="position">theo văn bản</option>
          <option value="due">hạn sớm nhất</option>
          <option value="-updated">mới cập nhật</option>
        </select>
      </label>
      <span className="muted">{total} nhiệm vụ</span>
    </div>
  );
}

/** One task of the table, with its editor and history opened under its title. */
function TaskRow({
  task: t,
  user,
  editing,
  onEdit,
  showsHistory,
  onHistory,
  onSaved,
}: {
  task: Task;
  user: User;
  editing: boolean;
  onEdit: (on: boolean) => void;
  showsHistory: boolean;
  onHistory: (() => void) | null;
  onSaved: (message: string) => void;
}) {
  return (
    <tr data-testid={`task-${t.code}`} data-item-id={t.id}>
      <td>{t.code}</td>
      <td>
        {t.title}
        {showsHistory && <History task={t} />}
        {editing && <TaskEditor task={t} onCancel={() => onEdit(false)} onDone={onSaved} />}
      </td>
      <td>{t.lead.name}</td>
      <td className={t.overdue ? 'danger' : ''}>
        {viDate(t.due)}
        {t.overdue ? ' (quá hạn)' : ''}
      </td>
      <td>
        {TASK_STATUS[t.status]}
        {t.progress !== null && t.status !== 'done' ? ` · ${t.progress}%` : ''}
        {t.cancelReason ? ` — lý do: ${t.cancelReason}` : ''}
        <PendingMark taskId={t.id} />
      </td>
      <td>{t.evidence ? `${t.evidence.number}${t.evidence.date ? `, ${viDate(t.evidence.date)}` : ''}` : ''}</td>
      <td>
        {canEdit(user, t) && !editing && (
          <button type="button" onClick={() => onEdit(true)} aria-label={`Cập nhật ${t.code}`}>
            Cập nhật
          </button>
        )}
        <TaskItemActions user={user} task={t} onDone={onSaved} />
        {onHistory && (
          <button type="button" onClick={onHistory} aria-label={`Lịch sử ${t.code}`} aria-expanded={showsHistory}>
            Lịch sử
          </button>
        )}
      </td>
    </tr>
  );
}

export function Work({ user, province }: { user: User; province: string }) {
  const [history, setHistory] = useState<string | null>(null);
  const seesHistory = user.role === 'admin' || user.role === 'officer' || user.role === 'leader';
  const [q, setQ] = useState('');
  const [status, setStatus] = useState('');
  const [sort, setSort] = useState('position');
  // A task edit left unsaved when the session expired opens again after signing in (TaskEditor keeps its values).
  const [editing, setEditing] = useState<string | null>(() => draftsStartingWith('task:')[0]?.slice('task:'.length) ?? null);
  const [message, setMessage] = useState<string | null>(null);
  const params = new URLSearchParams({ province, sort, pageSize: '200' });
  if (q.trim()) params.set('q', q.trim());
  if (status) params.set('status', status);
  const { data, error, reload } = useApi<Serialized<TaskListResponse>>(`/api/v1/tasks?${params}`);
  const tasks = data?.items ?? [];
  const total = data?.total ?? 0;
  usePendingTasks(user, province);

  return (
    <div className="work">
      <h1>Nhiệm vụ</h1>
      <TaskFilters q={q} setQ={setQ} status={status} setStatus={setStatus} sort={sort} setSort={setSort} total={total} />
      {data?.outcomes && <TaskOutcomeCounts outcomes={data.outcomes} />}
      <AddTaskButton
        user={user}
        province={province}
        onDone={(m) => {
          setMessage(m);
          void reload();
        }}
      />
      <DispatchButton user={user} province={province} onDone={setMessage} />
      {message && (
        <p role="status" className="ok">
          {message}
        </p>
      )}
      <table>
        <thead>
          <tr>
            <th>Mã</th>
            <th>Nhiệm vụ</th>
            <th>Chủ trì</th>
            <th>Hạn</th>
            <th>Trạng thái</th>
            <th>Văn bản</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {!data && <EmptyRow columns={7}>{error ? 'Không tải được danh sách nhiệm vụ.' : 'Đang tải…'}</EmptyRow>}
          {data && tasks.length === 0 && <EmptyRow columns={7}>Chưa có nhiệm vụ nào phù hợp.</EmptyRow>}
          {tasks.map((t) => (
            <TaskRow
              key={t.id}
              task={t}
              user={user}
              editing={editing === t.id}
              onEdit={(on) => setEditing(on ? t.id : null)}
              showsHistory={history === t.id}
              onHistory={seesHistory ? () => setHistory(history === t.id ? null : t.id) : null}
              onSaved={(m) => {
                setEditing(null);
                setMessage(m);
                void reload();
              }}
            />
          ))}
        </tbody>
      </table>
    </div>
  );
}
