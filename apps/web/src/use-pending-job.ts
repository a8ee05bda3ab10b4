import { useEffect, useState } from 'react';
import type { JobResponse } from '@dx/domain';
import { useApi } from './use-api';

/** How often the overview asks for fresh statuses and job states (the worker recomputes after every write). */
export const REFRESH_MS = 3000;

/** When the pending recompute job was created (from GET /api/v1/jobs/:id), and whether it failed for good. */
export function usePendingJob(id: string | null): { since: number; failed: boolean } | null {
  const path = id ? `/api/v1/jobs/${encodeURIComponent(id)}` : null;
  const { data, error, from } = useApi<JobResponse>(path, { refreshMs: REFRESH_MS });
  // A job that cannot be read is waited for from when that was first noticed.
  const [unread, setUnread] = useState<{ id: string; since: number } | null>(null);
  useEffect(() => {
    if (id && error && from === path) setUnread((current) => (current?.id === id ? current : { id, since: Date.now() }));
  }, [id, path, error, from]);
  if (!id) return null;
  if (data?.id === id) return { since: Date.parse(data.createdAt), failed: data.state === 'failed' };
  return unread?.id === id ? { since: unread.since, failed: false } : null;
}
