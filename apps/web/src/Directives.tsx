import { FormEvent, useState } from 'react';
import type { Page } from '@dx/domain';
import { api, ApiError, User } from './api';
import { viDate } from './format';
import { useApi } from './use-api';
import { useDraft } from './use-draft';
import { StatusFilter } from './StatusFilter';

/** A directive or comment as GET /api/v1/directives lists it. */
interface Directive {
  id: string;
  kind: 'directive' | 'comment';
  targetCode: string | null;
  body: string;
  assignee: string | null;
  assigneeName: string | null;
  due: string | null;
  status: 'open' | 'answered' | 'closed';
  answer: string | null;
  createdBy: string;
  answeredBy: string | null;
  closedBy: string | null;
  overdue: boolean;
}

export const DIRECTIVE_STATUS: Record<Directive['status'], string> = {
  open: 'đang mở',
  answered: 'đã trả lời',
  closed: 'đã kết thúc',
};

/** Who may answer (the API decides; this only hides what it would refuse): officers, admins, the assignee agency's reporters. */
function mayAnswer(user: User, d: Directive): boolean {
  if (d.kind !== 'directive' || d.status !== 'open') return false;
  return (
    user.role === 'admin' || user.role === 'officer' || (user.role === 'reporter' && d.assignee !== null && user.orgUnit === d.assignee)
  );
}

/** Leaders close directives; officers also close comments. */
function mayClose(user: User, d: Directive): boolean {
  if (d.status === 'closed') return false;
  return user.role === 'admin' || user.role === 'leader' || (user.role === 'officer' && d.kind === 'comment');
}

/** The assignee agency's answer to an open directive. */
function AnswerForm({ directive, onDone }: { directive: Directive; onDone: (message: string) => void }) {
  const [answer, setAnswer, dropDraft] = useDraft<string>(`answer:${directive.id}`, () => '');
  const [error, setError] = useState<string | null>(null);
  async function submit(e: FormEvent) {
    e.preventDefault();
    setError(null);
    try {
      await api(`/api/v1/directives/${directive.id}/answer`, { method: 'POST', json: { answer } });
      dropDraft('');
      onDone('Đã gửi trả lời');
    } catch (err) {
      setError(err instanceof ApiError ? err.problem.detail : 'Không kết nối được máy chủ');
    }
  }
  return (
    <form className="editor" onSubmit={submit} aria-label="Trả lời chỉ đạo">
      <label>
        Trả lời
        <textarea value={answer} onChange={(e) => setAnswer(e.target.value)} required maxLength={4000} rows={3} />
      </label>
      <button type="submit">Gửi trả lời</button>
      {error && (
        <p role="alert" className="error">
          {error}
        </p>
      )}
    </form>
  );
}

function DirectiveItem({ d, user, onChanged }: { d: Directive; user: User; onChanged: (message: string) => void }) {
  const [error, setError] = useState<string | null>(null);
  const close = async () => {
    setError(null);
    try {
      await api(`/api/v1/directives/${d.id}/close`, { method: 'POST', json: {} });
      onChanged('Đã kết thúc chỉ đạo');
    } catch (err) {
      setError(err instanceof ApiError ? err.problem.detail : 'Không kết nối được máy chủ');
    }
  };
  return (
    <li data-testid={`directive-${d.id}`} data-item-id={d.id} className={d.overdue ? 'danger' : ''}>
      <strong>{d.body}</strong>
      <div className="muted">
        {d.kind === 'directive' ? 'Chỉ đạo' : 'Ý kiến'} của {d.createdBy}
        {d.targetCode ? ` về ${d.targetCode}` : ''} · {d.assigneeName ? `${d.assigneeName} (${d.assignee})` : 'chưa giao'} · hạn{' '}
        {viDate(d.due)}
        {d.overdue ? ' (quá hạn)' : ''} · <span data-testid="directive-status">{DIRECTIVE_STATUS[d.status]}</span>
      </div>
      {d.answer && (
        <p>
          Trả lời của {d.answeredBy}: {d.answer}
        </p>
      )}
      {d.status === 'closed' && d.closedBy && <p className="muted">Kết thúc bởi {d.closedBy}</p>}
      {mayAnswer(user, d) && <AnswerForm directive={d} onDone={onChanged} />}
      {mayClose(user, d) && (
        <button type="button" onClick={() => void close()}>
          Kết thúc
        </button>
      )}
      {error && (
        <p role="alert" className="error">
          {error}
        </p>
      )}
    </li>
  );
}

/** Directives (chỉ đạo) and comments of the province: the assignee answers, the leader closes. */
export function Directives({ user, province }: { user: User; province: string }) {
  const [status, setStatus] = useState('');
  const [message, setMessage] = useState<string | null>(null);
  const params = new URLSearchParams({ province, pageSize: '100' });
  if (status) params.set('status', status);
  const { data, reload } = useApi<Page<Directive>>(`/api/v1/directives?${params}`);
  const items = data?.items ?? [];
  return (
    <div>
      <h1>Chỉ đạo</h1>
      <StatusFilter value={status} onChange={setStatus} labels={DIRECTIVE_STATUS} />
      {message && (
        <p role="status" className="ok">
          {message}
        </p>
      )}
      {data && items.length === 0 && <p className="muted">Chưa có chỉ đạo hay ý kiến nào.</p>}
      <ul className="card directives" aria-label="Danh sách chỉ đạo">
        {items.map((d) => (
          <DirectiveItem
            key={d.id}
            d={d}
            user={user}
            onChanged={(m) => {
              setMessage(m);
              void reload();
            }}
          />
        ))}
      </ul>
    </div>
  );
}
