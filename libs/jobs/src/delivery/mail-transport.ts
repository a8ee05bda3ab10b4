import { createTransport, Transporter } from 'nodemailer';

/**
 * A Nodemailer SMTP transport from SMTP_URL: `smtps://` is TLS from the start (465), `smtp://` upgrades
 * with STARTTLS when the server offers it. User and password come from the URL (percent-encoded).
 */
export function createMailTransport(url: string, timeoutMs = 30_000): Transporter {
  const u = new URL(url);
  const secure = u.protocol === 'smtps:';
  return createTransport({
    host: u.hostname.replace(/^\[|\]$/g, ''),
    port: u.port ? Number(u.port) : secure ? 465 : 587,
    secure,
    auth: u.username ? { user: decodeURIComponent(u.username), pass: decodeURIComponent(u.password) } : undefined,
    connectionTimeout: timeoutMs,
    greetingTimeout: timeoutMs,
    socketTimeout: timeoutMs,
  });
}
