import { FormEvent, useEffect, useState } from 'react';
import { api, ApiError, User } from './api';
import type { Direction, IndicatorKind } from '@dx/domain';
import { describeChange, rankOutOf } from '@dx/domain';
import { DtiPanel } from './DtiPanel';
import { JobWait } from './JobWait';
import { GOAL_STATUS, TASK_STATUS, VERDICT, viDate, viNumber, withUnit as unit } from './format';

interface Rollup { met: number; total: number; recorded: number; declared: number | null; counts: Record<string, number> }
interface TaskRollup { total: number; counts: Record<string, number>; overdue: number; recorded: number; declared: number | null; progress: string | null }
interface Summary {
  province: { code: string; name: string };
  computedAt: string | null;
  /** The recompute job of an as-of date nothing was computed for yet. */
  pendingJob: string | null;
  documents: {
    code: string; title: string; scope: string;
    rollup: { goals: Rollup | null; tasks: TaskRollup | null };
    goalGroups: { id: string; code: string; name: string; rollup: { goals: Rollup | null }; goals: { code: string; title: string; status: string | null }[] }[];
    taskGroups: { id: string; code: string; name: string; rollup: { tasks: TaskRollup | null } }[];
    claims: { scope: string; met: number; of: number; open: number | null; asOf: string; reconciliation: { verdict: string; computedMet: number; computedTotal: number; reasons: string[] } | null }[];
  }[];
}
interface Kpi {
  indicator: { code: string; name: string; unit: string; kind: IndicatorKind; direction: Direction };
  period: string; value: string;
  previous: { period: string; value: string | null; change: string | null };
  goalTargets: { op: string; target: string; met: boolean; attainment: string | null }[];
  nationalTarget: { op: string; target: string; met: boolean; attainment: string | null } | null;
  rank: { rank: number; of: number } | null;
}
interface Dashboard {
  tasks: { byLead: { lead: string; name: string; total: number; done: number; overdue: number }[] };
  directives: { open: number; overdue: number };
  openDirectives: { id: string; body: string; assignee: string | null; due: string | null; overdue: boolean }[];
  kpis: Kpi[];
}

/** A change against the previous period as every page words it: "▲4 bậc" for a rank that climbed from 7 to 3. */
function Change({ indicator, change }: { indicator: { kind: IndicatorKind; direction: Direction }; change: string }) {
  const { trend, text } = describeChange(indicator, change);
  return <span className={trend === 'better' ? 'up' : trend === 'worse' ? 'down' : undefined} data-testid="change">{text}</span>;
}

/** How often the page asks for fresh statuses (the worker recomputes after every write). */
const REFRESH_MS = 3000;
/** While a date is being computed (a job usually takes well under a second), ask more often. */
const PENDING_REFRESH_MS = 500;

function Bar({ value, of, label }: { value: number; of: number; label: string }) {
  const pct = of ? Math.round((100 * value) / of) : 0;
  return (
    <div className="bar" role="img" aria-label={`${label}: ${value}/${of}`}>
      <span style={{ width: `${pct}%` }} />
    </div>
  );
}

/** A KPI's recent values as a small line (inline SVG, no chart library). */
function Sparkline({ code, province, rank }: { code: string; province: string; rank: boolean }) {
  const [points, setPoints] = useState<{ period: string; value: string }[]>([]);
  useEffect(() => {
    api<{ points: { period: string; value: string }[] }>(`/api/v1/indicators/${code}/history?province=${province}&limit=12`).then(
      (r) => setPoints(r.body.points),
      () => setPoints([]),
    );
  }, [code, province]);
  if (points.length < 2) return null;
  const values = points.map((p) => Number(p.value));
  const min = Math.min(...values);
  const span = Math.max(...values) - min || 1;
  // A rank is drawn with 1 at the top, as in the reports: a climb from 7 to 3 rises.
  const y = (v: number) => (rank ? 4 + ((v - min) / span) * 24 : 28 - ((v - min) / span) * 24);
  const path = values.map((v, i) => `${((i / (values.length - 1)) * 100).toFixed(1)},${y(v).toFixed(1)}`).join(' ');
  return (
    <svg className="spark" viewBox="0 0 100 30" preserveAspectRatio="none" role="img" aria-label={`Diễn biến ${points.map((p) => `${p.period}: ${viNumber(p.value)}`).join(', ')}`}>
      <polyline points={path} fill="none" stroke="currentColor" strokeWidth="2" vectorEffect="non-scaling-stroke" />
    </svg>
  );
}

