import { DataSource, EntityManager } from 'typeorm';
import {
  channelsFor,
  defaultPreference,
  deliveryIdempotencyKey,
  entityOf,
  eventKey,
  linkFor,
  notificationText,
  recipientsFor,
  type NotificationEvent,
  type NotificationKind,
  type NotificationPreference,
  type RecipientRule,
} from '@dx/domain';

/** An account an event reaches, with its choice for the event's kind. */
export interface NotifiedAccount {
  id: string;
  username: string;
  displayName: string;
  email: string | null;
  preference: NotificationPreference;
}

/** What recording one event newly wrote: rows already there (a rerun) are not listed. */
export interface RecordedEvent {
  eventKey: string;
  kind: NotificationKind;
  title: string;
  inApp: { accountId: string; username: string; displayName: string }[];
  emails: { username: string; email: string }[];
  webhooks: string[];
}

/** The SQL condition and parameters of recipient rules (`u` is app_user, `o` its org unit). */
function recipientCondition(rules: readonly RecipientRule[]): { where: string; params: unknown[] } {
  const params: unknown[] = [];
  const p = (v: unknown) => {
    params.push(v);
    return `$${params.length + 1}`;
  };
  const parts = rules.map((r) => {
    if ('role' in r) return `(u.role = ${p(r.role)} AND o.province_id = ${p(r.provinceId)})`;
    if ('reportersOf' in r) return `(u.role = 'reporter' AND u.org_unit_id = ${p(r.reportersOf)})`;
    if ('accountId' in r) return `u.id = ${p(r.accountId)}`;
    return `u.username = ${p(r.username)}`;
  });
  return { where: parts.length ? parts.join(' OR ') : 'false', params };
}

/**
 * The notifications the worker writes (docs/notifications.md): in-app rows and pending deliveries, each at most
 * once per (account, event) and (event, recipient, channel), whatever the number of reruns.
 */
export class NotificationRepository {
  constructor(private readonly db: DataSource | EntityManager) {}

  withTransaction(manager: EntityManager): NotificationRepository {
    return new NotificationRepository(manager);
  }

  /** The active accounts the rules name, each with its preference for `kind` (the default when none is stored). */
  async resolveRecipients(kind: NotificationKind, rules: readonly RecipientRule[]): Promise<NotifiedAccount[]> {
    const { where, params } = recipientCondition(rules);
    const rows: { id: string; username: string; displayName: string; email: string | null; mode: string | null; digest: boolean | null }[] =
      await this.db.query(
        `SELECT u.id, u.username, u.display_name AS "displayName", u.email, np.mode, np.digest
           FROM app_user u LEFT JOIN org_unit o ON o.id = u.org_unit_id
           LEFT JOIN notification_preference np ON np.account_id = u.id AND np.kind = $1
          WHERE u.active AND (${where})
          ORDER BY u.username`,
        [kind, ...params],
      );
    return rows.map((r) => ({
      id: r.id,
      username: r.username,
      displayName: r.displayName,
      email: r.email,
      preference: r.mode ? { kind, mode: r.mode as NotificationPreference['mode'], digest: !!r.digest } : defaultPreference(kind),
    }));
  }

  /** The province's code and webhook URL (null when it has none). */
  async provinceOf(provinceId: string): Promise<{ code: string | null; webhookUrl: string | null }> {
    const [row] = await this.db.query(
      `SELECT p.code, s.webhook_url AS "webhookUrl" FROM org_unit p LEFT JOIN province_notification_setting s ON s.province_id = p.id WHERE p.id = $1`,
      [provinceId],
    );
    return { code: row?.code ?? null, webhookUrl: row?.webhookUrl ?? null };
  }

  /**
   * Writes an event's in-app rows and pending deliveries (email per preference, the province's webhook). With
   * `append` (a day's goal changes) a later event of the same key adds its lines to the unread row's body.
   */
  async record(event: NotificationEvent, opts: { append?: boolean; at?: Date } = {}): Promise<RecordedEvent> {
    const key = eventKey(event);
    const text = notificationText(event);
    const link = linkFor(event);
    const entity = entityOf(event);
    const accounts = await this.resolveRecipients(event.kind, recipientsFor(event));
    const out: RecordedEvent = { eventKey: key, kind: event.kind, title: text.title.vi, inApp: [], emails: [], webhooks: [] };
    const at = opts.at ?? new Date();
    const province = await this.provinceOf(event.provinceId);
    const payload = {
      subject: text.title.vi,
      attachments: [],
      event: {
        kind: event.kind,
        eventKey: key,
        province: province.code,
        entity: entity.id ? { kind: entity.kind, id: entity.id } : null,
        title: text.title.vi,
        body: text.body.vi,
        link,
        at: at.toISOString(),
      },
    };
    for (const a of accounts) {
      const channels = channelsFor(a.preference, a.email !== null);
      let notificationId: string | null = null;
      if (channels.inApp) {
        const conflict = opts.append
          ? `DO UPDATE SET body = notification.body || E'\\n' || EXCLUDED.body
               WHERE notification.read_at IS NULL AND position(EXCLUDED.body IN notification.body) = 0`
          : 'DO NOTHING';
        const rows: { id: string }[] = await this.db.query(
          `INSERT INTO notification (account_id, kind, event_key, province_id, title, body, link, entity_kind, entity_id, created_at)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
           ON CONFLICT (account_id, event_key) ${conflict} RETURNING id`,
          [a.id, event.kind, key, event.provinceId, text.title.vi, text.body.vi, link, entity.kind, entity.id, at],
        );
        notificationId = rows[0]?.id ?? null;
        if (notificationId) out.inApp.push({ accountId: a.id, username: a.username, displayName: a.displayName });
      }
      if (channels.email && a.email && (await this.insertDelivery(event, key, 'email', a.email, notificationId, payload)))
        out.emails.push({ username: a.username, email: a.email });
    }
    const webhook = province.webhookUrl;
    if (webhook && (await this.insertDelivery(event, key, 'webhook', webhook, null, payload))) out.webhooks.push(webhook);
    return out;
  }

  private async insertDelivery(
    event: NotificationEvent,
    key: string,
    channel: 'email' | 'webhook',
    recipient: string,
    notificationId: string | null,
    payload: unknown,
  ): Promise<boolean> {
    const rows = await this.db.query(
      `INSERT INTO notification_delivery (notification_id, province_id, kind, channel, recipient, event_key, idempotency_key, payload)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8::jsonb)
       ON CONFLICT (idempotency_key) DO NOTHING RETURNING id`,
      [
        notificationId,
        event.provinceId,
        event.kind,
        channel,
        recipient,
        key,
        deliveryIdempotencyKey(key, recipient, channel),
        JSON.stringify(payload),
      ],
    );
    return rows.length > 0;
  }
}
