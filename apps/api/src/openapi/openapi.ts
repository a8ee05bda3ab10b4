import { INestApplication, RequestMethod, Type } from '@nestjs/common';
import { METHOD_METADATA, PATH_METADATA } from '@nestjs/common/constants';
import { ModulesContainer } from '@nestjs/core';
import { ApiProperty, DocumentBuilder, OpenAPIObject, SwaggerModule } from '@nestjs/swagger';
import { plainToInstance } from 'class-transformer';
import { getMetadataStorage } from 'class-validator';
import type { ValidationMetadata } from 'class-validator/types/metadata/ValidationMetadata';
import { IS_PUBLIC } from '../auth/auth.decorators';

export const OPENAPI_UI_PATH = 'api/docs';
export const OPENAPI_JSON_PATH = 'api/docs-json';

/** One served route with the handler behind it. */
export interface RouteInfo {
  method: string;
  path: string;
  controller: Type<unknown>;
  handler: string;
  isPublic: boolean;
  /** Classes of the handler's parameters (DTOs among them). */
  paramTypes: unknown[];
}

/** Every (method, path) the application serves, read from the controllers' own metadata. */
export function routeTable(app: INestApplication): RouteInfo[] {
  const routes: RouteInfo[] = [];
  for (const module of app.get(ModulesContainer).values()) {
    for (const { metatype } of module.controllers.values()) {
      if (!metatype) continue;
      const controller = metatype as Type<unknown>;
      const base = String(Reflect.getMetadata(PATH_METADATA, controller) ?? '');
      const proto = controller.prototype as Record<string, unknown>;
      for (const name of Object.getOwnPropertyNames(proto)) {
        const handler = proto[name];
        if (typeof handler !== 'function' || name === 'constructor') continue;
        const path = Reflect.getMetadata(PATH_METADATA, handler);
        const method = Reflect.getMetadata(METHOD_METADATA, handler);
        if (path === undefined || method === undefined) continue;
        routes.push({
          method: RequestMethod[method as RequestMethod],
          path: `/${[base, String(path)]
            .map((p) => p.replace(/^\/|\/$/g, ''))
            .filter(Boolean)
            .join('/')}`,
          controller,
          handler: name,
          isPublic: Boolean(Reflect.getMetadata(IS_PUBLIC, handler) ?? Reflect.getMetadata(IS_PUBLIC, controller)),
          paramTypes: Reflect.getMetadata('design:paramtypes', proto, name) ?? [],
        });
      }
    }
  }
  return routes.sort((a, b) => `${a.path} ${a.method}`.localeCompare(`${b.path} ${b.method}`));
}

const described = new WeakSet<object>();

/**
 * Describes a DTO for OpenAPI from its class-validator rules, so a rule and its
 * documentation cannot drift apart (no hand-written @ApiProperty beside each rule).
 */
function describeDto(dto: Type<unknown>): void {
  if (described.has(dto)) return;
  described.add(dto);
  const rules = getMetadataStorage().getTargetValidationMetadatas(dto, '', true, false);
  const byProperty = new Map<string, ValidationMetadata[]>();
  for (const r of rules) byProperty.set(r.propertyName, [...(byProperty.get(r.propertyName) ?? []), r]);
  for (const [property, list] of byProperty) {
    const has = (name: string) => list.find((r) => r.name === name);
    const options: Record<string, unknown> = { required: !list.some((r) => r.type === 'conditionalValidation') };
    const nestedType = list.some((r) => r.type === 'nestedValidation') ? nestedTypeOf(dto, property) : undefined;
    if (nestedType) {
      describeDto(nestedType);
      options.type = nestedType;
    } else if (has('isInt')) options.type = 'integer';
    else if (has('isBoolean')) options.type = 'boolean';
    else options.type = 'string';
    const isIn = has('isIn');
    if (isIn) options.enum = isIn.constraints[0];
    const matches = has('matches');
    if (matches) options.pattern = String(matches.constraints[0]).replace(/^\/|\/[a-z]*$/g, '');
    const min = has('min');
    if (min) options.minimum = min.constraints[0];
    const max = has('max');
    if (max) options.maximum = max.constraints[0];
    const minLength = has('minLength');
    if (minLength) options.minLength = minLength.constraints[0];
    const maxLength = has('maxLength');
    if (maxLength) options.maxLength = maxLength.constraints[0];
    if (has('isUrl')) options.format = 'uri';
    const defaults = new (dto as new () => Record<string, unknown>)()[property];
    if (defaults !== undefined) options.default = defaults;
    ApiProperty(options)(dto.prototype as object, property);
  }
}