/** A leader's directive (or an officer's comment) on a goal or task group, with the assignee agency and due date. */
function DirectiveForm({ summary, kind, onDone }: { summary: Summary; kind: 'directive' | 'comment'; onDone: () => void }) {
  const groups = summary.documents.flatMap((d) => [
    ...d.goalGroups.map((g) => ({ value: `goal_group:${g.id}`, label: `${d.code} · nhóm mục tiêu ${g.code}` })),
    ...d.taskGroups.map((g) => ({ value: `task_group:${g.id}`, label: `${d.code} · nhóm nhiệm vụ ${g.code}` })),
  ]);
  const [target, setTarget] = useState(groups[0]?.value ?? '');
  const [body, setBody] = useState('');
  const [assignee, setAssignee] = useState('');
  const [due, setDue] = useState('');
  const [error, setError] = useState<string | null>(null);
  async function submit(e: FormEvent) {
    e.preventDefault();
    setError(null);
    const [targetKind, id] = target.split(':');
    try {
      await api('/api/v1/directives', {
        method: 'POST',
        json: { kind, target: { kind: targetKind, id }, body, ...(assignee.trim() ? { assignee: assignee.trim() } : {}), ...(due ? { due } : {}) },
      });
      setBody('');
      onDone();
    } catch (err) {
      setError(err instanceof ApiError ? err.problem.detail : 'Không kết nối được máy chủ');
    }
  }
  return (
    <form className="filters" onSubmit={submit} aria-label={kind === 'directive' ? 'Giao chỉ đạo' : 'Thêm ý kiến'}>
      <label>Về<select value={target} onChange={(e) => setTarget(e.target.value)}>{groups.map((g) => <option key={g.value} value={g.value}>{g.label}</option>)}</select></label>
      <label>Nội dung<input value={body} onChange={(e) => setBody(e.target.value)} required /></label>
      {kind === 'directive' && <label>Cơ quan thực hiện (mã)<input value={assignee} onChange={(e) => setAssignee(e.target.value)} placeholder="STTTT" /></label>}
      {kind === 'directive' && <label>Hạn<input type="date" value={due} onChange={(e) => setDue(e.target.value)} /></label>}
      <button type="submit">{kind === 'directive' ? 'Giao chỉ đạo' : 'Gửi ý kiến'}</button>
      {error && <p role="alert" className="error">{error}</p>}
    </form>
  );
}

/** When the pending recompute job was created (from GET /api/v1/jobs/:id), and whether it failed for good. */
function usePendingJob(id: string | null): { since: number; failed: boolean } | null {
  const [job, setJob] = useState<{ id: string; since: number; failed: boolean } | null>(null);
  useEffect(() => {
    if (!id) return;
    let stopped = false;
    const read = async () => {
      try {
        const { body } = await api<{ createdAt: string; state: string }>(`/api/v1/jobs/${encodeURIComponent(id)}`);
        if (!stopped) setJob({ id, since: Date.parse(body.createdAt), failed: body.state === 'failed' });
      } catch {
        if (!stopped) setJob((current) => (current?.id === id ? current : { id, since: Date.now(), failed: false }));
      }
    };
    void read();
    const timer = setInterval(read, REFRESH_MS);
    return () => {
      stopped = true;
      clearInterval(timer);
    };
  }, [id]);
  return id && job?.id === id ? job : null;
}

