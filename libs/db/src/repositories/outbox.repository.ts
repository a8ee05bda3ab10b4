import { DataSource, EntityManager } from 'typeorm';

/** A province whose pending outbox rows are due for a recompute job: the rows' ids and the largest of them. */
export interface DueOutboxRows {
  provinceId: string;
  maxId: string;
  ids: string[];
}

/**
 * The outbox (rows written with each change, in the change's transaction) as the relay reads and marks it. No
 * transaction is held: the relay talks to the queue between these statements.
 */
export class OutboxRepository {
  constructor(private readonly db: DataSource | EntityManager) {}

  /** Rows that another province's job already passed (statuses, and KPIs or none needed) need no job of their own. */
  async markCovered(): Promise<void> {
    await this.db.query(
      `UPDATE outbox SET enqueued_at = now() WHERE enqueued_at IS NULL AND processed_at IS NOT NULL AND kpi_processed_at IS NOT NULL`,
    );
  }

  /**
   * Provinces with pending rows that are due: quiet for `debounceMs`, or waiting longer than `maxWaitMs`, and with no
   * job in flight (rows enqueued, unprocessed, less than `inFlightMs` ago).
   */
  async due(debounceMs: number, maxWaitMs: number, inFlightMs: number): Promise<DueOutboxRows[]> {
    const rows: { province_id: string; max_id: string; ids: string[] }[] = await this.db.query(
      `SELECT o.province_id, max(o.id)::text AS max_id, array_agg(o.id)::text[] AS ids FROM outbox o WHERE o.enqueued_at IS NULL
        GROUP BY o.province_id
       HAVING (max(o.created_at) <= now() - make_interval(secs => $1::float / 1000)
               OR min(o.created_at) <= now() - make_interval(secs => $2::float / 1000))
          AND NOT EXISTS (SELECT 1 FROM outbox f
                           WHERE f.province_id = o.province_id AND f.enqueued_at IS NOT NULL AND f.processed_at IS NULL
                             AND f.enqueued_at > now() - make_interval(secs => $3::float / 1000))`,
      [debounceMs, maxWaitMs, inFlightMs],
    );
    return rows.map((r) => ({ provinceId: r.province_id, maxId: r.max_id, ids: r.ids }));
  }

  /**
   * Marks exactly these rows as sent with the job: a row with a smaller id that committed since is left for the next
   * round (marking it here could hand it to a job that had already read its rows).
   */
  async markEnqueued(ids: string[], jobId: string): Promise<void> {
    await this.db.query(`UPDATE outbox SET enqueued_at = now(), job_id = $2 WHERE id = ANY($1::bigint[]) AND enqueued_at IS NULL`, [
      ids,
      jobId,
    ]);
  }
}
