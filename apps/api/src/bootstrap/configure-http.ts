import { INestApplication } from '@nestjs/common';
import { json, NextFunction, raw, Request, Response, static as staticFiles, urlencoded } from 'express';
import { existsSync } from 'fs';
import { join } from 'path';
import { BULK_BODY_LIMIT, CSV_TYPES, XLSX_TYPE } from '../observation/bulk-parse';
import helmet from 'helmet';
import { AppConfig, findRepoRoot } from '@dx/config';
import { httpMessages, Localised } from '@dx/domain';
import { jsonDepthLimit } from '../common/json-depth.middleware';
import { readConnection } from '../common/read-connection.middleware';
import { httpLogger } from '../common/json-logs';
import { sendProblem } from '../common/problem';
import { requestId } from '../common/request-id.middleware';
import { setupOpenApi } from '../openapi/openapi';

/** Largest JSON body accepted (bulk uploads have their own limit); larger gets 413. */
export const JSON_BODY_LIMIT = '1mb';
const BULK_PATH = '/api/v1/observations/bulk';
const PLANS_PATH = '/api/v1/plans';
const YAML_TYPES = ['application/yaml', 'application/x-yaml', 'text/yaml', 'text/x-yaml'];

/**
 * HTTP setup shared by the server and the tests: security headers, CORS only for the
 * configured origins, JSON bodies only and bounded, and the OpenAPI documentation.
 */
export function configureHttp(app: INestApplication, config: AppConfig): void {
  // Never trusted by default: a forged X-Forwarded-For would otherwise dodge the sign-in throttle.
  if (config.trustProxy) (app.getHttpAdapter().getInstance() as { set(key: string, value: unknown): void }).set('trust proxy', 1);
  app.use(requestId);
  // Before the body parsers, so the requests they refuse are logged too.
  if (config.log.format === 'json') app.use(httpLogger(config));
  app.use(helmet());
  app.enableCors({ origin: config.corsOrigins.length ? config.corsOrigins : false, exposedHeaders: ['ETag', 'Retry-After'] });
  app.use(jsonOnly);
  // Bulk uploads: JSON, CSV or Excel up to 10 MB, on their route only.
  app.use(BULK_PATH, raw({ type: [...CSV_TYPES, XLSX_TYPE], limit: BULK_BODY_LIMIT }), json({ limit: BULK_BODY_LIMIT, strict: true }));
  // Plan files: YAML bodies up to the plan format's own limit (larger are refused by it with a clear message).
  app.use(PLANS_PATH, raw({ type: YAML_TYPES, limit: '21mb' }));
  app.use(json({ limit: JSON_BODY_LIMIT, strict: true }));
  app.use(urlencoded({ extended: false, limit: JSON_BODY_LIMIT }));
  app.use(jsonDepthLimit);
  app.use(bodyErrors);
  // Last before the routes, so nothing after it (body parsers' stream events) can lose the request's connection mode.
  if (config.database.readUrl) app.use(readConnection);
  setupOpenApi(app);
  serveDashboard(app);
}

/** The web dashboard (apps/web, built into dist/web) from the same origin; every other path a client asks for gets its page. */
function serveDashboard(app: INestApplication): void {
  const dir = join(findRepoRoot(__dirname), 'dist', 'web');
  if (!existsSync(join(dir, 'index.html'))) return;
  // API paths never look for a file (a stat() per request was a tenth of the API's CPU under load).
  const isApi = (req: Request) => /^\/(api|health)(\/|$)/.test(req.path);
  const assets = staticFiles(dir, { index: false, maxAge: '1h' });
  app.use((req: Request, res: Response, next: NextFunction) => (isApi(req) ? next() : assets(req, res, next)));
  app.use((req: Request, res: Response, next: NextFunction) => {
    if (req.method !== 'GET' || isApi(req) || !req.accepts('html')) return next();
    res.sendFile(join(dir, 'index.html'));
  });
}

/** Writes take JSON: a body of another type is refused with 415 rather than read as empty. */
function jsonOnly(req: Request, res: Response, next: NextFunction): void {
  const hasBody = Number(req.headers['content-length'] ?? 0) > 0 || req.headers['transfer-encoding'] !== undefined;
  if (!hasBody || ['GET', 'HEAD', 'OPTIONS'].includes(req.method) || req.is('application/json')) return next();
  if (req.path === BULK_PATH && req.is([...CSV_TYPES, XLSX_TYPE])) return next();
  if (req.path.startsWith(`${PLANS_PATH}/`) && req.is(YAML_TYPES)) return next();
  sendProblem(req, res, 415, 'UNSUPPORTED_MEDIA_TYPE', req.path === BULK_PATH ? httpMessages.sendJsonCsvXlsx() : httpMessages.sendJson());
}

/** Body parser failures (malformed JSON 400, too large 413, unknown charset 415) as JSON errors, never Express's HTML page. */
function bodyErrors(error: unknown, req: Request, res: Response, next: NextFunction): void {
  const e = error as { status?: unknown; type?: unknown; message?: unknown };
  if (typeof e?.status !== 'number' || e.status < 400 || e.status > 499) return next(error);
  const messages: Record<string, () => Localised> = {
    'entity.parse.failed': httpMessages.bodyNotJson,
    'entity.too.large': () => httpMessages.bodyTooLarge(req.path === BULK_PATH ? BULK_BODY_LIMIT : JSON_BODY_LIMIT),
    'encoding.unsupported': httpMessages.encodingUnsupported,
    'charset.unsupported': httpMessages.charsetUnsupported,
    'request.aborted': httpMessages.requestAborted,
  };
  sendProblem(req, res, e.status, 'BAD_BODY', (messages[String(e.type)] ?? httpMessages.bodyUnreadable)());
}
