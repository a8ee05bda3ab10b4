import { useState } from 'react';
import type { ImportCounts, ImportEntity, PlanCheck, PlanImportResponse, PlanIssue } from '@dx/domain';
import { api, ApiError } from './api';
import { viNumber } from './format';
import { WebItemNotes } from './PlanItemDialogs';

const COUNT_LABELS: Record<string, string> = {
  documents: 'văn bản',
  goals: 'mục tiêu',
  tasks: 'nhiệm vụ',
  indicators: 'chỉ số',
  observations: 'số liệu',
};

function Issues({ title, issues, kind }: { title: string; issues: PlanIssue[]; kind: 'error' | 'warning' }) {
  if (!issues.length) return null;
  return (
    <section aria-label={title} className={`card ${kind}`}>
      <h2>
        {title} ({issues.length})
      </h2>
      <table>
        <thead>
          <tr>
            <th>Dòng</th>
            <th>Vị trí</th>
            <th>Nội dung</th>
          </tr>
        </thead>
        <tbody>
          {issues.map((i, k) => (
            <tr key={k}>
              <td>{i.line ?? '—'}</td>
              <td>
                <code>{i.path}</code>
              </td>
              <td>{i.message}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

/** The verdict on a checked file: what it holds when valid, how many errors otherwise. */
function CheckResult({ checked }: { checked: PlanCheck }) {
  return (
    <p role="status" className={checked.valid ? 'ok' : 'error'} data-testid="check-result">
      {checked.valid
        ? `Tệp hợp lệ: tỉnh ${checked.province}, ${Object.entries(checked.counts ?? {})
            .map(([k, n]) => `${viNumber(n)} ${COUNT_LABELS[k] ?? k}`)
            .join(', ')}`
        : `Tệp có ${checked.errors.length} lỗi; chưa ghi gì vào hệ thống`}
    </p>
  );
}

const ENTITY_LABELS: Record<ImportEntity, string> = {
  provinces: 'Tỉnh, thành phố',
  agencies: 'Cơ quan',
  indicators: 'Chỉ số',
  documents: 'Văn bản',
  goal_groups: 'Nhóm mục tiêu',
  task_groups: 'Nhóm nhiệm vụ',
  goals: 'Mục tiêu',
  tasks: 'Nhiệm vụ',
  reported_claims: 'Kết quả tự báo cáo',
  observations: 'Số liệu',
};

/** What an import wrote: created, updated and unchanged rows, in total and per kind. */
function ImportSummary({ province, counts }: { province: string; counts: ImportCounts }) {
  const rows = Object.entries(counts) as [ImportEntity, ImportCounts[ImportEntity]][];
  const sum = (k: 'created' | 'updated' | 'unchanged') => rows.reduce((n, [, c]) => n + c[k], 0);
  return (
    <section className="card" aria-label="Kết quả nhập">
      <p role="status" className="ok" data-testid="import-result">
        Đã nhập kế hoạch của {province}: {viNumber(sum('created'))} mục tạo mới, {viNumber(sum('updated'))} mục cập nhật,{' '}
        {viNumber(sum('unchanged'))} mục không đổi
      </p>
      <table aria-label="Số mục theo loại">
        <thead>
          <tr>
            <th>Loại</th>
            <th>Tạo mới</th>
            <th>Cập nhật</th>
            <th>Không đổi</th>
          </tr>
        </thead>
        <tbody>
          {rows
            .filter(([, c]) => c.created + c.updated + c.unchanged > 0)
            .map(([k, c]) => (
              <tr key={k}>
                <td>{ENTITY_LABELS[k]}</td>
                <td>{viNumber(c.created)}</td>
                <td>{viNumber(c.updated)}</td>
                <td>{viNumber(c.unchanged)}</td>
              </tr>
            ))}
        </tbody>
      </table>
    </section>
  );
}

/** Upload a plan file: every error with its line before anything is written, then import. */
export function Import() {
  const [file, setFile] = useState<File | null>(null);
  const [checked, setChecked] = useState<PlanCheck | null>(null);
  const [result, setResult] = useState<PlanImportResponse | null>(null);
  const [error, setError] = useState<string | null>(null);
  const send = async <T,>(path: string) =>
    api<T>(path, { method: 'POST', body: await file!.arrayBuffer(), headers: { 'Content-Type': 'application/yaml' } });

  return (
    <div>
      <h1>Nhập kế hoạch</h1>
      <p className="muted">Tệp kế hoạch dx-tracker/plan@1 (YAML). Tệp được kiểm tra trước; chỉ tệp hợp lệ mới được nhập.</p>
      <label>
        Tệp kế hoạch
        <input
          type="file"
          accept=".yaml,.yml,application/yaml"
          onChange={(e) => {
            setFile(e.target.files?.[0] ?? null);
            setChecked(null);
            setResult(null);
          }}
        />
      </label>
      <div className="actions">
        <button
          type="button"
          disabled={!file}
          onClick={async () => {
            setError(null);
            try {
              setChecked((await send<PlanCheck>('/api/v1/plans/validate')).body);
            } catch (e) {
              setChecked(null);
              setError(e instanceof ApiError ? e.problem.detail : 'Không kết nối được máy chủ');
            }
          }}
        >
          Kiểm tra
        </button>
        <button
          type="button"
          disabled={!checked?.valid}
          onClick={async () => {
            setError(null);
            try {
              const { body } = await send<PlanImportResponse>(`/api/v1/plans/import?file=${encodeURIComponent(file!.name)}`);
              setResult(body);
            } catch (e) {
              setError(e instanceof ApiError ? e.problem.detail : 'Không kết nối được máy chủ');
            }
          }}
        >
          Nhập vào hệ thống
        </button>
      </div>
      {error && (
        <p role="alert" className="error">
          {error}
        </p>
      )}
      {result && <ImportSummary province={result.provinceCode} counts={result.counts} />}
      {result && <WebItemNotes seen={result.webItems} />}
      {checked && <CheckResult checked={checked} />}
      {checked && <Issues title="Lỗi" issues={checked.errors} kind="error" />}
      {checked && <Issues title="Cảnh báo" issues={checked.warnings} kind="warning" />}
    </div>
  );
}
