import { useState } from 'react';
import { viMoment } from '@dx/domain';
import { api, ApiError } from './api';
import { InboxItem, InboxPage, notificationHref, NOTIFICATION_SETTINGS, NOTIFICATIONS } from './notification-links';
import { useApi } from './use-api';

const PAGE_SIZE = 20;

const problemText = (err: unknown) => (err instanceof ApiError ? err.problem.detail : 'Không kết nối được máy chủ');

function Item({ n, onRead, isPage }: { n: InboxItem; onRead: (n: InboxItem) => void; isPage: (path: string) => boolean }) {
  const href = notificationHref(n, isPage);
  const unread = !n.readAt;
  return (
    <li className={unread ? 'notification unread' : 'notification'} data-testid="notification">
      <div className="heading">
        <strong>{href ? <a href={href}>{n.title}</a> : n.title}</strong>
        {unread && <span className="pending">chưa đọc</span>}
      </div>
      <p>{n.body}</p>
      <div className="muted">
        {viMoment(n.createdAt)}
        {unread && (
          <button type="button" className="link" onClick={() => onRead(n)}>
            Đánh dấu đã đọc
          </button>
        )}
      </div>
    </li>
  );
}

/** The signed-in account's notifications, newest first, unread ones marked; each leads to its task, directive, submission or report. */
export function Inbox({ isPage }: { isPage: (path: string) => boolean }) {
  const [page, setPage] = useState(1);
  const [onlyUnread, setOnlyUnread] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const q = new URLSearchParams({ page: String(page), pageSize: String(PAGE_SIZE) });
  if (onlyUnread) q.set('unread', 'true');
  const { data, error, reload } = useApi<InboxPage>(`${NOTIFICATIONS}?${q}`, { refreshMs: 30_000 });
  const write = async (path: string) => {
    setProblem(null);
    try {
      await api(path, { method: 'POST' });
    } catch (err) {
      setProblem(problemText(err));
    }
    await reload();
  };
  const refused = error ? problemText(error) : null;
  const pages = data ? Math.max(1, Math.ceil(data.total / data.pageSize)) : 1;
  return (
    <div className="inbox">
      <h1>Thông báo</h1>
      <div className="filters">
        {data && (
          <span className="muted" data-testid="inbox-counts">
            {data.total} thông báo · {data.unread} chưa đọc
          </span>
        )}
        <label className="inline">
          <input
            type="checkbox"
            checked={onlyUnread}
            onChange={(e) => {
              setOnlyUnread(e.target.checked);
              setPage(1);
            }}
          />
          Chỉ thông báo chưa đọc
        </label>
        <button type="button" disabled={!data?.unread} onClick={() => void write(`${NOTIFICATIONS}/read-all`)}>
          Đánh dấu tất cả đã đọc
        </button>
        <a href={NOTIFICATION_SETTINGS}>Cài đặt thông báo</a>
      </div>
      {(problem || refused) && (
        <p role="alert" className="error">
          {problem ?? refused}
        </p>
      )}
      {data && data.items.length === 0 && (
        <p className="muted">{onlyUnread ? 'Không có thông báo nào chưa đọc.' : 'Chưa có thông báo nào.'}</p>
      )}
      <ul className="notifications" aria-label="Danh sách thông báo">
        {data?.items.map((n) => (
          <Item key={n.id} n={n} isPage={isPage} onRead={(item) => void write(`${NOTIFICATIONS}/${item.id}/read`)} />
        ))}
      </ul>
      {data && data.total > data.pageSize && (
        <div className="filters">
          <button type="button" disabled={page === 1} onClick={() => setPage(page - 1)}>
            Trang trước
          </button>
          <span className="muted">
            Trang {page}/{pages}
          </span>
          <button type="button" disabled={page >= pages} onClick={() => setPage(page + 1)}>
            Trang sau
          </button>
        </div>
      )}
    </div>
  );
}