export function Overview({ province, user }: { province: string; user: User }) {
  const [tick, setTick] = useState(0);
  const [asOf, setAsOf] = useState('');
  const [summary, setSummary] = useState<Summary | null>(null);
  const [dash, setDash] = useState<Dashboard | null>(null);
  const [error, setError] = useState<string | null>(null);
  const pending = usePendingJob(summary?.computedAt ? null : (summary?.pendingJob ?? null));
  useEffect(() => {
    let stopped = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const q = asOf ? `?as_of=${asOf}` : '';
    const load = async () => {
      let next = REFRESH_MS;
      try {
        const [s, d] = await Promise.all([api<Summary>(`/api/v1/provinces/${province}/summary${q}`), api<Dashboard>(`/api/v1/provinces/${province}/dashboard${q}`)]);
        if (!stopped) {
          setSummary(s.body);
          setDash(d.body);
          setError(null);
        }
        if (!s.body.computedAt) next = PENDING_REFRESH_MS;
      } catch (e) {
        if (!stopped) setError((e as Error).message);
      }
      if (!stopped) timer = setTimeout(load, next);
    };
    void load();
    return () => {
      stopped = true;
      clearTimeout(timer);
    };
  }, [province, asOf, tick]);

  if (error && !summary) return <p role="alert">{error}</p>;
  if (!summary || !dash) return <p>Đang tải…</p>;
  return (
    <div className="overview">
      <div className="heading">
        <h1>{summary.province.name}</h1>
        <label>
          Tình trạng tại ngày{' '}
          <input type="date" value={asOf} onChange={(e) => setAsOf(e.target.value)} aria-label="Ngày xem tình trạng" />
        </label>
        {summary.computedAt ? (
          <span className="muted">cập nhật {new Date(summary.computedAt).toLocaleString('vi-VN')}</span>
        ) : pending?.failed ? (
          <span role="alert" className="error">
            Không tính được tình trạng tại ngày này sau nhiều lần thử. Hãy báo quản trị viên (mã công việc {summary.pendingJob}; chi tiết lỗi có trong nhật ký máy chủ).
          </span>
        ) : (
          <JobWait since={pending?.since ?? Date.now()} />
        )}
      </div>

      {summary.documents.map((d) => (
        <section key={d.code} className="card document" aria-label={`Văn bản ${d.code}`}>
          <h2>{d.code} — {d.title}</h2>
          {d.rollup.goals && (
            <p className="big" data-testid={`goals-${d.code}`}>
              Mục tiêu: <strong>{d.rollup.goals.met}/{d.rollup.goals.total} đạt</strong>
              {d.rollup.goals.declared !== null && <span className="muted"> · {d.rollup.goals.recorded}/{d.rollup.goals.declared} mục tiêu đã nhập</span>}
            </p>
          )}
          {d.claims.map((c, i) => (
            <div key={i} className={`claim ${c.reconciliation && c.reconciliation.verdict !== 'consistent' ? 'warning' : ''}`} role={c.reconciliation && c.reconciliation.verdict !== 'consistent' ? 'alert' : undefined}>
              Báo cáo ngày {viDate(c.asOf)}: {c.met}/{c.of} đạt{c.open !== null ? `, còn ${c.open} chưa đạt` : ''}
              {c.reconciliation && <> — số liệu tính được {c.reconciliation.computedMet}/{c.reconciliation.computedTotal} đạt — <strong>{VERDICT[c.reconciliation.verdict]}</strong></>}
              {c.reconciliation?.reasons.map((r) => <div key={r} className="muted">{r}</div>)}
            </div>
          ))}
          {d.goalGroups.length > 0 && (
            <table>
              <caption className="sr-only">Nhóm mục tiêu</caption>
              <thead><tr><th>Nhóm</th><th>Tên</th><th>Đạt</th><th aria-label="Tỷ lệ đạt" /></tr></thead>
              <tbody>
                {d.goalGroups.map((g) => (
                  <tr key={g.code}>
                    <td>{g.code}</td><td>{g.name}</td>
                    <td>{g.rollup.goals ? `${g.rollup.goals.met}/${g.rollup.goals.total}` : '—'}</td>
                    <td>{g.rollup.goals && <Bar value={g.rollup.goals.met} of={g.rollup.goals.total} label={`Nhóm ${g.code} đạt`} />}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
          {d.taskGroups.length > 0 && (
            <table>
              <caption className="sr-only">Nhóm nhiệm vụ</caption>
              <thead><tr><th>Nhóm</th><th>Tên</th><th>Hoàn thành</th><th>Quá hạn</th><th>Tình trạng</th></tr></thead>
              <tbody>
                {d.taskGroups.map((g) => {
                  const t = g.rollup.tasks;
                  return (
                    <tr key={g.code}>
                      <td>{g.code}</td><td>{g.name}</td>
                      <td data-testid={`done-${g.code}`}>{t ? `${t.counts.done ?? 0}/${t.total}` : '—'}{t && <Bar value={t.counts.done ?? 0} of={t.total} label={`Nhóm ${g.code} hoàn thành`} />}</td>
                      <td>{t?.overdue ?? 0}</td>
                      <td className="muted">{t ? Object.entries(t.counts).filter(([, n]) => n > 0).map(([s, n]) => `${n} ${TASK_STATUS[s]}`).join(', ') : ''}{t && t.declared !== null ? ` · ${t.recorded}/${t.declared} đã nhập` : ''}</td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          )}
          {d.goalGroups.some((g) => g.goals.length) && (
            <details>
              <summary>Các mục tiêu</summary>
              <ul className="goals">
                {d.goalGroups.flatMap((g) => g.goals).map((g) => <li key={g.code}><span className={`status ${g.status}`}>{GOAL_STATUS[g.status ?? 'no_data']}</span> {g.code} — {g.title}</li>)}
              </ul>
            </details>
          )}
        </section>
      ))}

      <DtiPanel province={province} asOf={asOf} />

      <section className="card" aria-label="Chỉ số">
        <h2>Chỉ số</h2>
        <div className="tiles">
          {dash.kpis.map((k) => {
            const target = k.nationalTarget ?? k.goalTargets[0] ?? null;
            // A rank among only one province with data ("1/1") says nothing: not shown.
            const rank = rankOutOf(k.rank?.rank ?? null, k.rank?.of ?? null);
            return (
              <div key={k.indicator.code} className={`tile ${target ? (target.met ? 'met' : 'not-met') : ''}`} data-testid={`kpi-${k.indicator.code}`}>
                <div className="name">{k.indicator.name}</div>
                <div className="value">{unit(k.value, k.indicator.unit)}</div>
                <Sparkline code={k.indicator.code} province={province} rank={k.indicator.kind === 'rank'} />
                <div className="muted">
                  kỳ {k.period}
                  {target && <> · chỉ tiêu {target.op} {unit(target.target, k.indicator.unit)} · {target.met ? 'đạt' : 'chưa đạt'}</>}
                  {k.previous.change !== null && <> · so với kỳ trước <Change indicator={k.indicator} change={k.previous.change} /></>}
                  {rank && <> · hạng {rank}</>}
                </div>
              </div>
            );
          })}
        </div>
      </section>

      <section className="card" aria-label="Nhiệm vụ quá hạn theo cơ quan">
        <h2>Nhiệm vụ theo cơ quan chủ trì</h2>
        <table>
          <thead><tr><th>Cơ quan</th><th>Hoàn thành</th><th>Quá hạn</th></tr></thead>
          <tbody>{dash.tasks.byLead.map((l) => <tr key={l.lead}><td>{l.name}</td><td>{l.done}/{l.total}</td><td className={l.overdue ? 'danger' : ''}>{l.overdue}</td></tr>)}</tbody>
        </table>
      </section>

      <section className="card" aria-label="Ý kiến chỉ đạo">
        <h2>Ý kiến chỉ đạo đang mở: {dash.directives.open}{dash.directives.overdue ? `, ${dash.directives.overdue} quá hạn` : ''}</h2>
        <ul>{dash.openDirectives.map((d) => <li key={d.id} className={d.overdue ? 'danger' : ''}>{d.body} — {d.assignee ?? 'chưa giao'} · hạn {viDate(d.due)}</li>)}</ul>
        {(user.role === 'leader' || user.role === 'admin' || user.role === 'officer') && (
          <DirectiveForm summary={summary} kind={user.role === 'officer' ? 'comment' : 'directive'} onDone={() => setTick((t) => t + 1)} />
        )}
      </section>
    </div>
  );
}
