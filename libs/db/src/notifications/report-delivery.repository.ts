import { DataSource, EntityManager } from 'typeorm';

/** A report schedule as its delivery needs it. */
export interface ReportScheduleRecipients {
  recipients: string[];
  title: string;
  provinceName: string;
}

/** An account named among a schedule's recipients, with its mode for the report's kind (null: no preference). */
export interface ReportRecipientAccount {
  id: string;
  username: string;
  email: string | null;
  mode: string | null;
}

/** A row of notification_delivery a scheduled report queues. */
export interface ReportDeliveryRow {
  notificationId: string | null;
  provinceId: string;
  kind: string;
  channel: 'email' | 'webhook';
  recipient: string;
  eventKey: string;
  idempotencyKey: string;
  payload: unknown;
}

/** The in-app notification of a report made, for one account. */
export interface ReportNotificationRow {
  accountId: string;
  kind: string;
  eventKey: string;
  provinceId: string;
  title: string;
  body: string;
  link: string | null;
  reportId: string;
}

/**
 * The reads and inserts of a scheduled report's delivery (`report.made`): its schedule's recipients, their
 * accounts, the province's webhook, and the notification and delivery rows (ON CONFLICT DO NOTHING: a rerun adds nothing).
 */
export class ReportDeliveryRepository {
  constructor(private readonly db: DataSource | EntityManager) {}

  withTransaction(manager: EntityManager): ReportDeliveryRepository {
    return new ReportDeliveryRepository(manager);
  }

  async scheduleOf(scheduleId: string): Promise<ReportScheduleRecipients | null> {
    const [schedule] = await this.db.query(
      `SELECT s.recipients, d.title, p.name AS "provinceName" FROM report_schedule s JOIN document d ON d.id = s.document_id
         JOIN org_unit p ON p.id = s.province_id WHERE s.id = $1`,
      [scheduleId],
    );
    return schedule ?? null;
  }

  /** Active accounts by username, of the province (or admins), with their preference for `kind`. */
  async recipientAccounts(usernames: string[], kind: string, provinceId: string): Promise<ReportRecipientAccount[]> {
    return this.db.query(
      `SELECT u.id, u.username, u.email, np.mode FROM app_user u
         LEFT JOIN notification_preference np ON np.account_id = u.id AND np.kind = $2
         LEFT JOIN org_unit o ON o.id = u.org_unit_id
        WHERE u.username = ANY($1) AND u.active AND (u.role = 'admin' OR o.id = $3 OR o.province_id = $3)`,
      [usernames, kind, provinceId],
    );
  }

  /** The province's webhook URL, if it has one. */
  async webhookUrlOf(provinceId: string): Promise<string | null> {
    const [hook] = await this.db.query(
      `SELECT webhook_url FROM province_notification_setting WHERE province_id = $1 AND webhook_url IS NOT NULL`,
      [provinceId],
    );
    return hook ? hook.webhook_url : null;
  }

  /** Inserts the notification unless the account has it for the event; returns its id either way. */
  async insertNotification(n: ReportNotificationRow): Promise<string | null> {
    await this.db.query(
      `INSERT INTO notification (account_id, kind, event_key, province_id, title, body, link, entity_kind, entity_id)
       VALUES ($1, $2, $3, $4, $5, $6, $7, 'report', $8) ON CONFLICT (account_id, event_key) DO NOTHING`,
      [n.accountId, n.kind, n.eventKey, n.provinceId, n.title, n.body, n.link, n.reportId],
    );
    const [row] = await this.db.query(`SELECT id FROM notification WHERE account_id = $1 AND event_key = $2`, [n.accountId, n.eventKey]);
    return row?.id ?? null;
  }

  /** Queues one delivery unless its idempotency key is there; returns 1 if inserted, 0 if not. */
  async insertDelivery(d: ReportDeliveryRow): Promise<number> {
    const rows = await this.db.query(
      `INSERT INTO notification_delivery (notification_id, province_id, kind, channel, recipient, event_key, idempotency_key, payload)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8::jsonb) ON CONFLICT (idempotency_key) DO NOTHING RETURNING id`,
      [d.notificationId, d.provinceId, d.kind, d.channel, d.recipient, d.eventKey, d.idempotencyKey, JSON.stringify(d.payload)],
    );
    return rows.length;
  }
}
