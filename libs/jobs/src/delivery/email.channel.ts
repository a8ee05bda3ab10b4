import { createHash } from 'crypto';
import type { Transporter } from 'nodemailer';
import type { Attachment } from 'nodemailer/lib/mailer';
import { DataSource } from 'typeorm';
import { ReportRepository } from '@dx/db';
import type { ReportFormat } from '@dx/domain';
import { ChannelDelivery, DeliveryEvent } from './delivery-types';

const MIME: Record<string, string> = {
  pdf: 'application/pdf',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
};

const escapeHtml = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

/** A simple HTML body from plain text: paragraphs at blank lines, line breaks kept, addresses made links. */
export function textToHtml(text: string): string {
  const paragraphs = text
    .normalize('NFC')
    .split(/\n{2,}/)
    .map(
      (p) =>
        `<p>${escapeHtml(p)
          .replace(/https?:\/\/\S+/g, (u) => `<a href="${u}">${u}</a>`)
          .replace(/\n/g, '<br>')}</p>`,
    );
  return `<!DOCTYPE html><html lang="vi"><head><meta charset="utf-8"></head><body style="font-family:Arial,sans-serif;font-size:14px">${paragraphs.join('')}</body></html>`;
}

/** The subject and text of a delivery: its own, else its event's title and body (with the link). */
export function mailContent(
  payload: ChannelDelivery['payload'],
  publicUrl: string | null,
): { subject: string; text: string; html: string } {
  const event = payload.event as DeliveryEvent | undefined;
  const subject = (payload.subject ?? event?.title ?? 'Thông báo từ dx-tracker').normalize('NFC');
  const link = event?.link ? absoluteLink(event.link, publicUrl) : null;
  const text = (payload.text ?? [event?.body ?? '', link ? `Xem chi tiết: ${link}` : ''].filter(Boolean).join('\n\n')).normalize('NFC');
  return { subject, text, html: payload.html?.normalize('NFC') ?? textToHtml(text) };
}

/** A web link (`#/cong-viec?task=…`) made absolute with PUBLIC_URL; unchanged without it. */
export function absoluteLink(link: string, publicUrl: string | null): string {
  if (/^https?:\/\//.test(link) || !publicUrl) return link;
  return `${publicUrl}/${link.replace(/^\/+/, '')}`;
}

/** The Message-ID of a delivery: the same for every attempt, so a receiver can drop a repeat. */
export function messageIdOf(idempotencyKey: string): string {
  return `<${createHash('sha256').update(idempotencyKey).digest('hex').slice(0, 40)}@dx-tracker>`;
}

/**
 * The `email` delivery channel: one mail per delivery through SMTP (Nodemailer), UTF-8 subject
 * (RFC 2047 encoded words) and body (text and HTML), with the report files the payload names
 * attached byte for byte as stored. A refused or unreachable server throws: the processor retries.
 */
export class EmailChannel {
  readonly channel = 'email' as const;
  private readonly reports: ReportRepository;

  constructor(
    dataSource: DataSource,
    private readonly transport: Transporter,
    private readonly from: string,
    private readonly publicUrl: string | null = null,
  ) {
    this.reports = new ReportRepository(dataSource);
  }

  async send(delivery: ChannelDelivery): Promise<void> {
    const { subject, text, html } = mailContent(delivery.payload, this.publicUrl);
    const attachments: Attachment[] = [];
    for (const a of delivery.payload.attachments ?? []) {
      const bytes = await this.reports.file(a.reportId, a.format as ReportFormat);
      if (!bytes) throw new Error(`report ${a.reportId} has no ${a.format} file`);
      attachments.push({ filename: a.filename, content: bytes, contentType: MIME[a.format] ?? 'application/octet-stream' });
    }
    await this.transport.sendMail({
      from: this.from,
      to: delivery.recipient,
      subject,
      text,
      html,
      attachments,
      messageId: messageIdOf(delivery.idempotencyKey),
      headers: { 'X-Dx-Idempotency-Key': delivery.idempotencyKey },
    });
  }

  close(): void {
    this.transport.close();
  }
}
