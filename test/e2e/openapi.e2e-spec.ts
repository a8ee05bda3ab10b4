import { INestApplication } from '@nestjs/common';
import request from 'supertest';
import { routeTable } from '@dx/api/openapi/openapi';
import { createTestApp } from '../support/test-app';
import { createTestDatabase, TestDatabase } from '../support/test-database';

type Operation = {
  operationId: string;
  security?: unknown[];
  parameters?: { name: string; in: string }[];
  requestBody?: unknown;
  responses: Record<string, unknown>;
};

describe('OpenAPI document', () => {
  let db: TestDatabase;
  let app: INestApplication;
  let doc: {
    paths: Record<string, Record<string, Operation>>;
    components: { schemas: Record<string, { properties?: Record<string, unknown>; required?: string[] }> };
  };

  beforeAll(async () => {
    db = await createTestDatabase();
    app = await createTestApp(db);
    doc = (await request(app.getHttpServer()).get('/api/docs-json').expect(200)).body;
  });
  afterAll(async () => {
    await app?.close();
    await db?.drop();
  });

  it('documents every route the app serves, with bearer auth on all but the public ones and the error responses', () => {
    const routes = routeTable(app);
    const missing = routes.filter((r) => !doc.paths[r.path.replace(/:(\w+)/g, '{$1}')]?.[r.method.toLowerCase()]);
    expect(missing.map((r) => `${r.method} ${r.path}`)).toEqual([]);
    for (const r of routes) {
      const op = doc.paths[r.path.replace(/:(\w+)/g, '{$1}')][r.method.toLowerCase()];
      expect([r.path, Boolean(op.security?.length)]).toEqual([r.path, !r.isPublic]);
      expect(Object.keys(op.responses)).toEqual(expect.arrayContaining(['400', '401', '403', '404']));
    }
  });

  it('describes request bodies and query parameters from the validation rules', () => {
    const patch = doc.paths['/api/v1/tasks/{id}'].patch;
    expect(patch.requestBody).toBeDefined();
    const update = doc.components.schemas.UpdateTaskDto;
    expect(Object.keys(update.properties!)).toEqual(expect.arrayContaining(['status', 'progress', 'evidence', 'comment']));
    expect(update.properties!.status).toMatchObject({ enum: ['not_started', 'in_progress', 'done', 'cancelled'] });
    expect(doc.components.schemas.EvidenceDto.required).toEqual(expect.arrayContaining(['number', 'date']));
    expect(doc.components.schemas.CreateObservationDto.required).toEqual(expect.arrayContaining(['indicator', 'province', 'period']));
    const list = doc.paths['/api/v1/tasks'].get;
    expect(list.parameters!.map((p) => p.name)).toEqual(
      expect.arrayContaining(['province', 'status', 'overdue', 'q', 'page', 'pageSize', 'sort']),
    );
  });

  it('serves the interactive documentation without signing in', async () => {
    const res = await request(app.getHttpServer()).get('/api/docs/').expect(200);
    expect(res.text).toMatch(/swagger/i);
  });
});
