import { ConfigError, loadConfig } from './app-config';

describe('loadConfig', () => {
  it('defaults to the embedded database, jobs on PostgreSQL and the demo data', () => {
    const c = loadConfig({}, '/srv/dx');
    expect(c.database).toMatchObject({ mode: 'embedded', url: null, dataDir: '/srv/dx/.dx-data', embeddedPort: 0 });
    expect(c.queue).toMatchObject({ backend: 'postgres', redisUrl: null, prefix: 'dx' });
    expect(c.loadDemoData).toBe(true);
    expect([c.port, c.host, c.nodeEnv]).toEqual([3000, '127.0.0.1', 'development']);
  });

  it('uses DATABASE_URL and REDIS_URL when set, without demo data unless asked', () => {
    const c = loadConfig({ DATABASE_URL: 'postgres://u:p@db:5432/dx', REDIS_URL: 'redis://redis:6379/1', PORT: '8080' });
    expect(c.database).toMatchObject({ mode: 'external', url: 'postgres://u:p@db:5432/dx' });
    expect(c.queue).toMatchObject({ backend: 'redis', redisUrl: 'redis://redis:6379/1' });
    expect(c.loadDemoData).toBe(false);
    expect(c.port).toBe(8080);
    expect(loadConfig({ DATABASE_URL: 'postgres://db/dx', LOAD_DEMO_DATA: 'true' }).loadDemoData).toBe(true);
  });

  it('treats empty values as unset (docker-compose passes KEY=)', () => {
    expect(loadConfig({ DATABASE_URL: '', REDIS_URL: '' }).database.mode).toBe('embedded');
  });

  it('lists every bad key at once', () => {
    let error: unknown;
    try {
      loadConfig({ PORT: 'eighty', DATABASE_URL: 'mysql://x', REDIS_URL: 'http://r', NODE_ENV: 'staging', LOAD_DEMO_DATA: 'maybe' });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const text = (error as ConfigError).message;
    for (const key of ['PORT', 'DATABASE_URL', 'REDIS_URL', 'NODE_ENV', 'LOAD_DEMO_DATA']) expect(text).toContain(key);
  });

  it('reads from DATABASE_READ_URL only beside DATABASE_URL; with the embedded database it is refused', () => {
    expect(loadConfig({ DATABASE_URL: 'postgres://u@db/dx' }).database.readUrl).toBeNull();
    const replica = loadConfig({ DATABASE_URL: 'postgres://u@db/dx', DATABASE_READ_URL: 'postgresql://u@replica/dx' });
    expect(replica.database).toMatchObject({ mode: 'external', url: 'postgres://u@db/dx', readUrl: 'postgresql://u@replica/dx' });
    expect(() => loadConfig({ DATABASE_READ_URL: 'postgres://u@replica/dx' })).toThrow(
      /DATABASE_READ_URL needs DATABASE_URL \(a replica of it\): the embedded database has no read replica/,
    );
    expect(() => loadConfig({ DATABASE_URL: 'postgres://u@db/dx', DATABASE_READ_URL: 'mysql://replica/dx' })).toThrow(
      /DATABASE_READ_URL must be a postgres:\/\/ or postgresql:\/\/ URL/,
    );
    expect(loadConfig({ DATABASE_URL: 'postgres://u@db/dx', DATABASE_READ_URL: '' }).database.readUrl).toBeNull();
  });

  it('requires DATABASE_URL in production', () => {
    expect(() => loadConfig({ NODE_ENV: 'production' })).toThrow(/DATABASE_URL is required when NODE_ENV=production/);
  });

  it('requires a JWT secret of 32 characters or more in production; elsewhere makes one per process', () => {
    const production = { NODE_ENV: 'production', DATABASE_URL: 'postgres://x@h/db' };
    expect(() => loadConfig(production)).toThrow(/JWT_SECRET is required/);
    expect(() => loadConfig({ ...production, JWT_SECRET: 'short' })).toThrow(/at least 32 characters/);
    const dev = loadConfig({});
    expect(dev.auth).toMatchObject({ ephemeralSecret: true, accessTokenTtlS: 900, refreshTokenTtlDays: 14, loginRateLimit: 10 });
    expect(dev.auth.jwtSecret.length).toBeGreaterThanOrEqual(32);
  });

  it('names the issuer and audience of access tokens, dx-tracker and dx-tracker-api unless told', () => {
    expect(loadConfig({}).auth).toMatchObject({ issuer: 'dx-tracker', audience: 'dx-tracker-api' });
    expect(loadConfig({ JWT_ISSUER: 'https://cds.quangninh.gov.vn', JWT_AUDIENCE: 'dx-api' }).auth).toMatchObject({
      issuer: 'https://cds.quangninh.gov.vn',
      audience: 'dx-api',
    });
    expect(() => loadConfig({ JWT_ISSUER: 'has space', JWT_AUDIENCE: 'x'.repeat(201) })).toThrow(/JWT_ISSUER[\s\S]*JWT_AUDIENCE/);
  });

  it('keeps 64 MiB of summaries unless told; 0 keeps none; a negative or huge size is refused', () => {
    expect(loadConfig({}).summaryCacheBytes).toBe(64 * 1024 * 1024);
    expect(loadConfig({ SUMMARY_CACHE_MB: '0' }).summaryCacheBytes).toBe(0);
    expect(() => loadConfig({ SUMMARY_CACHE_MB: '-1' })).toThrow(/SUMMARY_CACHE_MB/);
    expect(() => loadConfig({ SUMMARY_CACHE_MB: '100000' })).toThrow(/SUMMARY_CACHE_MB/);
  });

  it('logs JSON in production and text elsewhere unless told; trusts no proxy unless told', () => {
    expect(loadConfig({ NODE_ENV: 'production', DATABASE_URL: 'postgres://x@h/db', JWT_SECRET: 'x'.repeat(32) }).log.format).toBe('json');
    expect(loadConfig({}).log).toEqual({ format: 'text', level: 'info' });
    expect(loadConfig({ LOG_FORMAT: 'json', LOG_LEVEL: 'warn' }).log).toEqual({ format: 'json', level: 'warn' });
    expect(loadConfig({}).trustProxy).toBe(false);
    expect(loadConfig({ TRUST_PROXY: 'true' }).trustProxy).toBe(true);
    expect(() => loadConfig({ TRUST_PROXY: 'maybe', LOG_FORMAT: 'xml' })).toThrow(
      /TRUST_PROXY[\s\S]*LOG_FORMAT|LOG_FORMAT[\s\S]*TRUST_PROXY/,
    );
    expect(loadConfig({ CORS_ORIGINS: 'https://a.vn, https://b.vn' }).corsOrigins).toEqual(['https://a.vn', 'https://b.vn']);
  });
});
