import { DynamicModule } from '@nestjs/common';
import type { RequestHandler } from 'express';
import { LoggerModule } from 'nestjs-pino';
import type { Logger } from 'pino';
import { pinoHttp } from 'pino-http';
import { AppConfig } from '@dx/config';

/** Express middleware that logs each request, and the pino logger it writes with. */
export type RequestLogger = RequestHandler & { logger: Logger };

const loggers = new WeakMap<AppConfig, RequestLogger>();

/**
 * The request logger (pino-http) of an app's configuration, one per configuration: every
 * HTTP request with its id, method, url, status and duration; credentials are never logged.
 * configureHttp installs it before the body parsers, so a request they refuse (malformed
 * JSON, too large) is logged too.
 */
export function httpLogger(config: AppConfig): RequestLogger {
  let logger = loggers.get(config);
  if (!logger) {
    logger = pinoHttp({
      level: config.log.level,
      // The request-id middleware has set req.id already.
      genReqId: (req) => String((req as { id?: unknown }).id ?? ''),
      redact: { paths: ['req.headers.authorization', 'req.headers.cookie', 'res.headers["set-cookie"]'], censor: '[redacted]' },
      serializers: {
        req: (req: { id: string; method: string; url: string; remoteAddress?: string }) => ({
          id: req.id,
          method: req.method,
          url: req.url,
          ip: req.remoteAddress,
        }),
        res: (res: { statusCode: number }) => ({ status: res.statusCode }),
      },
      customLogLevel: (_req, res, error) => (error || res.statusCode >= 500 ? 'error' : res.statusCode >= 400 ? 'warn' : 'info'),
    }) as unknown as RequestLogger;
    loggers.set(config, logger);
  }
  return logger;
}

/** Structured logs (LOG_FORMAT=json): one JSON object per line; Nest's own logs through the same pino logger as the requests. */
export function jsonLogs(config: AppConfig): DynamicModule {
  return LoggerModule.forRoot({ pinoHttp: { logger: httpLogger(config).logger }, useExisting: true });
}
