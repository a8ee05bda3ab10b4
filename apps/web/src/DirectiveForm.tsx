import { FormEvent, useState } from 'react';
import type { SummaryDocument } from '@dx/domain';
import { api, ApiError } from './api';

/** A leader's directive (or an officer's comment) on a goal or task group, with the assignee agency and due date. */
export function DirectiveForm({
  documents,
  kind,
  onDone,
}: {
  documents: SummaryDocument[];
  kind: 'directive' | 'comment';
  onDone: () => void;
}) {
  const groups = documents.flatMap((d) => [
    ...d.goalGroups.map((g) => ({ value: `goal_group:${g.id}`, label: `${d.code} · nhóm mục tiêu ${g.code}` })),
    ...d.taskGroups.map((g) => ({ value: `task_group:${g.id}`, label: `${d.code} · nhóm nhiệm vụ ${g.code}` })),
  ]);
  const [target, setTarget] = useState(groups[0]?.value ?? '');
  const [body, setBody] = useState('');
  const [assignee, setAssignee] = useState('');
  const [due, setDue] = useState('');
  const [error, setError] = useState<string | null>(null);
  async function submit(e: FormEvent) {
    e.preventDefault();
    setError(null);
    const [targetKind, id] = target.split(':');
    try {
      await api('/api/v1/directives', {
        method: 'POST',
        json: {
          kind,
          target: { kind: targetKind, id },
          body,
          ...(assignee.trim() ? { assignee: assignee.trim() } : {}),
          ...(due ? { due } : {}),
        },
      });
      setBody('');
      onDone();
    } catch (err) {
      setError(err instanceof ApiError ? err.problem.detail : 'Không kết nối được máy chủ');
    }
  }
  return (
    <form className="filters" onSubmit={submit} aria-label={kind === 'directive' ? 'Giao chỉ đạo' : 'Thêm ý kiến'}>
      <label>
        Về
        <select value={target} onChange={(e) => setTarget(e.target.value)}>
          {groups.map((g) => (
            <option key={g.value} value={g.value}>
              {g.label}
            </option>
          ))}
        </select>
      </label>
      <label>
        Nội dung
        <input value={body} onChange={(e) => setBody(e.target.value)} required />
      </label>
      {kind === 'directive' && (
        <label>
          Cơ quan thực hiện (mã)
          <input value={assignee} onChange={(e) => setAssignee(e.target.value)} placeholder="STTTT" />
        </label>
      )}
      {kind === 'directive' && (
        <label>
          Hạn
          <input type="date" value={due} onChange={(e) => setDue(e.target.value)} />
        </label>
      )}
      <button type="submit">{kind === 'directive' ? 'Giao chỉ đạo' : 'Gửi ý kiến'}</button>
      {error && (
        <p role="alert" className="error">
          {error}
        </p>
      )}
    </form>
  );
}
