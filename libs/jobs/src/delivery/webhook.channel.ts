import { DataSource } from 'typeorm';
import { DeliveryRepository } from '@dx/db';
import { absoluteLink } from './email.channel';
import { ChannelDelivery, DeliveryEvent } from './delivery-types';
import { webhookSignature, webhookUrlProblem } from './webhook-signature';

/** The JSON a province's webhook receives for one event. */
export interface WebhookBody {
  id: string;
  kind: string;
  province: string | null;
  title: string;
  body: string;
  link: string | null;
  entity: { kind: string; id: string } | null;
  occurredAt: string;
}

export interface WebhookOptions {
  timeoutMs: number;
  allowLoopbackHttp: boolean;
  publicUrl: string | null;
}

/**
 * The `webhook` delivery channel: POSTs the event as JSON to the province's URL (the delivery's
 * recipient), signed with the province's secret (`X-Dx-Signature: sha256=<hex HMAC>`), with
 * `X-Dx-Event-Id`. A non-2xx answer, a timeout or a refused connection throws: the processor retries with backoff.
 */
export class WebhookChannel {
  readonly channel = 'webhook' as const;
  private readonly deliveries: DeliveryRepository;

  constructor(
    dataSource: DataSource,
    private readonly options: WebhookOptions,
  ) {
    this.deliveries = new DeliveryRepository(dataSource);
  }

  async send(delivery: ChannelDelivery): Promise<void> {
    const event = delivery.payload.event as DeliveryEvent | undefined;
    if (!event) throw new Error('webhook delivery without an event');
    const problem = webhookUrlProblem(delivery.recipient, this.options.allowLoopbackHttp);
    if (problem) throw new Error(problem);
    const secret = await this.deliveries.webhookSecretFor(delivery.provinceId, delivery.recipient);
    if (!secret) throw new Error('tỉnh chưa đặt khoá bí mật cho webhook');
    const payload: WebhookBody = {
      id: event.eventKey,
      kind: event.kind,
      province: event.province,
      title: event.title,
      body: event.body,
      link: event.link ? absoluteLink(event.link, this.options.publicUrl) : null,
      entity: event.entity,
      occurredAt: event.at,
    };
    const raw = JSON.stringify(payload);
    const res = await this.post(delivery.recipient, {
      method: 'POST',
      headers: {
        'Content-Type': 'application/json; charset=utf-8',
        'User-Agent': 'dx-tracker-webhook',
        'X-Dx-Signature': webhookSignature(secret, raw),
        'X-Dx-Event-Id': event.eventKey,
        'X-Dx-Idempotency-Key': delivery.idempotencyKey,
      },
      body: raw,
      redirect: 'manual',
      signal: AbortSignal.timeout(this.options.timeoutMs),
    });
    await res.arrayBuffer().catch(() => undefined);
    if (res.status < 200 || res.status > 299) throw new Error(`webhook trả lời HTTP ${res.status}`);
  }

  /** fetch, with its failures said in Vietnamese (they are shown to officers in the deliveries list). */
  private async post(url: string, init: RequestInit): Promise<Response> {
    try {
      return await fetch(url, init);
    } catch (error) {
      const e = error as Error & { cause?: { code?: string; message?: string } };
      if (e.name === 'TimeoutError') throw new Error(`webhook không trả lời trong ${this.options.timeoutMs} ms`, { cause: error });
      throw new Error(`không gọi được webhook: ${e.cause?.code ?? e.cause?.message ?? e.message}`, { cause: error });
    }
  }
}
