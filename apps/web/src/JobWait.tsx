import { useEffect, useState } from 'react';
import { viDuration } from '@dx/domain';

/** A job usually finishes well within this; past it the page says so and what to do. */
export const USUAL_JOB_MS = 10_000;
/** Past this a wait is "far past the usual time". */
const HINT_AFTER_MS = 3 * USUAL_JOB_MS;

/** "đang tính… (đã chờ 12 giây)", and a hint when the wait is far past the usual time. */
export function JobWait({ since, label = 'đang tính…' }: { since: number; label?: string }) {
  const [now, setNow] = useState(Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, []);
  const waited = Math.max(0, now - since);
  return (
    <span className="job-wait" role="status">
      {label} <span className="muted">(đã chờ {viDuration(waited)})</span>
      {waited > HINT_AFTER_MS && (
        <span className="hint">
          {' '}
          Lâu hơn thường lệ (thường dưới {viDuration(USUAL_JOB_MS)}): bộ xử lý hàng đợi có thể đang bận hoặc không chạy. Xem tình trạng máy
          chủ tại{' '}
          <a href="/health" target="_blank" rel="noreferrer">
            /health
          </a>{' '}
          hoặc báo quản trị viên.
        </span>
      )}
    </span>
  );
}
