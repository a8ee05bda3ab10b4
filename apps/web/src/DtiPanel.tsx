import type { DtiFigure, DtiHistory, DtiYear } from '@dx/domain';
import { describeChange, DTI_INDEX_NAMES, DTI_PILLAR_NAMES, RANK_MEASURE, rankOutOf } from '@dx/domain';
import { ApiError } from './api';
import { viNumber } from './format';
import { useApi } from './use-api';

const known = (figures: Record<string, DtiFigure>, order: readonly string[]) => {
  const at = (name: string) => (order.includes(name) ? order.indexOf(name) : order.length);
  return Object.entries(figures)
    .filter(([, f]) => f && (f.score !== null || f.rank !== null))
    .sort(([a], [b]) => at(a) - at(b) || a.localeCompare(b, 'vi'));
};

/** "Hạng 3/63"; just "Hạng 7" when the stored table holds fewer ranked entries than the rank (rankOutOf). */
const rankText = (rank: number | null, total: number) => (rank === null ? 'Chưa xếp hạng' : `Hạng ${rankOutOf(rank, total) ?? rank}`);
const score = (s: string | null) => (s === null ? '—' : viNumber(s));

/** The change since the year before (as the API gives it), when the history holds that year. */
function changeOf(y: DtiYear, years: DtiYear[]): { rank: number | null; score: number | null } | null {
  if (!years.some((x) => x.year === y.year - 1)) return null;
  return { rank: y.rankChange, score: y.scoreChange === null ? null : Number(y.scoreChange) };
}

/** Places gained (positive is up) as every page words a change of rank: "▲4 bậc", "▼2 bậc", "không đổi". */
function RankChange({ change }: { change: number }) {
  const { trend, text, words } = describeChange(RANK_MEASURE, -change);
  if (trend === 'same') return <span>{text}</span>;
  return (
    <span className={trend === 'better' ? 'up' : 'down'} role="img" aria-label={words}>
      {text}
    </span>
  );
}

function Figures({ caption, figures }: { caption: string; figures: [string, DtiFigure][] }) {
  if (!figures.length) return null;
  return (
    <table className="dti-figures">
      <caption>{caption}</caption>
      <thead>
        <tr>
          <th>Tên</th>
          <th>Điểm</th>
          <th>Hạng</th>
        </tr>
      </thead>
      <tbody>
        {figures.map(([name, f]) => (
          <tr key={name}>
            <td>{name}</td>
            <td>{score(f.score)}</td>
            <td>{f.rank ?? '—'}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** The provinces ranked next to this one in the year's table, itself marked. */
function Peers({ year, province }: { year: DtiYear; province: string }) {
  return (
    <table className="dti-peers">
      <caption>Xếp hạng gần nhau năm {year.year}</caption>
      <thead>
        <tr>
          <th>Hạng</th>
          <th>Tỉnh, thành phố</th>
          <th>Điểm</th>
        </tr>
      </thead>
      <tbody>
        {year.peers.map((p) => (
          <tr
            key={`${p.rank}-${p.name}`}
            className={p.province === province ? 'self' : undefined}
            aria-current={p.province === province ? 'true' : undefined}
          >
            <td>{p.rank}</td>
            <td>{p.name}</td>
            <td>{score(p.score)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** The latest year shown (position, change, pillars, indices, peers) and every year up to it. */
function DtiYears({ shown, province }: { shown: DtiYear[]; province: string }) {
  const latest = shown[shown.length - 1];
  const change = changeOf(latest, shown);
  return (
    <>
      <p className="big" data-testid="dti-position">
        Năm {latest.year}: <strong>{rankText(latest.rank, latest.total)}</strong>
        {latest.score !== null && (
          <>
            {' '}
            · <strong>{score(latest.score)}</strong> điểm
          </>
        )}
        {latest.rank !== null && !latest.rankGiven && <span className="muted"> (hạng tính từ điểm số)</span>}
      </p>
      <p data-testid="dti-change">
        {!change ? (
          <span className="muted">Chưa có kết quả năm {latest.year - 1} để so sánh</span>
        ) : (
          <>
            So với năm {latest.year - 1}: {change.rank !== null ? <RankChange change={change.rank} /> : 'hạng chưa so được'}
            {change.score !== null && (
              <>
                , {change.score > 0 ? '+' : change.score < 0 ? '−' : '±'}
                {viNumber(Math.abs(change.score))} điểm
              </>
            )}
          </>
        )}
      </p>
      <div className="dti-grid">
        <Figures caption="Trụ cột" figures={known(latest.pillars, DTI_PILLAR_NAMES)} />
        <Figures caption="Chỉ số chính" figures={known(latest.indices, DTI_INDEX_NAMES).filter(([, f]) => f.rank !== null)} />
        {latest.peers.length > 0 && <Peers year={latest} province={province} />}
      </div>
      <ul className="history" aria-label="DTI các năm">
        {shown.map((y) => (
          <li key={y.year}>
            {y.year}: {y.score !== null ? `${score(y.score)} điểm, ` : ''}
            {rankText(y.rank, y.total).toLowerCase()}
          </li>
        ))}
      </ul>
    </>
  );
}

/**
 * The province's place in the national DTI: the latest year up to the as-of date's year
 * (score, rank, change), pillars, main indices, the provinces ranked next to it, the years.
 */
export function DtiPanel({ province, asOf }: { province: string; asOf: string }) {
  const { data, error } = useApi<DtiHistory>(`/api/v1/dti/provinces/${province}`);
  const refused = error instanceof ApiError ? error.problem.status : null;
  if (refused === 403) return null;
  // A province without DTI results reads as an empty history.
  const years = refused === 404 ? [] : data && [...data.years].sort((a, b) => a.year - b.year);
  const failed = error !== null && refused !== 404 ? 'Không tải được số liệu DTI' : null;
  const shown = years?.filter((y) => !asOf || y.year <= Number(asOf.slice(0, 4))) ?? [];
  return (
    <section className="card dti" aria-label="Chỉ số chuyển đổi số (DTI)" data-testid="dti">
      <h2>Chỉ số chuyển đổi số (DTI)</h2>
      {failed ? (
        <p role="alert" className="error">
          {failed}
        </p>
      ) : !years ? (
        <p className="muted">Đang tải…</p>
      ) : shown.length === 0 ? (
        <p className="muted">Chưa có dữ liệu DTI</p>
      ) : (
        <DtiYears shown={shown} province={province} />
      )}
    </section>
  );
}
