import { ArgumentsHost, Catch, ExceptionFilter, HttpException, HttpStatus, Logger } from '@nestjs/common';
import { randomUUID } from 'crypto';
import { Response } from 'express';
import { DomainError, DomainErrorCode } from '../../../../libs/domain/src';

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
    case 'ORG_UNIT_NOT_FOUND':
    case 'USER_NOT_FOUND':
    case 'SUBMISSION_NOT_FOUND':
    case 'DIRECTIVE_NOT_FOUND':
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
 * Domain errors map to their status with their code; HTTP exceptions pass through;
 * anything else is a 500 whose details are logged under an id the client sees.
 */
@Catch()
export class AllExceptionsFilter implements ExceptionFilter {
  private readonly logger = new Logger(AllExceptionsFilter.name);

  catch(exception: unknown, host: ArgumentsHost): void {
    const response = host.switchToHttp().getResponse<Response>();
    if (exception instanceof DomainError) {
      const status = statusOf(exception.code);
      response.status(status).json({ statusCode: status, code: exception.code, message: exception.message, ...exception.details });
      return;
    }
    if (exception instanceof HttpException) {
      const body = exception.getResponse();
      response.status(exception.getStatus()).json(typeof body === 'string' ? { statusCode: exception.getStatus(), message: body } : body);
      return;
    }
    const errorId = randomUUID();
    this.logger.error(`unexpected error ${errorId}`, exception instanceof Error ? exception.stack : String(exception));
    response.status(HttpStatus.INTERNAL_SERVER_ERROR).json({ statusCode: 500, message: 'Internal server error', errorId });
  }
}