/**
 * The class a property's `@Type(() => X)` names, through class-transformer's public API: converting
 * `{ [property]: {} }` builds an X there. Undefined when the property has no such class (no `@Type`, or
 * a primitive one such as `Number`, which yields no object).
 */
function nestedTypeOf(dto: Type<unknown>, property: string): Type<unknown> | undefined {
  const probe = plainToInstance(dto, { [property]: {} }) as Record<string, unknown>;
  const value = probe[property];
  if (value === null || typeof value !== 'object' || Array.isArray(value) || value.constructor === Object) return undefined;
  return value.constructor as Type<unknown>;
}

const ERROR_SCHEMA = {
  type: 'object',
  properties: {
    statusCode: { type: 'integer' },
    code: { type: 'string', description: 'e.g. ACCESS_DENIED, VERSION_CONFLICT, TASK_NOT_FOUND' },
    message: { type: 'string' },
    errors: {
      type: 'array',
      description: 'Invalid input: each field path with its messages',
      items: { type: 'object', properties: { path: { type: 'string' }, messages: { type: 'array', items: { type: 'string' } } } },
    },
  },
};

const ERRORS: Record<string, string> = {
  '400': 'Invalid input (field paths in `errors`)',
  '401': 'Not signed in, or the token is invalid',
  '403': 'The role or province does not allow it',
  '404': 'Not found',
  '409': 'Conflict (stale version, decided submission, reused Idempotency-Key)',
  '413': 'Body too large',
  '415': 'Body is not JSON',
  '428': 'If-Match required',
  '429': 'Too many attempts',
};

/** The OpenAPI document of every route, with bearer auth on all but the public ones and the error shapes. */
export function buildOpenApiDocument(app: INestApplication): OpenAPIObject {
  const routes = routeTable(app);
  for (const r of routes)
    for (const t of r.paramTypes) if (typeof t === 'function' && t !== Object && t !== String) describeDto(t as Type<unknown>);
  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('dx-tracker API')
      .setDescription('Theo dõi kế hoạch và chỉ tiêu chuyển đổi số cấp tỉnh — tracking provincial digital-transformation plans and KPIs.')
      .setVersion('1')
      .addBearerAuth({ type: 'http', scheme: 'bearer', description: 'Access token from POST /api/v1/auth/login, or an API token (dxt_…)' })
      .build(),
  );
  document.components = { ...document.components, schemas: { ...document.components?.schemas, Error: ERROR_SCHEMA } };
  const publicOps = new Set(routes.filter((r) => r.isPublic).map((r) => `${r.controller.name}_${r.handler}`));
  for (const item of Object.values(document.paths)) {
    for (const op of Object.values(item) as { operationId?: string; security?: unknown; responses: Record<string, unknown> }[]) {
      if (!op || typeof op !== 'object' || !('responses' in op)) continue;
      if (!publicOps.has(op.operationId ?? '')) op.security = [{ bearer: [] }];
      for (const [status, description] of Object.entries(ERRORS)) {
        op.responses[status] ??= { description, content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } } };
      }
    }
  }
  return document;
}

/** The interactive documentation at /api/docs (served from the package, no CDN) and the JSON at /api/docs-json. */
export function setupOpenApi(app: INestApplication): void {
  SwaggerModule.setup(OPENAPI_UI_PATH, app, () => buildOpenApiDocument(app), { jsonDocumentUrl: OPENAPI_JSON_PATH });
}
