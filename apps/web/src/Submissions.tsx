import { FormEvent, useState } from 'react';
import type { Page, Serialized, SubmissionResponse } from '@dx/domain';
import { api, ApiError } from './api';
import { TASK_STATUS, viPeriod } from './format';
import { useApi } from './use-api';
import { StatusFilter } from './StatusFilter';
import { useModalDialog } from './use-modal-dialog';

type Submission = Serialized<SubmissionResponse>;

function describe(s: Submission): string {
  const p = s.payload;
  if (s.kind === 'observation')
    return `Số liệu ${p.indicator} · ${p.org} · ${viPeriod(p.period as string)}: ${p.value ?? `${p.numerator}/${p.denominator}`}`;
  const parts = [
    p.status ? `trạng thái «${TASK_STATUS[p.status as string]}»` : '',
    p.progress !== undefined && p.progress !== null ? `tiến độ ${p.progress}%` : '',
    p.evidence ? `văn bản ${(p.evidence as { number: string }).number}` : '',
    p.comment ? `ghi chú «${p.comment}»` : '',
  ].filter(Boolean);
  return `Nhiệm vụ ${s.task?.code}: ${parts.join(', ')}`;
}

export const SUBMISSION_STATUS: Record<string, string> = { submitted: 'chờ duyệt', approved: 'đã duyệt', returned: 'bị trả lại' };

/** Returning a submission: a modal dialog that asks the reason (required; the reporter reads it). */
function ReturnDialog({ submission, onClose }: { submission: Submission; onClose: (message: string | null) => void }) {
  const ref = useModalDialog();
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | null>(null);
  async function submit(e: FormEvent) {
    e.preventDefault();
    setError(null);
    try {
      await api(`/api/v1/submissions/${submission.id}/return`, { method: 'POST', json: { reason: reason.trim() } });
      onClose('Đã trả lại');
    } catch (err) {
      setError(err instanceof ApiError ? err.problem.detail : 'Không kết nối được máy chủ');
    }
  }
  return (
    <dialog ref={ref} aria-labelledby="return-title" className="dialog" onCancel={() => onClose(null)}>
      <form onSubmit={submit}>
        <h3 id="return-title">Trả lại cập nhật</h3>
        <p>{describe(submission)}</p>
        <label>
          Lý do trả lại
          <textarea value={reason} onChange={(e) => setReason(e.target.value)} required maxLength={2000} rows={4} autoFocus />
        </label>
        {error && (
          <p role="alert" className="error">
            {error}
          </p>
        )}
        <div className="actions">
          <button type="submit" disabled={!reason.trim()}>
            Trả lại
          </button>
          <button type="button" onClick={() => onClose(null)}>
            Hủy
          </button>
        </div>
      </form>
    </dialog>
  );
}

/** Its state as the reporter reads it: waiting, approved, or returned with the officer's reason. */
function State({ s }: { s: Submission }) {
  return (
    <span className={s.status === 'returned' ? 'danger' : 'muted'} data-testid="submission-state">
      {' '}
      · {SUBMISSION_STATUS[s.status] ?? s.status}
      {s.status === 'returned' && s.reason ? ` — lý do: ${s.reason}` : ''}
      {s.decidedBy && s.status !== 'submitted' ? ` (${s.decidedBy})` : ''}
    </span>
  );
}

/**
 * Officers: reporters' updates waiting for approval — approve, or return with a reason (a dialog).
 * Everyone else: the updates sent (a reporter's own), each with its state and a return's reason.
 */
export function Submissions({ province, canDecide }: { province: string; canDecide: boolean }) {
  const [status, setStatus] = useState(canDecide ? 'submitted' : '');
  const params = new URLSearchParams({ province, pageSize: '100' });
  if (status) params.set('status', status);
  const { data, reload } = useApi<Page<Submission>>(`/api/v1/submissions?${params}`);
  const items = data?.items ?? [];
  const [message, setMessage] = useState<string | null>(null);
  const [returning, setReturning] = useState<Submission | null>(null);
  // A decision is announced once the list shows it, so the message never describes a list still showing the item.
  const announceAfterReload = async (m: string) => {
    await reload();
    setMessage(m);
  };
  const approve = async (s: Submission) => {
    try {
      await api(`/api/v1/submissions/${s.id}/approve`, { method: 'POST', json: {} });
      await announceAfterReload('Đã duyệt');
    } catch (e) {
      await announceAfterReload(e instanceof ApiError ? e.problem.detail : 'Không kết nối được máy chủ');
    }
  };
  return (
    <div>
      <h1>{canDecide ? 'Chờ duyệt' : 'Cập nhật đã gửi'}</h1>
      <StatusFilter value={status} onChange={setStatus} labels={SUBMISSION_STATUS} />
      {message && <p role="status">{message}</p>}
      {data && items.length === 0 && (
        <p className="muted">{status === 'submitted' ? 'Không có cập nhật nào đang chờ duyệt.' : 'Chưa có cập nhật nào.'}</p>
      )}
      <ul className="card">
        {items.map((s) => (
          <li key={s.id} data-testid={`submission-${s.id}`} data-item-id={s.id}>
            {describe(s)} — gửi bởi {s.submittedBy}, {new Date(s.submittedAt).toLocaleString('vi-VN')}
            <State s={s} />
            {canDecide && s.status === 'submitted' && (
              <>
                {' '}
                <button type="button" onClick={() => void approve(s)}>
                  Duyệt
                </button>{' '}
                <button type="button" onClick={() => setReturning(s)}>
                  Trả lại
                </button>
              </>
            )}
          </li>
        ))}
      </ul>
      {returning && (
        <ReturnDialog
          submission={returning}
          onClose={(m) => {
            setReturning(null);
            if (m) void announceAfterReload(m);
          }}
        />
      )}
    </div>
  );
}
