import { EntityManager } from 'typeorm';

export interface StoredResponse {
  status: number;
  body: unknown;
}

/**
 * Idempotency-Key support for writes (draft-ietf-httpapi-idempotency-key-header): the
 * key is claimed in the write's transaction, so of two concurrent requests with one key
 * the second waits for the first and then replays its answer; a key reused with another
 * body is refused.
 */
export class IdempotencyRepository {
  constructor(private readonly m: EntityManager) {}

  /** The same repository on a transaction's manager: its queries run in that transaction. */
  withTransaction(manager: EntityManager): IdempotencyRepository {
    return new IdempotencyRepository(manager);
  }

  /** Claims the key: null when it is new (the caller writes, then `complete`s it), else what was stored for it. */
  async claim(userId: string, key: string, requestHash: string): Promise<{ requestHash: string; response: StoredResponse } | null> {
    const claimed = await this.m.query(
      `INSERT INTO idempotency_key (user_id, key, request_hash, status, body) VALUES ($1, $2, $3, 0, 'null') ON CONFLICT DO NOTHING RETURNING key`,
      [userId, key, requestHash],
    );
    if (claimed.length) return null;
    const [row] = await this.m.query(`SELECT request_hash, status, body FROM idempotency_key WHERE user_id = $1 AND key = $2`, [
      userId,
      key,
    ]);
    return { requestHash: row.request_hash, response: { status: row.status, body: row.body } };
  }

  async complete(userId: string, key: string, response: StoredResponse): Promise<void> {
    await this.m.query(`UPDATE idempotency_key SET status = $3, body = $4::jsonb WHERE user_id = $1 AND key = $2`, [
      userId,
      key,
      response.status,
      JSON.stringify(response.body),
    ]);
  }
}
