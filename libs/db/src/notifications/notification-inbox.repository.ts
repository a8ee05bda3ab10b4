import { DataSource, EntityManager } from 'typeorm';
import {
  DEFAULT_DUE_SOON_DAYS,
  effectivePreferences,
  type DeliveryResponse,
  type DeliveryStatus,
  type NotificationPreference,
  type NotificationResponse,
  type ProvinceNotificationSettingsResponse,
} from '@dx/domain';

const ITEM = `SELECT n.id, n.kind, n.title, n.body, n.link,
                     CASE WHEN n.entity_id IS NULL THEN NULL ELSE json_build_object('kind', n.entity_kind, 'id', n.entity_id) END AS entity,
                     p.code AS province, n.created_at AS "createdAt", n.read_at AS "readAt"
                FROM notification n LEFT JOIN org_unit p ON p.id = n.province_id`;

/** The rows an UPDATE … RETURNING gave (TypeORM answers [rows, count] for UPDATE). */
const updated = (result: unknown[]) => (result[0] as unknown[]).length;

const iso = (d: Date | string | null) => (d === null ? null : new Date(d).toISOString());

/** An account's inbox and preferences, its email address, a province's reminder settings, the deliveries officers see. */
export class NotificationInboxRepository {
  constructor(private readonly db: DataSource | EntityManager) {}

  withTransaction(manager: EntityManager): NotificationInboxRepository {
    return new NotificationInboxRepository(manager);
  }

  /** A page of the account's own notifications, newest first, with how many there are and how many are unread. */
  async list(
    accountId: string,
    q: { unreadOnly: boolean; offset: number; limit: number },
  ): Promise<{ items: NotificationResponse[]; total: number; unread: number }> {
    const where = `WHERE n.account_id = $1${q.unreadOnly ? ' AND n.read_at IS NULL' : ''}`;
    const rows: (NotificationResponse & { createdAt: Date; readAt: Date | null })[] = await this.db.query(
      `${ITEM} ${where} ORDER BY n.created_at DESC, n.id DESC OFFSET $2 LIMIT $3`,
      [accountId, q.offset, q.limit],
    );
    const [counts] = await this.db.query(
      `SELECT count(*)::int AS total, count(*) FILTER (WHERE read_at IS NULL)::int AS unread FROM notification n ${where.replace(' AND n.read_at IS NULL', '')}`,
      [accountId],
    );
    const total = q.unreadOnly ? counts.unread : counts.total;
    return { items: rows.map((r) => ({ ...r, createdAt: iso(r.createdAt)!, readAt: iso(r.readAt) })), total, unread: counts.unread };
  }

  /** Marks one of the account's notifications read; false when it has none with that id. */
  async markRead(accountId: string, id: string): Promise<boolean> {
    const rows = await this.db.query(
      `UPDATE notification SET read_at = coalesce(read_at, now()) WHERE id = $1 AND account_id = $2 RETURNING id`,
      [id, accountId],
    );
    return updated(rows) > 0;
  }

  /** Marks every unread notification of the account read; how many. */
  async markAllRead(accountId: string): Promise<number> {
    const rows = await this.db.query(`UPDATE notification SET read_at = now() WHERE account_id = $1 AND read_at IS NULL RETURNING id`, [
      accountId,
    ]);
    return updated(rows);
  }

  /** Every kind with the account's choice or the default. */
  async preferences(accountId: string): Promise<NotificationPreference[]> {
    const rows = await this.db.query(`SELECT kind, mode, digest FROM notification_preference WHERE account_id = $1`, [accountId]);
    return effectivePreferences(rows);
  }

  async savePreferences(accountId: string, prefs: readonly NotificationPreference[]): Promise<void> {
    for (const p of prefs) {
      await this.db.query(
        `INSERT INTO notification_preference (account_id, kind, mode, digest) VALUES ($1, $2, $3, $4)
         ON CONFLICT (account_id, kind) DO UPDATE SET mode = EXCLUDED.mode, digest = EXCLUDED.digest, updated_at = now()`,
        [accountId, p.kind, p.mode, p.digest],
      );
    }
  }

