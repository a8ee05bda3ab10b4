import { ArgumentsHost, Catch, ExceptionFilter, HttpException, HttpStatus, Logger } from '@nestjs/common';
import { randomUUID } from 'crypto';
import type { Request, Response } from 'express';
import { QueryRunnerAlreadyReleasedError, QueryRunnerProviderAlreadyReleasedError } from 'typeorm';
import { languageOf, sendProblem } from './problem';
import { defaultMessage, DomainError, DomainErrorCode, httpMessages, Localised } from '@dx/domain';

/** The one place a domain error code becomes an HTTP status. */
export function statusOf(code: DomainErrorCode): HttpStatus {
  switch (code) {
    case 'PROVINCE_NOT_FOUND':
    case 'DOCUMENT_NOT_FOUND':
    case 'GOAL_NOT_FOUND':
    case 'INDICATOR_NOT_FOUND':
    case 'COMPARISON_NOT_FOUND':
    case 'JOB_NOT_FOUND':
    case 'TASK_NOT_FOUND':
    case 'OBSERVATION_NOT_FOUND':
    case 'ORG_UNIT_NOT_FOUND':
    case 'USER_NOT_FOUND':
    case 'SUBMISSION_NOT_FOUND':
    case 'DIRECTIVE_NOT_FOUND':
    case 'REPORT_NOT_FOUND':
      return HttpStatus.NOT_FOUND;
    case 'INVALID_DATE':
    case 'INVALID_INPUT':
      return HttpStatus.BAD_REQUEST;
    case 'INVALID_CREDENTIALS':
      return HttpStatus.UNAUTHORIZED;
    case 'ACCESS_DENIED':
      return HttpStatus.FORBIDDEN;
    case 'ACCOUNT_LOCKED':
      return HttpStatus.TOO_MANY_REQUESTS;
    case 'VERSION_REQUIRED':
      return HttpStatus.PRECONDITION_REQUIRED;
    case 'IMPORT_CONFLICT':
    case 'USER_EXISTS':
    case 'VERSION_CONFLICT':
    case 'IDEMPOTENCY_KEY_REUSED':
    case 'SUBMISSION_DECIDED':
    case 'DIRECTIVE_STATE':
      return HttpStatus.CONFLICT;
    case 'PLAN_FILE_INVALID':
      return HttpStatus.UNPROCESSABLE_ENTITY;
  }
}

/**
 * PostgreSQL unreachable, refusing connections or gone in the middle of a request: the
 * client should retry later (503), not see a 500. A transaction whose connection was ended
 * between two of its statements fails with TypeORM's "query runner (provider) already
 * released": TypeORM releases a query runner under a running transaction only when its
 * connection reports an error.
 */
export function isDatabaseUnavailable(error: unknown): boolean {
  if (error instanceof QueryRunnerAlreadyReleasedError || error instanceof QueryRunnerProviderAlreadyReleasedError) return true;
  const e = error as { code?: unknown; message?: unknown; driverError?: unknown };
  const code = String(e?.code ?? (e?.driverError as { code?: unknown } | undefined)?.code ?? '');
  const message = String(e?.message ?? '');
  return (
    /^08/.test(code) ||
    ['57P01', '57P02', '57P03', '53300', 'ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE'].includes(code) ||
    /Connection terminated|not currently accepting connections|timeout exceeded when trying to connect|Driver not Connected|Client has encountered a connection error/i.test(
      message,
    )
  );
}

/** Seconds a client is asked to wait when the database is unreachable. */
export const RETRY_AFTER_S = 5;

/**
 * A transaction PostgreSQL gave up on because of another one (deadlock, serialisation
 * failure, a lock not available): nothing was written, and the same request will most
 * likely succeed when sent again.
 */
export function isTransientConflict(error: unknown): boolean {
  const e = error as { code?: unknown; driverError?: unknown };
  const code = String(e?.code ?? (e?.driverError as { code?: unknown } | undefined)?.code ?? '');
  return ['40001', '40P01', '55P03'].includes(code);
}

/**
 * The detail of an HTTP exception in both languages: ours carry it (`message: { vi, en }`);
 * the framework's own (an unknown route, the sign-in throttle) get one from the catalogue;
 * other English-only text stays as it is.
 */
export function httpDetail(status: number, message: unknown, response: Response): string | Localised {
  if (typeof message === 'object' && message !== null && 'vi' in message && 'en' in message) return message as Localised;
  const text = Array.isArray(message) ? message.join('; ') : String(message);
  const route = /^Cannot (\w+) (\S+)$/.exec(text);
  if (status === HttpStatus.NOT_FOUND && route) return httpMessages.routeNotFound(route[1], route[2]);
  if (status === HttpStatus.TOO_MANY_REQUESTS) {
    const retryAfter = Number(response.getHeader('Retry-After'));
    return httpMessages.tooManyRequests(Number.isFinite(retryAfter) && retryAfter > 0 ? Math.ceil(retryAfter) : undefined);
  }
  return text;
}

/**
 * Every error as an RFC 9457 problem document: domain errors with their code and status,
 * HTTP exceptions as they are, an unreachable database as 503 with Retry-After, and
 * anything else as a 500 whose details are logged under an id the client sees.
 */
@Catch()
export class AllExceptionsFilter implements ExceptionFilter {
  private readonly logger = new Logger(AllExceptionsFilter.name);

  catch(exception: unknown, host: ArgumentsHost): void {
    const request = host.switchToHttp().getRequest<Request>();
    const response = host.switchToHttp().getResponse<Response>();
    if (exception instanceof DomainError) {
      const lang = languageOf(request);
      const detail = exception.textIn(lang) || defaultMessage(exception.code)[lang];
      sendProblem(request, response, statusOf(exception.code), exception.code, detail, exception.details);
      return;
    }
    if (exception instanceof HttpException) {
      const status = exception.getStatus();
      const body = exception.getResponse();
      // The health check's own report (terminus) is the answer itself.
      if (typeof body === 'object' && body !== null && 'info' in body && 'details' in body) {
        response.status(status).json(body);
        return;
      }
      const { code, message, errors, ...rest } = (typeof body === 'string' ? { message: body } : body) as Record<string, unknown>;
      const detail = httpDetail(status, message ?? exception.message, response);
      delete rest.statusCode;
      if (typeof rest.error === 'string') delete rest.error;
      sendProblem(request, response, status, String(code ?? HttpStatus[status] ?? 'ERROR'), detail, {
        ...rest,
        ...(errors ? { errors } : {}),
      });
      return;
    }
    if (isDatabaseUnavailable(exception)) {
      this.logger.warn(`database unavailable: ${(exception as Error).message}`);
      response.setHeader('Retry-After', String(RETRY_AFTER_S));
      sendProblem(request, response, HttpStatus.SERVICE_UNAVAILABLE, 'DATABASE_UNAVAILABLE', httpMessages.databaseUnavailable());
      return;
    }
    if (isTransientConflict(exception)) {
      this.logger.warn(`transaction gave way to another: ${(exception as Error).message}`);
      response.setHeader('Retry-After', '1');
      sendProblem(request, response, HttpStatus.SERVICE_UNAVAILABLE, 'TRY_AGAIN', httpMessages.tryAgain());
      return;
    }
    const errorId = randomUUID();
    this.logger.error(`unexpected error ${errorId}`, exception instanceof Error ? exception.stack : String(exception));
    sendProblem(request, response, HttpStatus.INTERNAL_SERVER_ERROR, 'INTERNAL_ERROR', httpMessages.internalError(), { errorId });
  }
}
