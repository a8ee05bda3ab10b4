import { useState } from 'react';
import type { User } from './api';
import { session } from './api';
import { ModalForm } from './PlanItemDialogs';

interface DispatchForm {
  mode: 'per-agency' | 'all';
  asOf: string;
  number: string;
  signerName: string;
  signerTitle: string;
}

/**
 * Asks the API for the reminder dispatches (a PDF, or a ZIP of one PDF per agency) with the session's token (a plain
 * link could not send it) and saves the file; the problem's detail when refused.
 */
async function downloadDispatch(province: string, f: DispatchForm): Promise<{ file: string } | { error: string }> {
  const body = {
    province,
    mode: f.mode,
    ...(f.asOf ? { asOf: f.asOf } : {}),
    ...(f.number.trim() ? { number: f.number.trim() } : {}),
    ...(f.signerName.trim() ? { signerName: f.signerName.trim() } : {}),
    ...(f.signerTitle.trim() ? { signerTitle: f.signerTitle.trim() } : {}),
  };
  const res = await fetch('/api/v1/reminders/dispatch', {
    method: 'POST',
    headers: { Authorization: `Bearer ${session.token()}`, 'Accept-Language': 'vi', 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
  });
  if (!res.ok)
    return { error: ((await res.json().catch(() => null)) as { detail?: string } | null)?.detail ?? 'Không tạo được công văn đôn đốc' };
  const file = /filename="([^"]+)"/.exec(res.headers.get('Content-Disposition') ?? '')?.[1] ?? `cong-van-don-doc-${province}.pdf`;
  const url = URL.createObjectURL(await res.blob());
  const a = document.createElement('a');
  a.href = url;
  a.download = file;
  a.click();
  URL.revokeObjectURL(url);
  return { file };
}

/** "Tạo công văn đôn đốc" for officers and admins: a dialog for the mode, number and signer, then the file downloads. */
export function DispatchButton({ user, province, onDone }: { user: User; province: string; onDone: (message: string) => void }) {
  const [open, setOpen] = useState(false);
  const [form, setForm] = useState<DispatchForm>({ mode: 'per-agency', asOf: '', number: '', signerName: '', signerTitle: '' });
  const [error, setError] = useState<string | null>(null);
  if (user.role !== 'admin' && user.role !== 'officer') return null;
  const set = (patch: Partial<DispatchForm>) => setForm((f) => ({ ...f, ...patch }));
  const close = () => {
    setOpen(false);
    setError(null);
  };
  return (
    <>
      <button type="button" onClick={() => setOpen(true)}>
        Tạo công văn đôn đốc
      </button>
      {open && (
        <ModalForm
          title="Tạo công văn đôn đốc"
          submitLabel="Tạo và tải về"
          errors={error ? { dispatch: [error] } : {}}
          onClose={close}
          onSubmit={async () => {
            const result = await downloadDispatch(province, form);
            if ('error' in result) return setError(result.error);
            close();
            onDone(`Đã tạo công văn đôn đốc: ${result.file}`);
          }}
        >
          <label>
            Cách lập
            <select value={form.mode} onChange={(e) => set({ mode: e.target.value as DispatchForm['mode'] })}>
              <option value="per-agency">Mỗi cơ quan một công văn (tệp ZIP khi nhiều cơ quan)</option>
              <option value="all">Một công văn gửi tất cả các cơ quan</option>
            </select>
          </label>
          <label>
            Tính đến ngày
            <input type="date" value={form.asOf} onChange={(e) => set({ asOf: e.target.value })} />
          </label>
          <label>
            Số, ký hiệu
            <input value={form.number} onChange={(e) => set({ number: e.target.value })} placeholder="để trống: văn thư điền sau" />
          </label>
          <label>
            Người ký
            <input value={form.signerName} onChange={(e) => set({ signerName: e.target.value })} placeholder="Nguyễn Văn A" />
          </label>
          <label>
            Chức vụ người ký
            <input value={form.signerTitle} onChange={(e) => set({ signerTitle: e.target.value })} placeholder="GIÁM ĐỐC" />
          </label>
        </ModalForm>
      )}
    </>
  );
}
