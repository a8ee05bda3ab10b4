import { ArgumentMetadata, BadRequestException, ValidationError, ValidationPipe } from '@nestjs/common';

export interface FieldError {
  /** Dotted path of the offending field, e.g. `evidence.date` or `items[2].value`. */
  path: string;
  messages: string[];
  /** The rules that failed (class-validator constraint names), for translated messages. */
  rules?: string[];
}

export function flattenValidationErrors(errors: ValidationError[], parent = ''): FieldError[] {
  return errors.flatMap((e) => {
    const path = /^\d+$/.test(e.property) ? `${parent}[${e.property}]` : parent ? `${parent}.${e.property}` : e.property;
    const own = e.constraints ? [{ path, messages: Object.values(e.constraints), rules: Object.keys(e.constraints) }] : [];
    return [...own, ...flattenValidationErrors(e.children ?? [], path)];
  });
}

/** Paths of strings holding a NUL character, which PostgreSQL text cannot store. */
export function nulPaths(value: unknown, path = '', seen = new Set<unknown>()): string[] {
  if (typeof value === 'string') return value.includes('\u0000') ? [path || '(body)'] : [];
  if (!value || typeof value !== 'object' || seen.has(value)) return [];
  seen.add(value);
  return Object.entries(value).flatMap(([k, v]) => nulPaths(k, path, seen).concat(nulPaths(v, Array.isArray(value) ? `${path}[${k}]` : path ? `${path}.${k}` : k, seen)));
}

/** Refuses NUL characters anywhere in a body, query or parameter before the DTO rules run. */
class StrictValidationPipe extends ValidationPipe {
  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    const bad = nulPaths(value);
    if (bad.length) {
      throw new BadRequestException({
        statusCode: 400, code: 'VALIDATION_FAILED', message: 'Validation failed',
        errors: bad.map((path) => ({ path, messages: [`${path} must not contain NUL characters`], rules: ['nul'] })),
      });
    }
    return super.transform(value, metadata);
  }
}

/** Strict validation at the edge: unknown fields rejected, 400 with field paths. */
export function createValidationPipe(): ValidationPipe {
  return new StrictValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    exceptionFactory: (errors) =>
      new BadRequestException({ statusCode: 400, code: 'VALIDATION_FAILED', message: 'Validation failed', errors: flattenValidationErrors(errors) }),
  });
}
