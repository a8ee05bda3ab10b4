import { createHmac, timingSafeEqual } from 'crypto';

/** The `X-Dx-Signature` header of a webhook body: `sha256=` and the hex HMAC-SHA256 of the raw body with the province's secret. */
export function webhookSignature(secret: string, rawBody: string | Buffer): string {
  return `sha256=${createHmac('sha256', secret).update(rawBody).digest('hex')}`;
}

/** True when `header` is the signature of `rawBody` with `secret` (constant-time comparison): what a receiver checks. */
export function verifyWebhookSignature(secret: string, rawBody: string | Buffer, header: string | undefined): boolean {
  if (!header) return false;
  const expected = Buffer.from(webhookSignature(secret, rawBody));
  const given = Buffer.from(header);
  return expected.length === given.length && timingSafeEqual(expected, given);
}

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]', '::1']);

/** Why a webhook URL may not be called (null: it may): https always, plain http only to this machine when allowed (outside production). */
export function webhookUrlProblem(url: string, allowLoopbackHttp: boolean): string | null {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return 'địa chỉ webhook không hợp lệ';
  }
  if (u.protocol === 'https:') return null;
  if (u.protocol === 'http:' && allowLoopbackHttp && LOOPBACK.has(u.hostname)) return null;
  return 'webhook phải dùng https://';
}
