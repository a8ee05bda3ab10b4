import { Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { ReportDeliveryRepository, ReportRepository } from '@dx/db';
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
  private readonly deliveries: ReportDeliveryRepository;

  constructor(
    private readonly dataSource: DataSource,
    private readonly options: { attachmentMaxBytes: number; publicUrl: string | null },
  ) {
    this.deliveries = new ReportDeliveryRepository(dataSource);
  }

  /** Queues the deliveries of a report made by a schedule; returns how many email deliveries it has. */
  async enqueue(reportId: string, scheduleId: string): Promise<number> {
    const report = await new ReportRepository(this.dataSource).findById(reportId);
    const schedule = await this.deliveries.scheduleOf(scheduleId);
    if (!report || !schedule) return 0;
    const recipients = await this.resolve(schedule.recipients, report.provinceId);
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
      const tx = this.deliveries.withTransaction(m);
      let emails = 0;
      for (const r of recipients) {
        const notificationId = r.accountId && r.inApp ? await this.notify(tx, r.accountId, report.provinceId, event) : null;
        if (r.address && r.email)
          emails += await this.insertDelivery(tx, {
            notificationId,
            provinceId: report.provinceId,
            channel: 'email',
            recipient: r.address,
            eventKey,
            payload,
          });
      }
      const webhookUrl = await tx.webhookUrlOf(report.provinceId);
      if (webhookUrl !== null)
        await this.insertDelivery(tx, {
          notificationId: null,
          provinceId: report.provinceId,
          channel: 'webhook',
          recipient: webhookUrl,
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
    const accounts = usernames.length ? await this.deliveries.recipientAccounts(usernames, REPORT_MADE, provinceId) : [];
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

  private notify(tx: ReportDeliveryRepository, accountId: string, provinceId: string, e: DeliveryEvent): Promise<string | null> {
    return tx.insertNotification({
      accountId,
      kind: e.kind,
      eventKey: e.eventKey,
      provinceId,
      title: e.title,
      body: e.body,
      link: e.link,
      reportId: e.entity!.id,
    });
  }

  private insertDelivery(
    tx: ReportDeliveryRepository,
    d: {
      notificationId: string | null;
      provinceId: string;
      channel: 'email' | 'webhook';
      recipient: string;
      eventKey: string;
      payload: DeliveryPayload;
    },
  ): Promise<number> {
    return tx.insertDelivery({ ...d, kind: REPORT_MADE, idempotencyKey: deliveryIdempotencyKey(d.eventKey, d.recipient, d.channel) });
  }
}
