import { DataSource } from 'typeorm';
import { DeliveryRepository, type DigestItem } from '@dx/db';
import { addDays, deliveryIdempotencyKey, todayIn } from '@dx/domain';
import { TIME_ZONE } from '@dx/status-engine';
import { absoluteLink, textToHtml } from './email.channel';

/** A day's digest is gathered from this local hour of the next day. */
export const DIGEST_HOUR = 7;

const HOUR = new Intl.DateTimeFormat('en-GB', { timeZone: TIME_ZONE, hour: '2-digit', hourCycle: 'h23' });

const dateVi = (iso: string) => iso.split('-').reverse().join('/');

/** The Vietnamese subject and text of one person's digest of a day. */
export function digestMail(displayName: string, date: string, items: { title: string; body: string; link: string | null }[]) {
  const subject = `Tóm tắt thông báo ngày ${dateVi(date)}: ${items.length} thông báo`;
  const lines = items.map((n, i) =>
    [`${i + 1}. ${n.title}`, n.body !== n.title ? `   ${n.body}` : '', n.link ? `   ${n.link}` : ''].filter(Boolean).join('\n'),
  );
  const text = [
    `Kính gửi ${displayName},`,
    `Các thông báo của Anh/Chị trong ngày ${dateVi(date)}:`,
    ...lines,
    'Thư tóm tắt được gửi tự động từ dx-tracker theo lựa chọn nhận thông báo của Anh/Chị.',
  ].join('\n\n');
  return { subject: subject.normalize('NFC'), text: text.normalize('NFC') };
}

/**
 * The daily digest (docs/notifications.md: a kind whose preference is `digest` gets no single mail): one email per
 * person with an address listing that day's notifications of those kinds. Keyed `digest:<account>:<date>`, so
 * gathering a day again adds nothing.
 */
export class DigestMailer {
  private readonly deliveries: DeliveryRepository;

  constructor(
    dataSource: DataSource,
    private readonly publicUrl: string | null,
  ) {
    this.deliveries = new DeliveryRepository(dataSource);
  }

  /** From 07:00 local time, the digests of the day before; returns how many were queued. */
  async enqueueDueDigests(now: Date): Promise<number> {
    if (Number(HOUR.format(now)) < DIGEST_HOUR) return 0;
    return this.enqueueDigests(addDays(todayIn(TIME_ZONE, now), -1));
  }

  async enqueueDigests(date: string): Promise<number> {
    const rows = await this.deliveries.digestItemsOf(date, TIME_ZONE);
    const byAccount = new Map<string, DigestItem[]>();
    for (const r of rows) byAccount.set(r.accountId, [...(byAccount.get(r.accountId) ?? []), r]);
    let queued = 0;
    for (const [accountId, items] of byAccount) {
      const { email, displayName, provinceId } = items[0];
      const links = items.map((n) => ({ ...n, link: n.link ? absoluteLink(n.link, this.publicUrl) : null }));
      const { subject, text } = digestMail(displayName, date, links);
      const eventKey = `digest:${accountId}:${date}`;
      queued += await this.deliveries.insertDigestDelivery({
        provinceId,
        recipient: email,
        eventKey,
        idempotencyKey: deliveryIdempotencyKey(eventKey, email, 'email'),
        payload: { subject, text, html: textToHtml(text) },
      });
    }
    return queued;
  }
}
