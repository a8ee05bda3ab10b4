import { Logger } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { ReportRepository } from '@dx/db';
import { deliveryIdempotencyKey, type ReportFormat } from '@dx/domain';
import { absoluteLink, textToHtml } from './email.channel';
import { DeliveryEvent, DeliveryPayload, ReportAttachmentRef } from './delivery-types';
import { reportMail } from './report-mail.text';

export const REPORT_MADE = 'report.made';

/** The name a report's file is downloaded under (the same as `GET /api/v1/reports/:id/file`). */
export function reportFileName(r: { province: string; document: string; period: string }, format: ReportFormat): string {
  return `bao-cao-${r.province}-${r.document.replace(/[^A-Za-z0-9-]+/g, '-')}-${r.period}.${format}`;
}

interface Recipient {
  address: string | null;
  accountId: string | null;
  inApp: boolean;
  email: boolean;
}

/**
 * The delivery of a scheduled report to its schedule's recipients (`report.made`): an in-app notification
 * per account, an email per address (accounts by their address and preference, plain addresses as they
 * are) with the PDF and XLSX attached, or linked when larger than the limit, and the province's webhook.
 * Every row is keyed (event, recipient, channel) and inserted with ON CONFLICT DO NOTHING, so a job run
 * again after a crash adds nothing; the delivery processor sends them.
 */
export class ReportDelivery {
  private readonly logger = new Logger(ReportDelivery.name);

  constructor(
    private readonly dataSource: DataSource,
    private readonly options: { attachmentMaxBytes: number; publicUrl: string | null },
  ) {}

  /** Queues the deliveries of a report made by a schedule; returns how many email deliveries it has. */
  async enqueue(reportId: string, scheduleId: string): Promise<number> {
    const report = await new ReportRepository(this.dataSource).findById(reportId);
    const [schedule] = await this.dataSource.query(
      `SELECT s.recipients, d.title, p.name AS "provinceName" FROM report_schedule s JOIN document d ON d.id = s.document_id
         JOIN org_unit p ON p.id = s.province_id WHERE s.id = $1`,
      [scheduleId],
    );
    if (!report || !schedule) return 0;
    const recipients = await this.resolve(schedule.recipients as string[], report.provinceId);
    const eventKey = `${REPORT_MADE}:${reportId}`;
    const attachments: ReportAttachmentRef[] = [];
    const linked: { filename: string; bytes: number }[] = [];
    for (const format of (['pdf', 'xlsx', 'docx'] as const).filter((f) => report.formats.includes(f))) {
      const bytes = report.sizes[format] ?? 0;
      if (!bytes) continue;
      const filename = reportFileName(report, format);
      if (bytes > this.options.attachmentMaxBytes) linked.push({ filename, bytes });
      else attachments.push({ reportId, format, filename });
    }
    const link = absoluteLink(`#/bao-cao?report=${reportId}`, this.options.publicUrl);
    const { subject, text } = reportMail({
      provinceName: schedule.provinceName,
      documentCode: report.document,
      documentTitle: schedule.title,
      period: report.period,
      asOf: String(report.asOf),
      number: report.number ?? null,
      attached: attachments.map((a) => a.filename),
      linked,
      link,
    });
    const event: DeliveryEvent = {
      kind: REPORT_MADE,
      eventKey,
      province: report.province,
      entity: { kind: 'report', id: reportId },
      title: subject,
      body: text.split('\n\n')[1],
      link: `#/bao-cao?report=${reportId}`,
      at: new Date(report.createdAt).toISOString(),
    };
    const payload: DeliveryPayload = { subject, text, html: textToHtml(text), attachments, event };
    return this.dataSource.transaction(async (m) => {
      let emails = 0;
      for (const r of recipients) {
        const notificationId = r.accountId && r.inApp ? await this.notify(m, r.accountId, report.provinceId, event) : null;
        if (r.address && r.email)
          emails += await this.insertDelivery(m, {
            notificationId,
            provinceId: report.provinceId,
            channel: 'email',
            recipient: r.address,
            eventKey,
            payload,
          });
      }
      const [hook] = await m.query(
        `SELECT webhook_url FROM province_notification_setting WHERE province_id = $1 AND webhook_url IS NOT NULL`,
        [report.provinceId],
      );
      if (hook)
        await this.insertDelivery(m, {
          notificationId: null,
          provinceId: report.provinceId,
          channel: 'webhook',
          recipient: hook.webhook_url,
          eventKey,
          payload: { event },
        });
      return emails;
    });
  }

  /**
   * Accounts (by username: active, of the report's province or admins, by their `report.made` preference) and plain
   * addresses, without repeats. An account of another province gets nothing (it may not read the report).
   */
  private async resolve(entries: string[], provinceId: string): Promise<Recipient[]> {
    const addresses = entries.filter((e) => e.includes('@'));
    const usernames = entries.filter((e) => !e.includes('@'));
    const accounts: { id: string; username: string; email: string | null; mode: string | null }[] = usernames.length
      ? await this.dataSource.query(
          `SELECT u.id, u.username, u.email, np.mode FROM app_user u
             LEFT JOIN notification_preference np ON np.account_id = u.id AND np.kind = $2
             LEFT JOIN org_unit o ON o.id = u.org_unit_id
            WHERE u.username = ANY($1) AND u.active AND (u.role = 'admin' OR o.id = $3 OR o.province_id = $3)`,
          [usernames, REPORT_MADE, provinceId],
        )
      : [];
    const missing = usernames.filter((u) => !accounts.some((a) => a.username === u));
    if (missing.length) this.logger.warn(`report recipients without an active account of the province: ${missing.join(', ')}`);
    const out: Recipient[] = accounts.map((a) => ({
      address: a.email,
      accountId: a.id,
      inApp: a.mode !== 'email',
      email: a.mode !== 'in_app',
    }));
    const seen = new Set(out.filter((r) => r.address && r.email).map((r) => r.address!.toLowerCase()));
    for (const address of addresses) {
      if (seen.has(address.toLowerCase())) continue;
      seen.add(address.toLowerCase());
      out.push({ address, accountId: null, inApp: false, email: true });
    }
    return out;
  }

  private async notify(m: EntityManager, accountId: string, provinceId: string, e: DeliveryEvent): Promise<string | null> {
    await m.query(
      `INSERT INTO notification (account_id, kind, event_key, province_id, title, body, link, entity_kind, entity_id)
       VALUES ($1, $2, $3, $4, $5, $6, $7, 'report', $8) ON CONFLICT (account_id, event_key) DO NOTHING`,
      [accountId, e.kind, e.eventKey, provinceId, e.title, e.body, e.link, e.entity!.id],
    );
    const [row] = await m.query(`SELECT id FROM notification WHERE account_id = $1 AND event_key = $2`, [accountId, e.eventKey]);
    return row?.id ?? null;
  }

  private async insertDelivery(
    m: EntityManager,
    d: {
      notificationId: string | null;
      provinceId: string;
      channel: 'email' | 'webhook';
      recipient: string;
      eventKey: string;
      payload: DeliveryPayload;
    },
  ): Promise<number> {
    const rows = await m.query(
      `INSERT INTO notification_delivery (notification_id, province_id, kind, channel, recipient, event_key, idempotency_key, payload)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8::jsonb) ON CONFLICT (idempotency_key) DO NOTHING RETURNING id`,
      [
        d.notificationId,
        d.provinceId,
        REPORT_MADE,
        d.channel,
        d.recipient,
        d.eventKey,
        deliveryIdempotencyKey(d.eventKey, d.recipient, d.channel),
        JSON.stringify(d.payload),
      ],
    );
    return rows.length;
  }
}
