import { FormEvent, useState } from 'react';
import type { Serialized, TaskResponse, TaskUpdateResponse } from '@dx/domain';
import { api, ApiError } from './api';
import { APPROVER, TASK_STATUS } from './format';
import { TaskStatusOptions } from './options';
import { useDraft } from './use-draft';

type Task = Serialized<TaskResponse>;

/** Someone saved the task first: what they changed, and whether to keep one's own change on top of theirs. */
function ConflictDialog({
  code,
  conflict,
  onKeepMine,
  onDropMine,
}: {
  code: string;
  conflict: Task;
  onKeepMine: () => void;
  onDropMine: () => void;
}) {
  return (
    <div role="alertdialog" aria-modal="true" aria-labelledby="conflict-title" className="dialog">
      <h3 id="conflict-title">Nhiệm vụ vừa được người khác cập nhật</h3>
      <p>
        {conflict.updatedBy ?? 'Người khác'} đã đổi {code} thành «{TASK_STATUS[conflict.status]}»
        {conflict.evidence ? `, văn bản ${conflict.evidence.number}` : ''} (phiên bản {conflict.version}).
      </p>
      <button type="button" onClick={onKeepMine}>
        Giữ thay đổi của tôi và lưu lại trên bản mới
      </button>
      <button type="button" onClick={onDropMine}>
        Bỏ thay đổi của tôi
      </button>
    </div>
  );
}

/** The document that proves a task's state, as typed. */
interface Evidence {
  number: string;
  date: string;
  issuer: string;
}

/** What the editor holds while open (kept by useDraft). */
interface TaskDraft {
  version: number;
  status: string;
  progress: string;
  evidence: Evidence;
}

/** The PATCH body: progress only while the task is open, evidence only with a document number. */
function patchOf(status: string, progress: string, evidence: Evidence): Record<string, unknown> {
  const body: Record<string, unknown> = { status };
  if (status !== 'done' && status !== 'cancelled' && progress !== '') body.progress = Number(progress);
  if (evidence.number.trim()) body.evidence = { number: evidence.number, date: evidence.date, issuer: evidence.issuer || null };
  return body;
}

function EvidenceFields({ evidence, change }: { evidence: Evidence; change: (patch: Partial<Evidence>) => void }) {
  return (
    <>
      <label>
        Số văn bản
        <input value={evidence.number} onChange={(e) => change({ number: e.target.value })} placeholder="12/BC-STTTT" />
      </label>
      <label>
        Ngày văn bản
        <input type="date" value={evidence.date} onChange={(e) => change({ date: e.target.value })} />
      </label>
      <label>
        Cơ quan ban hành
        <input value={evidence.issuer} onChange={(e) => change({ issuer: e.target.value })} />
      </label>
    </>
  );
}

/** Why a save was refused, field by field. */
function Refusal({ messages }: { messages: string[] }) {
  return (
    <ul role="alert" className="error">
      {messages.map((m) => (
        <li key={m}>{m}</li>
      ))}
    </ul>
  );
}

/** Status, progress and evidence of one task, saved against the version it was read at (If-Match). */
export function TaskEditor({ task, onDone, onCancel }: { task: Task; onDone: (message: string) => void; onCancel: () => void }) {
  // Unsaved values outlive an expired session (useDraft), with the version they were typed against.
  const [draft, setDraft, dropDraft] = useDraft<TaskDraft>(`task:${task.id}`, () => ({
    version: task.version,
    status: task.status,
    progress: task.progress === null ? '' : String(task.progress),
    evidence: { number: task.evidence?.number ?? '', date: task.evidence?.date ?? '', issuer: task.evidence?.issuer ?? '' },
  }));
  const { status, progress, evidence } = draft;
  const setStatus = (s: string) => setDraft((d) => ({ ...d, status: s }));
  const setProgress = (p: string) => setDraft((d) => ({ ...d, progress: p }));
  const setEvidence = (change: (e: Evidence) => Evidence) => setDraft((d) => ({ ...d, evidence: change(d.evidence) }));
  const [base, setBase] = useState(draft.version === task.version ? task : { ...task, version: draft.version });
  const cancel = () => {
    dropDraft();
    onCancel();
  };
  const [errors, setErrors] = useState<string[]>([]);
  const [conflict, setConflict] = useState<Task | null>(null);

  async function save(e: FormEvent) {
    e.preventDefault();
    setErrors([]);
    try {
      const res = await api<Serialized<TaskUpdateResponse>>(`/api/v1/tasks/${task.id}`, {
        method: 'PATCH',
        json: patchOf(status, progress, evidence),
        headers: { 'If-Match': `"${base.version}"` },
      });
      dropDraft();
      onDone(res.status === 202 ? `Đã gửi cập nhật ${task.code}, chờ ${APPROVER()} duyệt` : `Đã lưu ${task.code}`);
    } catch (err) {
      if (err instanceof ApiError && err.problem.status === 409 && err.problem.current) setConflict(err.problem.current as Task);
      else if (err instanceof ApiError) setErrors(err.problem.errors?.flatMap((x) => x.messages) ?? [err.problem.detail]);
      else setErrors(['Không kết nối được máy chủ']);
    }
  }

  return (
    <form className="editor" onSubmit={save} aria-label={`Cập nhật ${task.code}`}>
      <label>
        Trạng thái
        <select value={status} onChange={(e) => setStatus(e.target.value)}>
          <TaskStatusOptions />
        </select>
      </label>
      <label>
        Tiến độ (%)
        <input
          type="number"
          min={0}
          max={100}
          value={progress}
          onChange={(e) => setProgress(e.target.value)}
          disabled={status === 'done' || status === 'cancelled'}
        />
      </label>
      <EvidenceFields evidence={evidence} change={(patch) => setEvidence((current) => ({ ...current, ...patch }))} />
      {errors.length > 0 && <Refusal messages={errors} />}
      <div className="actions">
        <button type="submit">Lưu</button>
        <button type="button" onClick={cancel}>
          Hủy
        </button>
      </div>
      {conflict && (
        <ConflictDialog
          code={task.code}
          conflict={conflict}
          onKeepMine={() => {
            setBase(conflict);
            setDraft((d) => ({ ...d, version: conflict.version }));
            setConflict(null);
          }}
          onDropMine={cancel}
        />
      )}
    </form>
  );
}
