import { useState } from 'react';
import type { Page, Serialized, SubmissionResponse } from '@dx/domain';
import { api, ApiError } from './api';
import { TASK_STATUS } from './format';
import { useApi } from './use-api';

type Submission = Serialized<SubmissionResponse>;

function describe(s: Submission): string {
  const p = s.payload;
  if (s.kind === 'observation')
    return `Số liệu ${p.indicator} · ${p.org} · kỳ ${p.period}: ${p.value ?? `${p.numerator}/${p.denominator}`}`;
  const parts = [
    p.status ? `trạng thái «${TASK_STATUS[p.status as string]}»` : '',
    p.progress !== undefined && p.progress !== null ? `tiến độ ${p.progress}%` : '',
    p.evidence ? `văn bản ${(p.evidence as { number: string }).number}` : '',
    p.comment ? `ghi chú «${p.comment}»` : '',
  ].filter(Boolean);
  return `Nhiệm vụ ${s.task?.code}: ${parts.join(', ')}`;
}

/** Reporters' updates waiting for an officer: approve, or return with a reason. */
export function Submissions({ province, canDecide }: { province: string; canDecide: boolean }) {
  const { data, reload } = useApi<Page<Submission>>(`/api/v1/submissions?province=${province}&status=submitted`);
  const items = data?.items ?? [];
  const [message, setMessage] = useState<string | null>(null);
  const decide = async (s: Submission, action: 'approve' | 'return') => {
    const reason = action === 'return' ? prompt('Lý do trả lại?') : null;
    if (action === 'return' && !reason) return;
    try {
      await api(`/api/v1/submissions/${s.id}/${action}`, { method: 'POST', json: action === 'return' ? { reason } : {} });
      setMessage(action === 'approve' ? 'Đã duyệt' : 'Đã trả lại');
    } catch (e) {
      setMessage(e instanceof ApiError ? e.problem.detail : 'Không kết nối được máy chủ');
    }
    await reload();
  };
  return (
    <div>
      <h1>Chờ duyệt</h1>
      {message && <p role="status">{message}</p>}
      {items.length === 0 && <p className="muted">Không có cập nhật nào đang chờ duyệt.</p>}
      <ul className="card">
        {items.map((s) => (
          <li key={s.id} data-testid={`submission-${s.id}`}>
            {describe(s)} — gửi bởi {s.submittedBy}, {new Date(s.submittedAt).toLocaleString('vi-VN')}
            {canDecide && (
              <>
                {' '}
                <button type="button" onClick={() => void decide(s, 'approve')}>
                  Duyệt
                </button>{' '}
                <button type="button" onClick={() => void decide(s, 'return')}>
                  Trả lại
                </button>
              </>
            )}
          </li>
        ))}
      </ul>
    </div>
  );
}