  /** Sets (or clears) an account's address: 'taken' when another account has it (regardless of case). */
  async setEmail(accountId: string, email: string | null): Promise<'ok' | 'taken' | 'not_found'> {
    if (email !== null) {
      const [other] = await this.db.query(`SELECT id FROM app_user WHERE lower(email) = lower($1) AND id <> $2`, [email, accountId]);
      if (other) return 'taken';
    }
    const rows = await this.db.query(`UPDATE app_user SET email = $2, updated_at = now() WHERE id = $1 RETURNING id`, [accountId, email]);
    return updated(rows) > 0 ? 'ok' : 'not_found';
  }

  async emailOf(accountId: string): Promise<string | null> {
    const [row] = await this.db.query(`SELECT email FROM app_user WHERE id = $1`, [accountId]);
    return row?.email ?? null;
  }

  /** A province's reminder days and webhook (defaults when never set); null for an unknown province code. */
  async settings(provinceCode: string): Promise<(ProvinceNotificationSettingsResponse & { provinceId: string }) | null> {
    const [row] = await this.db.query(
      `SELECT p.id AS "provinceId", p.code AS province, s.due_soon_days AS "dueSoonDays", s.webhook_url AS "webhookUrl",
              s.webhook_secret IS NOT NULL AS "hasWebhookSecret", coalesce(s.version, 0) AS version
         FROM org_unit p LEFT JOIN province_notification_setting s ON s.province_id = p.id
        WHERE p.kind = 'province' AND p.code = $1`,
      [provinceCode],
    );
    if (!row) return null;
    return { ...row, dueSoonDays: row.dueSoonDays ?? [...DEFAULT_DUE_SOON_DAYS], webhookUrl: row.webhookUrl ?? null };
  }

  /**
   * Saves a province's settings when `expectedVersion` is the stored one (0: never saved); false otherwise. A
   * `webhookSecret` of undefined keeps the stored secret, null clears it.
   */
  async saveSettings(
    provinceId: string,
    s: { dueSoonDays: number[]; webhookUrl: string | null; webhookSecret?: string | null; expectedVersion: number; by: string },
  ): Promise<boolean> {
    const keep = s.webhookSecret === undefined;
    const secret = keep ? null : s.webhookSecret;
    if (s.expectedVersion === 0) {
      const rows = await this.db.query(
        `INSERT INTO province_notification_setting (province_id, due_soon_days, webhook_url, webhook_secret, updated_by)
         VALUES ($1, $2, $3, $4, $5) ON CONFLICT (province_id) DO NOTHING RETURNING version`,
        [provinceId, s.dueSoonDays, s.webhookUrl, secret, s.by],
      );
      return rows.length > 0;
    }
    const rows = await this.db.query(
      `UPDATE province_notification_setting SET due_soon_days = $2, webhook_url = $3,
              webhook_secret = CASE WHEN $6 THEN webhook_secret ELSE $4 END, version = version + 1, updated_at = now(), updated_by = $7
        WHERE province_id = $1 AND version = $5 RETURNING version`,
      [provinceId, s.dueSoonDays, s.webhookUrl, secret, s.expectedVersion, keep, s.by],
    );
    return updated(rows) > 0;
  }

  /** Deliveries by status, newest first: of one province, or every province's (null: admins). */
  async deliveries(provinceId: string | null, status: DeliveryStatus | null, limit: number): Promise<DeliveryResponse[]> {
    const rows = await this.db.query(
      `SELECT id, kind, channel, recipient, event_key AS "eventKey", status, attempts, last_error AS "lastError",
              next_attempt_at AS "nextAttemptAt", sent_at AS "sentAt", created_at AS "createdAt", payload->>'subject' AS subject
         FROM notification_delivery
        WHERE ($1::uuid IS NULL OR province_id = $1) AND ($2::text IS NULL OR status = $2)
        ORDER BY created_at DESC, id LIMIT $3`,
      [provinceId, status, limit],
    );
    return rows.map((r: DeliveryResponse) => ({
      ...r,
      recipient: r.channel === 'webhook' ? redactUrl(r.recipient) : r.recipient,
      nextAttemptAt: iso(r.nextAttemptAt)!,
      sentAt: iso(r.sentAt),
      createdAt: iso(r.createdAt)!,
    }));
  }
}

/** A webhook URL without its query string and credentials (they may carry a token). */
function redactUrl(url: string): string {
  try {
    const u = new URL(url);
    return `${u.protocol}//${u.host}${u.pathname}`;
  } catch {
    return url;
  }
}
