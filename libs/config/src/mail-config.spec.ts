import { ConfigError, loadConfig } from './app-config';

describe('loadConfig: email and webhooks', () => {
  it('leaves email off without SMTP_URL, with a 10 MiB attachment limit and https-only webhooks in production', () => {
    const c = loadConfig({});
    expect(c.mail).toBeNull();
    expect(c.delivery).toEqual({ attachmentMaxBytes: 10 * 1024 * 1024, publicUrl: null, webhookTimeoutMs: 10000, allowLoopbackHttp: true });
    const prod = loadConfig({ NODE_ENV: 'production', DATABASE_URL: 'postgres://db/dx', JWT_SECRET: 'x'.repeat(32) });
    expect(prod.delivery.allowLoopbackHttp).toBe(false);
  });

  it('reads SMTP_URL, MAIL_FROM and PUBLIC_URL', () => {
    const c = loadConfig({
      SMTP_URL: 'smtps://user:pass@mail.tinh.gov.vn:465',
      MAIL_FROM: 'Sở Thông tin và Truyền thông <cds@tinh.gov.vn>',
      PUBLIC_URL: 'https://cds.tinh.gov.vn/',
      MAIL_ATTACHMENT_MAX_MB: '2',
    });
    expect(c.mail).toEqual({ url: 'smtps://user:pass@mail.tinh.gov.vn:465', from: 'Sở Thông tin và Truyền thông <cds@tinh.gov.vn>' });
    expect(c.delivery.publicUrl).toBe('https://cds.tinh.gov.vn');
    expect(c.delivery.attachmentMaxBytes).toBe(2 * 1024 * 1024);
  });

  it('refuses a bad SMTP_URL, SMTP_URL without MAIL_FROM, and a bad MAIL_FROM', () => {
    expect(() => loadConfig({ SMTP_URL: 'http://mail:25', MAIL_FROM: 'a@b.vn' })).toThrow(
      /SMTP_URL must be an smtp:\/\/ or smtps:\/\/ URL/,
    );
    expect(() => loadConfig({ SMTP_URL: 'smtp://mail:25' })).toThrow(/MAIL_FROM is required when SMTP_URL is set/);
    expect(() => loadConfig({ SMTP_URL: 'smtp://mail:25', MAIL_FROM: 'nobody' })).toThrow(ConfigError);
  });
});
