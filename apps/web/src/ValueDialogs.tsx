import { FormEvent, ReactNode, useState } from 'react';
import type { ObservationItem, Serialized } from '@dx/domain';
import { api, ApiError } from './api';
import { APPROVER, viPeriod, withUnit } from './format';
import { useModalDialog } from './use-modal-dialog';

/** A KPI value as the list answer reads after JSON. */
type Item = Serialized<ObservationItem>;

/** What a dialog reports when it closes: a sentence for the page (null when cancelled). */
export type Closed = (message: string | null) => void;

const STALE = 'Số liệu vừa được người khác thay đổi hoặc xóa; danh sách đã được tải lại, hãy thử lại';
const stale = (e: unknown) => e instanceof ApiError && (e.problem.status === 409 || e.problem.status === 404);

/** The API's refusal as a sentence. */
function why(e: unknown): string {
  if (!(e instanceof ApiError)) return 'Không kết nối được máy chủ';
  const fields = (e.problem.errors ?? []).flatMap((f) => f.messages);
  return [e.problem.detail, ...fields].filter(Boolean).join(': ');
}

/** A modal dialog (opened on mount, closed on unmount; Esc cancels). */
function Modal({ id, title, onCancel, children }: { id: string; title: string; onCancel: () => void; children: ReactNode }) {
  const ref = useModalDialog();
  return (
    <dialog ref={ref} aria-labelledby={id} className="dialog" onCancel={onCancel}>
      <h3 id={id}>{title}</h3>
      {children}
    </dialog>
  );
}

/** Which value: `dvc-toan-trinh — Tỷ lệ … · DNG · kỳ 2024-Q1: 85,2%`. */
export function describeValue(o: Item): string {
  return `${o.indicator} — ${o.indicatorName} · ${o.org} · ${viPeriod(o.period)}: ${withUnit(o.value, o.unit)}`;
}

/** Correcting a value: its figure and note, sent with the version read (If-Match). */
export function CorrectDialog({ value, onClose }: { value: Item; onClose: Closed }) {
  const ratio = value.numerator !== null || value.denominator !== null;
  const [figure, setFigure] = useState(value.value?.replace('.', ',') ?? '');
  const [note, setNote] = useState(value.note ?? '');
  const [error, setError] = useState<string | null>(null);
  async function submit(e: FormEvent) {
    e.preventDefault();
    setError(null);
    // Sent as typed (96,5 · 1.034 · 99,2%): the API reads it with the indicator.
    // A corrected figure replaces the stored ratio's parts: they would no longer agree with it.
    const json = {
      value: figure.trim() || null,
      note: note.trim() || null,
      ...(ratio ? { numerator: null, denominator: null } : {}),
    };
    try {
      const res = await api(`/api/v1/observations/${value.id}`, { method: 'PATCH', json, headers: { 'If-Match': `"${value.version}"` } });
      onClose(res.status === 202 ? `Đã gửi bản sửa, chờ ${APPROVER()} duyệt` : 'Đã sửa số liệu');
    } catch (err) {
      if (stale(err)) onClose(STALE);
      else setError(why(err));
    }
  }
  return (
    <Modal id="correct-title" title="Sửa số liệu" onCancel={() => onClose(null)}>
      <form onSubmit={submit}>
        <p>{describeValue(value)}</p>
        <label>
          Giá trị mới
          <input value={figure} onChange={(e) => setFigure(e.target.value)} inputMode="decimal" required autoFocus />
        </label>
        <label>
          Ghi chú
          <textarea value={note} onChange={(e) => setNote(e.target.value)} maxLength={2000} rows={3} />
        </label>
        {error && (
          <p role="alert" className="error">
            {error}
          </p>
        )}
        <div className="actions">
          <button type="submit">Lưu</button>
          <button type="button" onClick={() => onClose(null)}>
            Hủy
          </button>
        </div>
      </form>
    </Modal>
  );
}

/** Removing a value, once confirmed. */
export function RemoveDialog({ value, onClose }: { value: Item; onClose: Closed }) {
  const [error, setError] = useState<string | null>(null);
  async function remove() {
    setError(null);
    try {
      await api(`/api/v1/observations/${value.id}`, { method: 'DELETE', headers: { 'If-Match': `"${value.version}"` } });
      onClose('Đã xóa số liệu');
    } catch (err) {
      if (stale(err)) onClose(STALE);
      else setError(why(err));
    }
  }
  return (
    <Modal id="remove-title" title="Xóa số liệu?" onCancel={() => onClose(null)}>
      <p>{describeValue(value)}</p>
      <p>Số liệu sẽ bị xóa và các chỉ tiêu liên quan được tính lại; thao tác được ghi vào nhật ký.</p>
      {error && (
        <p role="alert" className="error">
          {error}
        </p>
      )}
      <div className="actions">
        <button type="button" className="danger" onClick={() => void remove()}>
          Xóa
        </button>
        <button type="button" onClick={() => onClose(null)} autoFocus>
          Hủy
        </button>
      </div>
    </Modal>
  );
}
