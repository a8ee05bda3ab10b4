import { ArgumentMetadata, BadRequestException, ValidationError, ValidationPipe } from '@nestjs/common';
import { httpMessages } from '@dx/domain';
import { fieldProblem, FieldProblem } from './field-messages';

/** A field's problem as the pipe reports it: dotted path (`evidence.date`, `items[2].value`), English message, and the rules for translation. */
export type FieldError = FieldProblem & { messages: string[] };

/** The path of `key` under `parent`: `items[2]` for a list item, `evidence.date` for a field, `key` at the top. */
function childPath(parent: string, key: string, inList: boolean): string {
  return inList ? `${parent}[${key}]` : parent ? `${parent}.${key}` : key;
}

export function flattenValidationErrors(errors: ValidationError[], parent = ''): FieldError[] {
  return errors.flatMap((e) => {
    const path = childPath(parent, e.property, /^\d+$/.test(e.property));
    const own = e.constraints ? [fieldProblem(path, e.value, e.constraints)] : [];
    return [...own, ...flattenValidationErrors(e.children ?? [], path)];
  });
}

/**
 * Text no column can hold as sent: a NUL character (PostgreSQL text refuses it) or an unpaired UTF-16
 * surrogate (JSON's "\ud800": jsonb refuses it, and text columns would silently store U+FFFD instead).
 */
export type TextFault = 'nul' | 'surrogate';
export const TEXT_FAULT_MESSAGES: Record<TextFault, string> = {
  nul: 'must not contain NUL characters',
  surrogate: 'must be Unicode text (it holds an unpaired surrogate such as \\ud800)',
};
const UNPAIRED_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** Paths of the strings (keys included) in a body, query or parameter that no column can hold, with why. */
export function badTextPaths(value: unknown, path = '', seen = new Set<unknown>()): { path: string; fault: TextFault }[] {
  if (typeof value === 'string') {
    const fault: TextFault | null = value.includes('\u0000') ? 'nul' : UNPAIRED_SURROGATE.test(value) ? 'surrogate' : null;
    return fault ? [{ path: path || '(body)', fault }] : [];
  }
  if (!value || typeof value !== 'object' || seen.has(value)) return [];
  seen.add(value);
  return Object.entries(value).flatMap(([k, v]) =>
    badTextPaths(k, path, seen).concat(badTextPaths(v, childPath(path, k, Array.isArray(value)), seen)),
  );
}

/**
 * Paths of own `__proto__` keys in a body or query (JSON.parse makes them ordinary keys).
 * Nest's pipe deletes them before the whitelist check, so they were dropped in silence
 * where any other unknown field is refused.
 */
export function protoKeyPaths(value: unknown, path = '', seen = new Set<unknown>()): string[] {
  if (!value || typeof value !== 'object' || seen.has(value)) return [];
  seen.add(value);
  const own = Object.prototype.hasOwnProperty.call(value, '__proto__') ? [childPath(path, '__proto__', false)] : [];
  return own.concat(Object.entries(value).flatMap(([k, v]) => protoKeyPaths(v, childPath(path, k, Array.isArray(value)), seen)));
}

/** Refuses NUL characters, unpaired surrogates and `__proto__` keys anywhere in a body, query or parameter before the DTO rules run. */
class StrictValidationPipe extends ValidationPipe {
  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    const bad = badTextPaths(value).map(({ path, fault }) => ({
      path,
      messages: [`${path} ${TEXT_FAULT_MESSAGES[fault]}`],
      rules: [fault],
    }));
    const proto = protoKeyPaths(value).map((path) => ({
      path,
      messages: [httpMessages.unknownField(path).en],
      rules: ['whitelistValidation'],
    }));
    if (bad.length || proto.length) {
      const errors = [...bad, ...proto];
      throw new BadRequestException({
        statusCode: 400,
        code: 'VALIDATION_FAILED',
        message: httpMessages.validationFailed(errors.length),
        errors,
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
    exceptionFactory: (invalid) => {
      const errors = flattenValidationErrors(invalid);
      return new BadRequestException({
        statusCode: 400,
        code: 'VALIDATION_FAILED',
        message: httpMessages.validationFailed(errors.length),
        errors,
      });
    },
  });
}
