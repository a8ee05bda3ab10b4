import { DataSource, EntityManager } from 'typeorm';
import { DELIVERY_RETRY, retryDelayMs, type DeliveryChannelName, type NotificationKind } from '@dx/domain';

/** A delivery a channel sends: its row as claimed (attempts already counts this attempt). */
export interface PendingDelivery {
  id: string;
  notificationId: string | null;
  provinceId: string | null;
  kind: NotificationKind;
  channel: DeliveryChannelName;
  recipient: string;
  eventKey: string;
  /** event|recipient|channel: pass it on (email Message-ID, webhook header) so a receiver can drop a repeat. */
  idempotencyKey: string;
  attempts: number;
  payload: {
    subject: string;
    text: string;
    html?: string;
    attachments?: { reportId: string; format: string; filename: string }[];
    event: Record<string, unknown>;
  };
}

/** One notification of a person's daily digest. */
export interface DigestItem {
  accountId: string;
  email: string;
  displayName: string;
  provinceId: string | null;
  title: string;
  body: string;
  link: string | null;
}

const COLUMNS = `d.id, d.notification_id AS "notificationId", d.province_id AS "provinceId", d.kind, d.channel, d.recipient,
                 d.event_key AS "eventKey", d.idempotency_key AS "idempotencyKey", d.attempts, d.payload`;

/** Claiming, and settling, the outgoing deliveries (docs/notifications.md, "Idempotency and retries"). */
export class DeliveryRepository {
  constructor(private readonly db: DataSource | EntityManager) {}

  withTransaction(manager: EntityManager): DeliveryRepository {
    return new DeliveryRepository(manager);
  }

  /**
   * Claims up to `limit` due pending deliveries of the channels: counts the attempt and moves the next attempt a
   * lease ahead, in one statement (FOR UPDATE SKIP LOCKED: two workers never claim the same row). A worker killed
   * after the claim leaves the row pending; it is claimed again when the lease ends.
   */
  async claim(
    channels: readonly DeliveryChannelName[],
    limit: number,
    leaseMs: number = DELIVERY_RETRY.leaseMs,
  ): Promise<PendingDelivery[]> {
    if (!channels.length) return [];
    const result = await this.db.query(
      `WITH due AS (
         SELECT id FROM notification_delivery
          WHERE status = 'pending' AND channel = ANY($1::text[]) AND next_attempt_at <= now()
          ORDER BY next_attempt_at, id LIMIT $2 FOR UPDATE SKIP LOCKED)
       UPDATE notification_delivery d SET attempts = d.attempts + 1, next_attempt_at = now() + $3 * interval '1 millisecond'
         FROM due WHERE d.id = due.id
       RETURNING ${COLUMNS}`,
      [channels, limit, leaseMs],
    );
    return result[0] as PendingDelivery[];
  }

  async markSent(id: string): Promise<void> {
    await this.db.query(
      `UPDATE notification_delivery SET status = 'sent', sent_at = now(), last_error = NULL WHERE id = $1 AND status = 'pending'`,
      [id],
    );
  }

  /** A failed attempt: retried after the backoff, or failed for good after `maxAttempts`. */
  async markFailed(
    d: Pick<PendingDelivery, 'id' | 'attempts'>,
    error: string,
    retry: { baseMs?: number; maxAttempts?: number } = {},
  ): Promise<'retry' | 'failed'> {
    const final = d.attempts >= (retry.maxAttempts ?? DELIVERY_RETRY.maxAttempts);
    await this.db.query(
      `UPDATE notification_delivery SET status = $2, last_error = $3, next_attempt_at = now() + $4 * interval '1 millisecond'
        WHERE id = $1 AND status = 'pending'`,
      [d.id, final ? 'failed' : 'pending', error.slice(0, 2000), final ? 0 : retryDelayMs(d.attempts, retry.baseMs)],
    );
    return final ? 'failed' : 'retry';
  }

  async findById(id: string): Promise<(PendingDelivery & { status: string; lastError: string | null }) | null> {
    const [row] = await this.db.query(
      `SELECT ${COLUMNS}, d.status, d.last_error AS "lastError" FROM notification_delivery d WHERE d.id = $1`,
      [id],
    );
    return row ?? null;
  }

  /** How many deliveries of a channel wait to be sent. */
  async countPending(channel: DeliveryChannelName): Promise<number> {
    const [row] = await this.db.query(`SELECT count(*)::int AS n FROM notification_delivery WHERE status = 'pending' AND channel = $1`, [
      channel,
    ]);
    return row.n;
  }

  /** The province's webhook secret: by the delivery's province, or else by the URL it is sent to. */
  async webhookSecretFor(provinceId: string | null | undefined, recipient: string): Promise<string | null> {
    const [row] = provinceId
      ? await this.db.query(`SELECT webhook_secret FROM province_notification_setting WHERE province_id = $1`, [provinceId])
      : await this.db.query(`SELECT webhook_secret FROM province_notification_setting WHERE webhook_url = $1 LIMIT 1`, [recipient]);
    return row?.webhook_secret ?? null;
  }

  /**
   * A day's notifications (local `date` in `timeZone`) that go into the digests: of active accounts with an address,
   * of kinds whose preference is a digest (by default only `goal.status_changed`), by account, oldest first.
   */
  async digestItemsOf(date: string, timeZone: string): Promise<DigestItem[]> {
    return this.db.query(
      `SELECT u.id AS "accountId", u.email, u.display_name AS "displayName", n.province_id AS "provinceId", n.title, n.body, n.link
         FROM notification n JOIN app_user u ON u.id = n.account_id
         LEFT JOIN notification_preference np ON np.account_id = u.id AND np.kind = n.kind
        WHERE u.active AND u.email IS NOT NULL AND (n.created_at AT TIME ZONE $2)::date = $1::date
          AND coalesce(np.mode, 'both') <> 'in_app' AND coalesce(np.digest, n.kind = 'goal.status_changed')
        ORDER BY u.id, n.created_at, n.id`,
      [date, timeZone],
    );
  }

  /** Queues one digest email (ON CONFLICT DO NOTHING on its idempotency key); returns 1 if inserted, 0 if there. */
  async insertDigestDelivery(d: {
    provinceId: string | null;
    recipient: string;
    eventKey: string;
    idempotencyKey: string;
    payload: unknown;
  }): Promise<number> {
    const inserted = await this.db.query(
      `INSERT INTO notification_delivery (province_id, kind, channel, recipient, event_key, idempotency_key, payload)
         VALUES ($1, 'digest', 'email', $2, $3, $4, $5::jsonb) ON CONFLICT (idempotency_key) DO NOTHING RETURNING id`,
      [d.provinceId, d.recipient, d.eventKey, d.idempotencyKey, JSON.stringify(d.payload)],
    );
    return inserted.length;
  }
}
