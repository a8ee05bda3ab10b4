import { useEffect } from 'react';
import { WROTE } from './api';
import { INBOX, InboxPage, NOTIFICATIONS } from './notification-links';
import { useApi } from './use-api';

/** How often the header asks for the unread count while the tab is visible (use-api pauses polls while it is hidden). */
const POLL_MS = 30_000;

/** "Thông báo (3)" in the top bar: the account's unread notifications, linking to the inbox. */
export function NotificationBadge({ current }: { current: boolean }) {
  const { data, reload } = useApi<InboxPage>(`${NOTIFICATIONS}?unread=true&page=1&pageSize=1`, { refreshMs: POLL_MS });
  // Marking read (or anything else written) may change the count: ask again at once.
  useEffect(() => {
    const on = () => void reload();
    window.addEventListener(WROTE, on);
    return () => window.removeEventListener(WROTE, on);
  }, [reload]);
  const unread = data?.unread ?? 0;
  return (
    <a
      href={INBOX}
      className="inbox-link"
      aria-current={current ? 'page' : undefined}
      data-testid="unread-badge"
      title={unread ? `${unread} thông báo chưa đọc` : 'Không có thông báo chưa đọc'}
    >
      Thông báo{unread ? <span className="badge"> ({unread})</span> : null}
    </a>
  );
}
