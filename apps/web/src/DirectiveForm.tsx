import { FormEvent, useState } from 'react';
import type { SummaryDocument, ProvinceResponse } from '@dx/domain';
import { api, ApiError } from './api';
import { useApi } from './use-api';
import { useDraft } from './use-draft';

/** The province's agencies still in existence, for the assignee select (the province itself is not one). */
export function useAgencies(province: string) {
  const { data } = useApi<ProvinceResponse>(`/api/v1/provinces/${province}`);
  const today = new Date().toISOString().slice(0, 10);
  return (data?.agencies ?? []).filter((a) => a.kind !== 'province' && (!a.validTo || a.validTo >= today));
}

interface Values {
  target: string;
  body: string;
  assignee: string;
  due: string;
}

/** A directive's assignee, picked from the province's agencies, and its due date. */
function AssigneeFields({ province, values, change }: { province: string; values: Values; change: (patch: Partial<Values>) => void }) {
  const agencies = useAgencies(province);
  return (
    <>
      <label>
        Cơ quan thực hiện
        <select value={values.assignee} onChange={(e) => change({ assignee: e.target.value })}>
          <option value="">chưa giao</option>
          {agencies.map((a) => (
            <option key={a.code} value={a.code}>
              {a.name} ({a.code})
            </option>
          ))}
        </select>
      </label>
      <label>
        Hạn
        <input type="date" value={values.due} onChange={(e) => change({ due: e.target.value })} />
      </label>
    </>
  );
}

/**
 * A leader's directive (or an officer's comment) on a goal or task group, with the assignee agency (one of
 * the province's) and due date. Unsaved values survive an expired session (useDraft).
 */
export function DirectiveForm({
  documents,
  kind,
  province,
  onDone,
}: {
  documents: SummaryDocument[];
  kind: 'directive' | 'comment';
  province: string;
  onDone: () => void;
}) {
  const groups = documents.flatMap((d) => [
    ...d.goalGroups.map((g) => ({ value: `goal_group:${g.id}`, label: `${d.code} · nhóm mục tiêu ${g.code}` })),
    ...d.taskGroups.map((g) => ({ value: `task_group:${g.id}`, label: `${d.code} · nhóm nhiệm vụ ${g.code}` })),
  ]);
  const [values, setValues, dropDraft] = useDraft<Values>(`${kind}:${province}`, () => ({
    target: groups[0]?.value ?? '',
    body: '',
    assignee: '',
    due: '',
  }));
  const change = (patch: Partial<Values>) => setValues((v) => ({ ...v, ...patch }));
  const [error, setError] = useState<string | null>(null);
  async function submit(e: FormEvent) {
    e.preventDefault();
    setError(null);
    const { target, body, assignee, due } = values;
    const [targetKind, id] = target.split(':');
    try {
      await api('/api/v1/directives', {
        method: 'POST',
        json: { kind, target: { kind: targetKind, id }, body, ...(assignee ? { assignee } : {}), ...(due ? { due } : {}) },
      });
      dropDraft({ ...values, body: '' });
      onDone();
    } catch (err) {
      setError(err instanceof ApiError ? err.problem.detail : 'Không kết nối được máy chủ');
    }
  }
  return (
    <form className="filters" onSubmit={submit} aria-label={kind === 'directive' ? 'Giao chỉ đạo' : 'Thêm ý kiến'}>
      <label>
        Về
        <select value={values.target} onChange={(e) => change({ target: e.target.value })}>
          {groups.map((g) => (
            <option key={g.value} value={g.value}>
              {g.label}
            </option>
          ))}
        </select>
      </label>
      <label>
        Nội dung
        <input value={values.body} onChange={(e) => change({ body: e.target.value })} required />
      </label>
      {kind === 'directive' && <AssigneeFields province={province} values={values} change={change} />}
      <button type="submit">{kind === 'directive' ? 'Giao chỉ đạo' : 'Gửi ý kiến'}</button>
      {error && (
        <p role="alert" className="error">
          {error}
        </p>
      )}
    </form>
  );
}
