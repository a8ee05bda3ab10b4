import { FormEvent, useEffect, useState } from 'react';
import type { DocumentResponse, JobResponse, Page, ReportOrderResponse, ReportSchedule, Serialized, StoredReport } from '@dx/domain';
import { JobWait } from './JobWait';
import { api, ApiError, session } from './api';
import { viDate, viPeriod } from './format';
import { useApi } from './use-api';
import { EmptyRow } from './EmptyRow';

type Report = Serialized<StoredReport>;

const FREQUENCY: Record<string, string> = {
  weekly: 'hằng tuần',
  monthly: 'hằng tháng',
  quarterly: 'hằng quý',
  yearly: 'hằng năm',
  cron: 'theo biểu thức cron',
};
/** The files every report and schedule makes: the PDF to print, the spreadsheet, the Word document to edit. */
const FORMATS = ['pdf', 'xlsx', 'docx'] as const;
/** How often a report being made is asked about. */
const JOB_POLL_MS = 500;

/** Downloads a stored report with the session's token (a plain link could not send it). */
async function download(report: Report, format: string) {
  const res = await fetch(`/api/v1/reports/${report.id}/file?format=${format}`, {
    headers: { Authorization: `Bearer ${session.token()}` },
  });
  if (!res.ok) return;
  const url = URL.createObjectURL(await res.blob());
  const a = document.createElement('a');
  a.href = url;
  a.download = `bao-cao-${report.document.replace(/[^A-Za-z0-9-]+/g, '-')}-${report.period}.${format}`;
  a.click();
  URL.revokeObjectURL(url);
}

const explain = (err: unknown) => (err instanceof ApiError ? err.problem.detail : 'Không kết nối được máy chủ');

/** A report job being followed (from GET /api/v1/jobs/:id) until it is made or fails for good; `onMade` then. */
function useReportJob(onMade: () => Promise<void>) {
  const [job, setJob] = useState<{ id: string; since: number } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const path = job ? `/api/v1/jobs/${job.id}` : null;
  const polled = useApi<JobResponse>(path, { refreshMs: JOB_POLL_MS });
  const state = job && polled.data?.id === job.id ? polled.data : undefined;
  const failure = job && polled.from === path ? polled.error : null;
  useEffect(() => {
    if (!job) return;
    if (failure) {
      setJob(null);
      setError(explain(failure));
    } else if (state?.state === 'completed' || state?.state === 'failed') {
      if (state.state === 'failed')
        setError(
          `Không tạo được báo cáo sau nhiều lần thử. Hãy báo quản trị viên (mã công việc ${job.id}; chi tiết lỗi có trong nhật ký máy chủ).`,
        );
      setJob(null);
      void onMade();
    }
  }, [job, state, failure, onMade]);
  const progress = job ? (typeof state?.progress === 'number' ? state.progress : 0) : null;
  return { job, progress, error, setError, follow: (id: string) => setJob({ id, since: Date.now() }) };
}

/** A labelled text input of the order form. */
function TextField(p: { label: string; value: string; set: (v: string) => void; placeholder: string; max: number }) {
  return (
    <label>
      {p.label}
      <input value={p.value} onChange={(e) => p.set(e.target.value)} placeholder={p.placeholder} maxLength={p.max} />
    </label>
  );
}

/** Orders a report now and follows its job (progress, wait) until it is made or fails for good. */
function OrderForm({
  province,
  docs,
  document,
  setDocument,
  onMade,
}: {
  province: string;
  docs: DocumentResponse[];
  document: string;
  setDocument: (code: string) => void;
  onMade: () => Promise<void>;
}) {
  const [period, setPeriod] = useState(String(new Date().getFullYear()));
  // The report's own number and signer; blank: the number is left for the clerk, the signer is the province's heading's.
  const [number, setNumber] = useState('');
  const [signerName, setSignerName] = useState('');
  const [signerTitle, setSignerTitle] = useState('');
  const { job, progress, error, setError, follow } = useReportJob(onMade);

  async function order(e: FormEvent) {
    e.preventDefault();
    setError(null);
    const own = Object.fromEntries(
      Object.entries({ number, signerName, signerTitle })
        .map(([k, v]) => [k, v.trim()])
        .filter(([, v]) => v),
    );
    try {
      const json = { province, document, period, formats: FORMATS, ...own };
      const { body } = await api<ReportOrderResponse>('/api/v1/reports', { method: 'POST', json });
      follow(body.job.id);
    } catch (err) {
      setError(explain(err));
    }
  }

  return (
    <form className="card filters" onSubmit={order} aria-label="Tạo báo cáo">
      <label>
        Văn bản
        <select value={document} onChange={(e) => setDocument(e.target.value)}>
          {docs.map((d) => (
            <option key={d.code} value={d.code}>
              {d.code}
            </option>
          ))}
        </select>
      </label>
      <label>
        Kỳ báo cáo
        <input value={period} onChange={(e) => setPeriod(e.target.value)} placeholder="Năm 2023, Quý 4/2023, Tháng 10/2023" />
      </label>
      <TextField label="Số báo cáo" value={number} set={setNumber} placeholder="125/BC-SKHCN" max={60} />
      <TextField label="Người ký" value={signerName} set={setSignerName} placeholder="Nguyễn Văn An" max={100} />
      <TextField label="Chức vụ người ký" value={signerTitle} set={setSignerTitle} placeholder="GIÁM ĐỐC" max={100} />
      <button type="submit" disabled={progress !== null}>
        Tạo báo cáo ngay
      </button>
      {progress !== null && (
        <progress max={100} value={progress} aria-label="Tiến độ tạo báo cáo">
          {progress}%
        </progress>
      )}
      {job && <JobWait since={job.since} label="đang tạo báo cáo…" />}
      {error && (
        <p role="alert" className="error">
          {error}
        </p>
      )}
    </form>
  );
}

