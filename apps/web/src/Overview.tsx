import { useEffect, useState } from 'react';
import { api } from './api';
import { GOAL_STATUS, TASK_STATUS, VERDICT, viDate, viNumber } from './format';

interface Rollup { met: number; total: number; recorded: number; declared: number | null; counts: Record<string, number> }
interface TaskRollup { total: number; counts: Record<string, number>; overdue: number; recorded: number; declared: number | null; progress: string | null }
interface Summary {
  province: { code: string; name: string };
  computedAt: string | null;
  documents: {
    code: string; title: string; scope: string;
    rollup: { goals: Rollup | null; tasks: TaskRollup | null };
    goalGroups: { code: string; name: string; rollup: { goals: Rollup | null }; goals: { code: string; title: string; status: string | null }[] }[];
    taskGroups: { code: string; name: string; rollup: { tasks: TaskRollup | null } }[];
    claims: { scope: string; met: number; of: number; open: number | null; asOf: string; reconciliation: { verdict: string; computedMet: number; computedTotal: number; reasons: string[] } | null }[];
  }[];
}
interface Kpi {
  indicator: { code: string; name: string; unit: string };
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

/** How often the page asks for fresh statuses (the worker recomputes after every write). */
const REFRESH_MS = 3000;

function Bar({ value, of, label }: { value: number; of: number; label: string }) {
  const pct = of ? Math.round((100 * value) / of) : 0;
  return (
    <div className="bar" role="img" aria-label={`${label}: ${value}/${of}`}>
      <span style={{ width: `${pct}%` }} />
    </div>
  );
}

function unit(v: string, u: string) {
  return u === '%' ? `${viNumber(v)}%` : `${viNumber(v)} ${u}`;
}

export function Overview({ province }: { province: string }) {
  const [asOf, setAsOf] = useState('');
  const [summary, setSummary] = useState<Summary | null>(null);
  const [dash, setDash] = useState<Dashboard | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    let stopped = false;
    const q = asOf ? `?as_of=${asOf}` : '';
    const load = async () => {
      try {
        const [s, d] = await Promise.all([api<Summary>(`/api/v1/provinces/${province}/summary${q}`), api<Dashboard>(`/api/v1/provinces/${province}/dashboard${q}`)]);
        if (!stopped) {
          setSummary(s.body);
          setDash(d.body);
          setError(null);
        }
      } catch (e) {
        if (!stopped) setError((e as Error).message);
      }
    };
    void load();
    const timer = setInterval(load, REFRESH_MS);
    return () => {
      stopped = true;
      clearInterval(timer);
    };
  }, [province, asOf]);

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
        <span className="muted">{summary.computedAt ? `cập nhật ${new Date(summary.computedAt).toLocaleString('vi-VN')}` : 'đang tính…'}</span>
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

      <section className="card" aria-label="Chỉ số">
        <h2>Chỉ số</h2>
        <div className="tiles">
          {dash.kpis.map((k) => {
            const target = k.nationalTarget ?? k.goalTargets[0] ?? null;
            return (
              <div key={k.indicator.code} className={`tile ${target ? (target.met ? 'met' : 'not-met') : ''}`} data-testid={`kpi-${k.indicator.code}`}>
                <div className="name">{k.indicator.name}</div>
                <div className="value">{unit(k.value, k.indicator.unit)}</div>
                <div className="muted">
                  kỳ {k.period}
                  {target && <> · chỉ tiêu {target.op} {unit(target.target, k.indicator.unit)} · {target.met ? 'đạt' : 'chưa đạt'}</>}
                  {k.previous.change !== null && <> · so với kỳ trước {Number(k.previous.change) > 0 ? '+' : ''}{viNumber(k.previous.change)}</>}
                  {k.rank && <> · hạng {k.rank.rank}/{k.rank.of}</>}
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
      </section>
    </div>
  );
}
