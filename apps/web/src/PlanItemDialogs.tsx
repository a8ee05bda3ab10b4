import { FormEvent, ReactNode, useState } from 'react';
import { webItemLines } from '@dx/domain';
import type { ProblemField, ProvinceResponse, WebItemsSeen } from '@dx/domain';
import { api, ApiError } from './api';
import type { User } from './api';
import { useApi } from './use-api';
import { useModalDialog } from './use-modal-dialog';

/** Adding, editing and cancelling tasks and goals: officers of the province and admins (the API decides; this hides the controls). */
export function canEditPlan(user: User): boolean {
  return user.role === 'admin' || user.role === 'officer';
}

/** The units that may lead or support a task: the province itself and its agencies still in existence. */
export function useLeadOptions(province: string): { code: string; name: string }[] {
  const { data } = useApi<ProvinceResponse>(`/api/v1/provinces/${province}`);
  const today = new Date().toISOString().slice(0, 10);
  if (!data) return [];
  const agencies = data.agencies.filter((a) => a.code !== data.code && (!a.validTo || a.validTo >= today));
  return [{ code: data.code, name: data.name }, ...agencies];
}

/** Field problems of a refused save, by path ("" and unknown paths under the form). */
export type FieldErrors = Record<string, string[]>;

/** Turns a refused save into field errors next to the fields; a stale version or another failure as the form's error. */
export function errorsOf(err: unknown): FieldErrors {
  if (!(err instanceof ApiError)) return { '': ['Không kết nối được máy chủ'] };
  const fields = (err.problem.errors ?? []) as ProblemField[];
  if (!fields.length) return { '': [err.problem.detail] };
  const result: FieldErrors = {};
  for (const f of fields) {
    const path = f.path.replace(/\[\d+\]$/, '');
    // Shown next to its field: the field's name in quotes is not repeated.
    result[path] = [...(result[path] ?? []), ...f.messages.map((m) => m.replace(/^"[^"]*"\s*/, ''))];
  }
  return result;
}

/** A labelled field with its errors under it (linked by aria-describedby). */
export function Field({ id, label, errors, children }: { id: string; label: string; errors?: string[]; children: ReactNode }) {
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      {children}
      {errors?.length ? (
        <span id={`${id}-error`} className="error" role="alert">
          {errors.join('; ')}
        </span>
      ) : null}
    </div>
  );
}

/** A text of two lines (a title) as a labelled field with its errors. */
export function TextAreaField(props: { id: string; label: string; value: string; onChange: (value: string) => void; errors?: string[] }) {
  const { id, label, value, onChange, errors } = props;
  return (
    <Field id={id} label={label} errors={errors}>
      <textarea id={id} rows={2} value={value} onChange={(e) => onChange(e.target.value)} aria-invalid={Boolean(errors)} />
    </Field>
  );
}

/** A date as a labelled field with its errors. */
export function DateField(props: { id: string; label: string; value: string; onChange: (value: string) => void; errors?: string[] }) {
  const { id, label, value, onChange, errors } = props;
  return (
    <Field id={id} label={label} errors={errors}>
      <input id={id} type="date" value={value} onChange={(e) => onChange(e.target.value)} aria-invalid={Boolean(errors)} />
    </Field>
  );
}

/** What the add/edit forms of tasks and goals are given: the province, where a new item goes, and where to report back. */
export interface ItemFormProps {
  province: string;
  place?: { document: string; group: string };
  onClose: (message: string | null) => void;
}

/** A modal dialog (native <dialog>, Escape closes it) around a form. */
export function ModalForm({
  title,
  onSubmit,
  onClose,
  submitLabel,
  errors,
  children,
}: {
  title: string;
  onSubmit: () => Promise<void>;
  onClose: () => void;
  submitLabel: string;
  errors: FieldErrors;
  children: ReactNode;
}) {
  const ref = useModalDialog();
  const [busy, setBusy] = useState(false);
  async function submit(e: FormEvent) {
    e.preventDefault();
    setBusy(true);
    await onSubmit().finally(() => setBusy(false));
  }
  const general = Object.entries(errors).filter(([path]) => !KNOWN_FIELDS.has(path));
  return (
    <dialog ref={ref} aria-label={title} className="dialog plan-item" onCancel={onClose}>
      <form onSubmit={submit} noValidate>
        <h3>{title}</h3>
        {children}
        {general.length > 0 && (
          <ul role="alert" className="error">
            {general
              .flatMap(([, messages]) => messages)
              .map((m) => (
                <li key={m}>{m}</li>
              ))}
          </ul>
        )}
        <div className="actions">
          <button type="submit" disabled={busy}>
            {submitLabel}
          </button>
          <button type="button" onClick={onClose}>
            Đóng
          </button>
        </div>
      </form>
    </dialog>
  );
}

/** Fields the forms show their own errors next to. */
export const KNOWN_FIELDS = new Set([
  'group',
  'code',
  'title',
  'lead',
  'support',
  'due',
  'status',
  'indicator',
  'target',
  'target.op',
  'target.value',
  'reason',
]);

/** Cancelling a task or goal: the reason is required and recorded; the item is kept, shown as "đã hủy". */
export function CancelDialog({
  what,
  item,
  url,
  onClose,
}: {
  what: 'nhiệm vụ' | 'mục tiêu';
  item: { id: string; code: string; title: string; version?: number };
  url: string;
  onClose: (message: string | null) => void;
}) {
  const [reason, setReason] = useState('');
  const [errors, setErrors] = useState<FieldErrors>({});
  async function submit() {
    setErrors({});
    try {
      await api(url, { method: 'POST', json: { reason }, headers: { 'If-Match': `"${item.version}"` } });
      onClose(`Đã hủy ${what} ${item.code}`);
    } catch (err) {
      setErrors(errorsOf(err));
    }
  }
  return (
    <ModalForm
      title={`Hủy ${what} ${item.code}`}
      submitLabel={`Hủy ${what}`}
      onSubmit={submit}
      onClose={() => onClose(null)}
      errors={errors}
    >
      <p>{item.title}</p>
      <p className="muted">{`${what[0].toUpperCase()}${what.slice(1)} được giữ lại và hiện là «đã hủy», không tính vào tiến độ.`}</p>
      <Field id="cancel-reason" label="Lý do hủy" errors={errors.reason}>
        <textarea
          id="cancel-reason"
          value={reason}
          onChange={(e) => setReason(e.target.value)}
          rows={4}
          maxLength={2000}
          aria-invalid={Boolean(errors.reason)}
          aria-describedby={errors.reason ? 'cancel-reason-error' : undefined}
        />
      </Field>
    </ModalForm>
  );
}

/** An import's notes on tasks and goals added or edited in the web app ("giữ lại 2 nhiệm vụ thêm trên web (…)"). */
export function WebItemNotes({ seen }: { seen: WebItemsSeen | undefined }) {
  const lines = seen ? webItemLines(seen, 'vi') : [];
  if (!lines.length) return null;
  return (
    <ul className="muted" aria-label="Nhiệm vụ, mục tiêu thêm hoặc sửa trên web" data-testid="import-web-items">
      {lines.map((line) => (
        <li key={line}>{line}</li>
      ))}
    </ul>
  );
}