/** The automatic schedules, which officers may add (for the chosen document) and remove. */
function Schedules({ province, document, canSchedule }: { province: string; document: string; canSchedule: boolean }) {
  const { data, reload } = useApi<{ items: Serialized<ReportSchedule>[] }>(`/api/v1/report-schedules?province=${province}`);
  const [frequency, setFrequency] = useState('monthly');
  const [recipients, setRecipients] = useState('');
  return (
    <section className="card" aria-label="Lịch báo cáo">
      <h2>Lịch báo cáo tự động</h2>
      <ul>
        {(data?.items ?? []).map((s) => (
          <li key={s.id}>
            {s.document} · {FREQUENCY[s.frequency]}
            {s.cron ? ` (${s.cron})` : ''} · {s.formats.join(', ').toUpperCase()}
            {s.recipients?.length ? ` · Nơi nhận: ${s.recipients.join(', ')}` : ''}
            {canSchedule && (
              <button
                type="button"
                onClick={async () => {
                  await api(`/api/v1/report-schedules/${s.id}`, { method: 'DELETE' });
                  await reload();
                }}
              >
                Xóa
              </button>
            )}
          </li>
        ))}
      </ul>
      {canSchedule && (
        <form
          className="filters"
          aria-label="Thêm lịch báo cáo"
          onSubmit={async (e) => {
            e.preventDefault();
            const list = recipients.split(/[,;\s]+/).filter(Boolean);
            await api('/api/v1/report-schedules', {
              method: 'POST',
              json: { province, document, frequency, formats: FORMATS, recipients: list },
            });
            setRecipients('');
            await reload();
          }}
        >
          <label>
            Tần suất
            <select value={frequency} onChange={(e) => setFrequency(e.target.value)}>
              {Object.entries(FREQUENCY)
                .filter(([k]) => k !== 'cron')
                .map(([k, v]) => (
                  <option key={k} value={k}>
                    {v}
                  </option>
                ))}
            </select>
          </label>
          <label>
            Nơi nhận (tài khoản hoặc email)
            <input
              value={recipients}
              onChange={(e) => setRecipients(e.target.value)}
              placeholder="lanhdao, vanphong@tinh.gov.vn"
              title="Mỗi báo cáo lập theo lịch được gửi email kèm tệp PDF và XLSX đến những nơi nhận này"
            />
          </label>
          <button type="submit">Thêm lịch cho {document}</button>
        </form>
      )}
    </section>
  );
}

export function Reports({ province, canOrder, canSchedule }: { province: string; canOrder: boolean; canSchedule: boolean }) {
  const reports = useApi<Page<Report>>(`/api/v1/reports?province=${province}&pageSize=50`);
  const docs = useApi<Page<DocumentResponse>>(`/api/v1/documents?province=${province}`);
  const [document, setDocument] = useState('');
  useEffect(() => {
    if (docs.data) setDocument((current) => current || docs.data!.items[0]?.code || '');
  }, [docs.data]);

  return (
    <div>
      <h1>Báo cáo</h1>
      {canOrder && (
        <OrderForm
          province={province}
          docs={docs.data?.items ?? []}
          document={document}
          setDocument={setDocument}
          onMade={reports.reload}
        />
      )}
      <section className="card" aria-label="Báo cáo đã tạo">
        <table>
          <thead>
            <tr>
              <th>Văn bản</th>
              <th>Kỳ</th>
              <th>Số</th>
              <th>Người ký</th>
              <th>Số liệu đến</th>
              <th>Người tạo</th>
              <th>Tệp</th>
            </tr>
          </thead>
          <tbody>
            {!reports.data && <EmptyRow columns={7}>{reports.error ? 'Không tải được danh sách báo cáo.' : 'Đang tải…'}</EmptyRow>}
            {reports.data?.items.length === 0 && <EmptyRow columns={7}>Chưa có báo cáo nào.</EmptyRow>}
            {(reports.data?.items ?? []).map((r) => (
              <tr key={r.id} data-item-id={r.id}>
                <td>{r.document}</td>
                <td>{viPeriod(r.period)}</td>
                <td>{r.number ?? '—'}</td>
                <td>{[r.signerTitle, r.signerName].filter(Boolean).join(' ') || '—'}</td>
                <td>{viDate(r.asOf)}</td>
                <td>{r.createdBy}</td>
                <td>
                  {r.formats.map((f) => (
                    <button key={f} type="button" className="link" onClick={() => void download(r, f)}>
                      {f.toUpperCase()}
                    </button>
                  ))}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
      <Schedules province={province} document={document} canSchedule={canSchedule} />
    </div>
  );
}
