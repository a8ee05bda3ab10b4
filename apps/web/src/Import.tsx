import { useState } from 'react';
import type { PlanCheck, PlanIssue } from '@dx/domain';
import { api, ApiError } from './api';
import { viNumber } from './format';

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

/** Upload a plan file: every error with its line before anything is written, then import. */
export function Import() {
  const [file, setFile] = useState<File | null>(null);
  const [checked, setChecked] = useState<PlanCheck | null>(null);
  const [result, setResult] = useState<string | null>(null);
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
              const { body } = await send<{ provinceCode: string }>(`/api/v1/plans/import?file=${encodeURIComponent(file!.name)}`);
              setResult(`Đã nhập kế hoạch của ${body.provinceCode}`);
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
      {result && (
        <p role="status" className="ok">
          {result}
        </p>
      )}
      {checked && <CheckResult checked={checked} />}
      {checked && <Issues title="Lỗi" issues={checked.errors} kind="error" />}
      {checked && <Issues title="Cảnh báo" issues={checked.warnings} kind="warning" />}
    </div>
  );
}
