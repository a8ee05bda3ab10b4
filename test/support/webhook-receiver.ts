import { createHmac, timingSafeEqual } from 'crypto';
import { createServer, IncomingHttpHeaders } from 'http';
import { AddressInfo } from 'net';

export interface ReceivedHook {
  raw: string;
  headers: IncomingHttpHeaders;
  status: number;
}

export interface WebhookReceiver {
  url: string;
  /** Every request, with the status it was answered. */
  requests: ReceivedHook[];
  /** The requests answered 2xx. */
  accepted(): ReceivedHook[];
  close(): Promise<void>;
}

/** What a receiver does with `X-Dx-Signature`: recompute the HMAC-SHA256 of the raw body with its secret and compare. */
export function signatureMatches(secret: string, raw: string, header: string | string[] | undefined): boolean {
  if (typeof header !== 'string') return false;
  const expected = Buffer.from(`sha256=${createHmac('sha256', secret).update(raw, 'utf8').digest('hex')}`);
  const given = Buffer.from(header);
  return expected.length === given.length && timingSafeEqual(expected, given);
}

/** A real HTTP server on 127.0.0.1 that answers each POST with the next status of `statuses` (then 200). */
export async function startWebhookReceiver(statuses: number[] = []): Promise<WebhookReceiver> {
  const requests: ReceivedHook[] = [];
  const queue = [...statuses];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const status = queue.shift() ?? 200;
      requests.push({ raw: Buffer.concat(chunks).toString('utf8'), headers: req.headers, status });
      res.writeHead(status, { 'Content-Type': 'text/plain' }).end(status === 200 ? 'ok' : 'error');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/hooks/dx`,
    requests,
    accepted: () => requests.filter((r) => r.status >= 200 && r.status < 300),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
