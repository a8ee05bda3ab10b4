import { INestApplication } from '@nestjs/common';
import request from 'supertest';
import { routeTable } from '@dx/api/openapi/openapi';
import { Role, ROLES } from '@dx/domain';
import { DA_NANG_FILE, importPlanFiles, QUANG_NINH_FILE } from '../factories/plan-file.factory';
import { createTestApp, signIn } from '../support/test-app';
import { createTestDatabase, TestDatabase } from '../support/test-database';

type Who = Role | 'anonymous';
/** An id nothing has: allowed roles get past authorisation to a 404. */
const NO_ID = '00000000-0000-4000-8000-000000000000';
const EVERYONE: Role[] = [...ROLES];

interface Rule {
  /** Roles that get past authorisation (any status but 401/403); the rest get 403, anonymous 401. `public`: anonymous too. */
  allowed: Role[] | 'public';
  /** A request in the principals' own province (Đà Nẵng). */
  sample: (ids: Ids) => { url: string; body?: object; headers?: Record<string, string> };
  /** The same request against another province (Quảng Ninh): 403 for everyone but admins. */
  otherProvince?: (ids: Ids) => { url: string; body?: object; headers?: Record<string, string> };
}

interface Ids {
  task: string;
  qniGoal: string;
  goal: string;
}

/**
 * Every route the app serves must have a rule here: a route added without one fails
 * the first test. Writes are sent so that an allowed role stops at a 4xx after the
 * access check (a stale If-Match, an impossible period) and nothing is changed.
 */
const RULES: Record<string, Rule> = {
  'GET /health': { allowed: 'public', sample: () => ({ url: '/health' }) },
  'POST /api/v1/auth/login': { allowed: 'public', sample: () => ({ url: '/api/v1/auth/login', body: { username: 'x', password: 'y' } }) },
  'POST /api/v1/auth/refresh': { allowed: 'public', sample: () => ({ url: '/api/v1/auth/refresh', body: { refreshToken: 'dxr_x' } }) },
  'POST /api/v1/auth/logout': { allowed: 'public', sample: () => ({ url: '/api/v1/auth/logout', body: { refreshToken: 'dxr_x' } }) },
  'GET /api/v1/auth/demo': { allowed: 'public', sample: () => ({ url: '/api/v1/auth/demo' }) },
  'GET /api/v1/auth/me': { allowed: EVERYONE, sample: () => ({ url: '/api/v1/auth/me' }) },
  'GET /api/v1/provinces': { allowed: EVERYONE, sample: () => ({ url: '/api/v1/provinces' }) },
  'GET /api/v1/provinces/:code': {
    allowed: EVERYONE,
    sample: () => ({ url: '/api/v1/provinces/DNG' }),
    otherProvince: () => ({ url: '/api/v1/provinces/QNI' }),
  },
  'GET /api/v1/documents': {
    allowed: EVERYONE,
    sample: () => ({ url: '/api/v1/documents?province=DNG' }),
    otherProvince: () => ({ url: '/api/v1/documents?province=QNI' }),
  },
  'GET /api/v1/provinces/:code/summary': {
    allowed: EVERYONE,
    sample: () => ({ url: '/api/v1/provinces/DNG/summary' }),
    otherProvince: () => ({ url: '/api/v1/provinces/QNI/summary' }),
  },
  'GET /api/v1/goals/:id/status': {
    allowed: EVERYONE,
    sample: (ids) => ({ url: `/api/v1/goals/${ids.goal}/status` }),
    otherProvince: (ids) => ({ url: `/api/v1/goals/${ids.qniGoal}/status` }),
  },
  'GET /api/v1/indicators/:code/comparison': {
    allowed: EVERYONE,
    sample: () => ({ url: '/api/v1/indicators/dvc-toan-trinh/comparison?province=DNG' }),
    otherProvince: () => ({ url: '/api/v1/indicators/dvc-toan-trinh/comparison?province=QNI' }),
  },
  'GET /api/v1/indicators/:code/map': {
    allowed: EVERYONE,
    sample: () => ({ url: '/api/v1/indicators/dvc-toan-trinh/map?province=DNG&period=2023' }),
    otherProvince: () => ({ url: '/api/v1/indicators/dvc-toan-trinh/map?province=QNI&period=2023' }),
  },
  'GET /api/v1/indicators/:code/history': {
    allowed: EVERYONE,
    sample: () => ({ url: '/api/v1/indicators/dvc-toan-trinh/history?province=DNG' }),
    otherProvince: () => ({ url: '/api/v1/indicators/dvc-toan-trinh/history?province=QNI' }),
  },
  'GET /api/v1/jobs/:id': { allowed: EVERYONE, sample: () => ({ url: '/api/v1/jobs/no-such-job' }) },
  'GET /api/v1/tasks': {
    allowed: EVERYONE,
    sample: () => ({ url: '/api/v1/tasks?province=DNG' }),
    otherProvince: () => ({ url: '/api/v1/tasks?province=QNI' }),
  },
  'GET /api/v1/tasks/:id': { allowed: EVERYONE, sample: (ids) => ({ url: `/api/v1/tasks/${ids.task}` }) },
  'PATCH /api/v1/tasks/:id': {
    allowed: ['admin', 'officer', 'reporter'],
    sample: (ids) => ({ url: `/api/v1/tasks/${ids.task}`, body: { comment: 'rbac' }, headers: { 'If-Match': '"999"' } }),
  },
  'GET /api/v1/observations': {
    allowed: EVERYONE,
    sample: () => ({ url: '/api/v1/observations?province=DNG' }),
    otherProvince: () => ({ url: '/api/v1/observations?province=QNI' }),
  },
  'POST /api/v1/observations': {
    allowed: ['admin', 'officer', 'reporter'],
    sample: () => ({
      url: '/api/v1/observations',
      body: { indicator: 'dvc-toan-trinh', province: 'DNG', org: 'KHONG-CO', period: '2023-10', value: '1' },
    }),
    otherProvince: () => ({
      url: '/api/v1/observations',
      body: { indicator: 'dvc-toan-trinh', province: 'QNI', org: 'KHONG-CO', period: '2023-10', value: '1' },
    }),
  },
  'GET /api/v1/observations/:id': { allowed: EVERYONE, sample: () => ({ url: `/api/v1/observations/${NO_ID}` }) },
  'PATCH /api/v1/observations/:id': {
    allowed: ['admin', 'officer', 'reporter'],
    sample: () => ({ url: `/api/v1/observations/${NO_ID}`, body: { value: '1' }, headers: { 'If-Match': '"999"' } }),
  },
  'DELETE /api/v1/observations/:id': {
    allowed: ['admin', 'officer', 'reporter'],
    sample: () => ({ url: `/api/v1/observations/${NO_ID}`, headers: { 'If-Match': '"999"' } }),
  },
  'GET /api/v1/provinces/:code/observation-template.csv': {
    allowed: EVERYONE,
    sample: () => ({ url: '/api/v1/provinces/DNG/observation-template.csv' }),
    otherProvince: () => ({ url: '/api/v1/provinces/QNI/observation-template.csv' }),
  },
  'GET /api/v1/provinces/:code/observation-template.xlsx': {
    allowed: EVERYONE,
    sample: () => ({ url: '/api/v1/provinces/DNG/observation-template.xlsx' }),
    otherProvince: () => ({ url: '/api/v1/provinces/QNI/observation-template.xlsx' }),
  },
  // Tasks and goals added, edited and cancelled on the web: officers and admins; writes stop at an unknown group or a stale version.
  'GET /api/v1/documents/:doc/tasks/next-code': {
    allowed: ['admin', 'officer'],
    sample: () => ({ url: `/api/v1/documents/${encodeURIComponent('05-NQ/TU')}/tasks/next-code?province=DNG&group=T1` }),
    otherProvince: () => ({ url: `/api/v1/documents/${encodeURIComponent('37/KH-UBND')}/tasks/next-code?province=QNI&group=NV1` }),
  },
  'POST /api/v1/documents/:doc/tasks': {
    allowed: ['admin', 'officer'],
    sample: () => ({
      url: `/api/v1/documents/${encodeURIComponent('05-NQ/TU')}/tasks?province=DNG`,
      body: { group: 'KHONG-CO', title: 'rbac', lead: 'STTTT' },
    }),
    otherProvince: () => ({
      url: `/api/v1/documents/${encodeURIComponent('37/KH-UBND')}/tasks?province=QNI`,
      body: { group: 'KHONG-CO', title: 'rbac', lead: 'STTTT' },
    }),
  },
  'POST /api/v1/documents/:doc/goals': {
    allowed: ['admin', 'officer'],
    sample: () => ({
      url: `/api/v1/documents/${encodeURIComponent('05-NQ/TU')}/goals?province=DNG`,
      body: { group: 'KHONG-CO', title: 'rbac', due: '2026-12-31' },
    }),
    otherProvince: () => ({
      url: `/api/v1/documents/${encodeURIComponent('37/KH-UBND')}/goals?province=QNI`,
      body: { group: 'KHONG-CO', title: 'rbac', due: '2026-12-31' },
    }),
  },
  'POST /api/v1/tasks/:id/cancel': {
    allowed: ['admin', 'officer'],
    sample: (ids) => ({ url: `/api/v1/tasks/${ids.task}/cancel`, body: { reason: 'rbac' }, headers: { 'If-Match': '"999"' } }),
  },
  'GET /api/v1/goals/:id': {
    allowed: EVERYONE,
    sample: (ids) => ({ url: `/api/v1/goals/${ids.goal}` }),
    otherProvince: (ids) => ({ url: `/api/v1/goals/${ids.qniGoal}` }),
  },
  'PATCH /api/v1/goals/:id': {
    allowed: ['admin', 'officer'],
    sample: (ids) => ({ url: `/api/v1/goals/${ids.goal}`, body: { title: 'rbac' }, headers: { 'If-Match': '"999"' } }),
    otherProvince: (ids) => ({ url: `/api/v1/goals/${ids.qniGoal}`, body: { title: 'rbac' }, headers: { 'If-Match': '"999"' } }),
  },
  'POST /api/v1/goals/:id/cancel': {
    allowed: ['admin', 'officer'],
    sample: (ids) => ({ url: `/api/v1/goals/${ids.goal}/cancel`, body: { reason: 'rbac' }, headers: { 'If-Match': '"999"' } }),
    otherProvince: (ids) => ({ url: `/api/v1/goals/${ids.qniGoal}/cancel`, body: { reason: 'rbac' }, headers: { 'If-Match': '"999"' } }),
  },
  // The reminder dispatch (công văn đôn đốc) is made, not stored: officers and admins of the province.
  'POST /api/v1/reminders/dispatch': {
    allowed: ['admin', 'officer'],
    sample: () => ({ url: '/api/v1/reminders/dispatch', body: { province: 'DNG', asOf: '2023-10-31' } }),
    otherProvince: () => ({ url: '/api/v1/reminders/dispatch', body: { province: 'QNI', asOf: '2023-10-31' } }),
  },
  'GET /api/v1/submissions': {
    allowed: ['admin', 'officer', 'leader', 'reporter'],
    sample: () => ({ url: '/api/v1/submissions?province=DNG' }),
    otherProvince: () => ({ url: '/api/v1/submissions?province=QNI' }),
  },
  'POST /api/v1/submissions/:id/approve': {
    allowed: ['admin', 'officer'],
    sample: () => ({ url: `/api/v1/submissions/${NO_ID}/approve` }),
  },
  'POST /api/v1/submissions/:id/return': {
    allowed: ['admin', 'officer'],
    sample: () => ({ url: `/api/v1/submissions/${NO_ID}/return`, body: { reason: 'rbac' } }),
  },
  'GET /api/v1/provinces/:code/settings': {
    allowed: EVERYONE,
    sample: () => ({ url: '/api/v1/provinces/DNG/settings' }),
    otherProvince: () => ({ url: '/api/v1/provinces/QNI/settings' }),
  },
  'PUT /api/v1/provinces/:code/settings': {
    // An invalid body: allowed roles stop at 400 after the role check, nothing changes.
    allowed: ['admin', 'officer'],
    sample: () => ({ url: '/api/v1/provinces/DNG/settings', body: { trustReporters: 'maybe' } }),
  },
  // Notifications: every account its own inbox, choices and address; deliveries and a province's settings for officers and admins.
  'GET /api/v1/notifications': { allowed: EVERYONE, sample: () => ({ url: '/api/v1/notifications' }) },
  'POST /api/v1/notifications/read-all': { allowed: EVERYONE, sample: () => ({ url: '/api/v1/notifications/read-all' }) },
  'POST /api/v1/notifications/:id/read': { allowed: EVERYONE, sample: () => ({ url: `/api/v1/notifications/${NO_ID}/read` }) },
  'GET /api/v1/notifications/preferences': { allowed: EVERYONE, sample: () => ({ url: '/api/v1/notifications/preferences' }) },
  'PUT /api/v1/notifications/preferences': {
    allowed: EVERYONE,
    sample: () => ({ url: '/api/v1/notifications/preferences', body: { items: [{ kind: 'task.overdue', mode: 'sms', digest: false }] } }),
  },
  'GET /api/v1/notifications/deliveries': {
    allowed: ['admin', 'officer'],
    sample: () => ({ url: '/api/v1/notifications/deliveries?status=failed' }),
    otherProvince: () => ({ url: '/api/v1/notifications/deliveries?status=failed&province=QNI' }),
  },
  'GET /api/v1/account/email': { allowed: EVERYONE, sample: () => ({ url: '/api/v1/account/email' }) },
  'PUT /api/v1/account/email': { allowed: EVERYONE, sample: () => ({ url: '/api/v1/account/email', body: { email: 'khong-phai-email' } }) },
  'GET /api/v1/provinces/:code/notification-settings': {
    allowed: ['admin', 'officer'],
    sample: () => ({ url: '/api/v1/provinces/DNG/notification-settings' }),
    otherProvince: () => ({ url: '/api/v1/provinces/QNI/notification-settings' }),
  },
  'PUT /api/v1/provinces/:code/notification-settings': {
    allowed: ['admin', 'officer'],
    sample: () => ({ url: '/api/v1/provinces/DNG/notification-settings', body: { dueSoonDays: [0], webhookUrl: null, version: 0 } }),
  },
  'POST /api/v1/directives': {
    allowed: ['admin', 'leader', 'officer'],
    sample: () => ({ url: '/api/v1/directives', body: { kind: 'comment', target: { kind: 'task', id: NO_ID }, body: 'rbac' } }),
  },
  'GET /api/v1/directives': {
    allowed: EVERYONE,
    sample: () => ({ url: '/api/v1/directives?province=DNG' }),
    otherProvince: () => ({ url: '/api/v1/directives?province=QNI' }),
  },
  'POST /api/v1/directives/:id/answer': {
    allowed: ['admin', 'officer', 'reporter'],
    sample: () => ({ url: `/api/v1/directives/${NO_ID}/answer`, body: { answer: 'rbac' } }),
  },
  'POST /api/v1/directives/:id/close': {
    allowed: ['admin', 'leader', 'officer'],
    sample: () => ({ url: `/api/v1/directives/${NO_ID}/close` }),
  },
  'GET /api/v1/provinces/:code/dashboard': {
    allowed: EVERYONE,
    sample: () => ({ url: '/api/v1/provinces/DNG/dashboard' }),
    otherProvince: () => ({ url: '/api/v1/provinces/QNI/dashboard' }),
  },
  'POST /api/v1/observations/bulk': {
    allowed: ['admin', 'officer', 'reporter'],
    sample: () => ({
      url: '/api/v1/observations/bulk?province=DNG',
      body: { rows: [{ indicator: 'dvc-toan-trinh', org: 'STTTT', period: '2023-13', value: '1' }] },
    }),
  },
  'GET /api/v1/indicators': {
    allowed: EVERYONE,
    sample: () => ({ url: '/api/v1/indicators?province=DNG' }),
    otherProvince: () => ({ url: '/api/v1/indicators?province=QNI' }),
  },
  'GET /api/v1/reports': {
    allowed: EVERYONE,
    sample: () => ({ url: '/api/v1/reports?province=DNG' }),
    otherProvince: () => ({ url: '/api/v1/reports?province=QNI' }),
  },
  'GET /api/v1/reports/:id': { allowed: EVERYONE, sample: () => ({ url: `/api/v1/reports/${NO_ID}` }) },
  'GET /api/v1/reports/:id/file': { allowed: EVERYONE, sample: () => ({ url: `/api/v1/reports/${NO_ID}/file?format=pdf` }) },
  'POST /api/v1/reports': {
    allowed: ['admin', 'officer', 'leader'],
    sample: () => ({ url: '/api/v1/reports', body: { province: 'DNG', document: 'KHONG-CO/VB', period: '2023' } }),
    otherProvince: () => ({ url: '/api/v1/reports', body: { province: 'QNI', document: 'KHONG-CO/VB', period: '2023' } }),
  },
  'GET /api/v1/provinces/:code/report-heading': {
    allowed: EVERYONE,
    sample: () => ({ url: '/api/v1/provinces/DNG/report-heading' }),
    otherProvince: () => ({ url: '/api/v1/provinces/QNI/report-heading' }),
  },
  'PUT /api/v1/provinces/:code/report-heading': {
    allowed: ['admin', 'officer'],
    sample: () => ({ url: '/api/v1/provinces/DNG/report-heading', body: { parentBody: 1 } }),
  },
  'GET /api/v1/report-schedules': {
    allowed: EVERYONE,
    sample: () => ({ url: '/api/v1/report-schedules?province=DNG' }),
    otherProvince: () => ({ url: '/api/v1/report-schedules?province=QNI' }),
  },
  'POST /api/v1/report-schedules': {
    allowed: ['admin', 'officer'],
    sample: () => ({
      url: '/api/v1/report-schedules',
      body: { province: 'DNG', document: '05-NQ/TU', frequency: 'cron', cron: 'nonsense', formats: ['pdf'] },
    }),
  },
  'PUT /api/v1/report-schedules/:id': {
    allowed: ['admin', 'officer'],
    sample: () => ({ url: `/api/v1/report-schedules/${NO_ID}`, body: { frequency: 'monthly', formats: ['pdf'], enabled: false } }),
  },
  'DELETE /api/v1/report-schedules/:id': { allowed: ['admin', 'officer'], sample: () => ({ url: `/api/v1/report-schedules/${NO_ID}` }) },
  'POST /api/v1/plans/validate': { allowed: ['admin', 'officer'], sample: () => ({ url: '/api/v1/plans/validate', body: {} }) },
  'POST /api/v1/plans/import': { allowed: ['admin', 'officer'], sample: () => ({ url: '/api/v1/plans/import', body: {} }) },
  'GET /api/v1/dti/:year': { allowed: EVERYONE, sample: () => ({ url: '/api/v1/dti/2022' }) },
  'GET /api/v1/dti/:year/movers': { allowed: EVERYONE, sample: () => ({ url: '/api/v1/dti/2022/movers' }) },
  'GET /api/v1/dti/:year/framework': { allowed: EVERYONE, sample: () => ({ url: '/api/v1/dti/2022/framework' }) },
  'GET /api/v1/dti/provinces/:code': {
    allowed: EVERYONE,
    sample: () => ({ url: '/api/v1/dti/provinces/DNG' }),
    otherProvince: () => ({ url: '/api/v1/dti/provinces/QNI' }),
  },
  'GET /api/v1/audit': {
    allowed: ['admin', 'officer', 'leader'],
    sample: () => ({ url: '/api/v1/audit' }),
    otherProvince: () => ({ url: '/api/v1/audit?province=QNI' }),
  },
  'GET /api/v1/audit/export': {
    allowed: ['admin', 'officer', 'leader'],
    sample: () => ({ url: '/api/v1/audit/export' }),
    otherProvince: () => ({ url: '/api/v1/audit/export?province=QNI' }),
  },
};

describe('RBAC: every route × every role', () => {
  let db: TestDatabase;
  let app: INestApplication;
  const tokens = new Map<Who, string | null>();
  let ids: Ids;

  beforeAll(async () => {
    db = await createTestDatabase();
    await importPlanFiles(db.dataSource, DA_NANG_FILE, QUANG_NINH_FILE);
    app = await createTestApp(db);
    tokens.set('anonymous', null);
    tokens.set('admin', (await signIn(app, db, 'admin')).token);
    tokens.set('officer', (await signIn(app, db, 'officer', 'DNG', 'STTTT')).token);
    tokens.set('reporter', (await signIn(app, db, 'reporter', 'DNG', 'STTTT')).token);
    tokens.set('leader', (await signIn(app, db, 'leader', 'DNG')).token);
    tokens.set('viewer', (await signIn(app, db, 'viewer', 'DNG')).token);
    const one = async (sql: string) => (await db.dataSource.query(sql))[0].id as string;
    ids = {
      task: await one(
        `SELECT t.id FROM task t JOIN document d ON d.id = t.document_id JOIN org_unit p ON p.id = d.province_id WHERE p.code = 'DNG' AND t.code = 'T1.1'`,
      ),
      goal: await one(
        `SELECT g.id FROM goal g JOIN document d ON d.id = g.document_id JOIN org_unit p ON p.id = d.province_id WHERE p.code = 'DNG' LIMIT 1`,
      ),
      qniGoal: await one(
        `SELECT g.id FROM goal g JOIN document d ON d.id = g.document_id JOIN org_unit p ON p.id = d.province_id WHERE p.code = 'QNI' LIMIT 1`,
      ),
    };
  });
  afterAll(async () => {
    await app?.close();
    await db?.drop();
  });

  async function send(method: string, who: Who, r: { url: string; body?: object; headers?: Record<string, string> }) {
    const server = app.getHttpServer();
    let req = (request(server) as unknown as Record<string, (url: string) => request.Test>)[method.toLowerCase()](r.url);
    const token = tokens.get(who);
    if (token) req = req.set('Authorization', `Bearer ${token}`);
    for (const [k, v] of Object.entries(r.headers ?? {})) req = req.set(k, v);
    return r.body ? req.send(r.body) : req;
  }

  it('has a rule for every route the app serves, and no rule for a route it does not', () => {
    const served = [...new Set(routeTable(app).map((r) => `${r.method} ${r.path}`))];
    expect(served.length).toBeGreaterThan(10);
    expect(served.filter((r) => !RULES[r])).toEqual([]);
    expect(Object.keys(RULES).filter((r) => !served.includes(r))).toEqual([]);
  });

  const whos: Who[] = ['anonymous', ...ROLES];
  it.each(Object.keys(RULES))('%s: allowed roles pass, the others get 403, anonymous 401', async (route) => {
    const [method] = route.split(' ');
    const rule = RULES[route];
    const outcome: Record<string, number> = {};
    const rejected: Record<string, boolean> = {};
    for (const who of whos) {
      const res = await send(method, who, rule.sample(ids));
      outcome[who] = res.status;
      // Turned away by the guard or the access rules (a public sign-in answering 401 for wrong credentials is not).
      rejected[who] = res.status === 403 || (res.status === 401 && res.body?.code === 'UNAUTHENTICATED');
    }
    const expected = Object.fromEntries(
      whos.map((who) => {
        if (rule.allowed === 'public') return [who, 'pass'];
        if (who === 'anonymous') return [who, 401];
        return [who, rule.allowed.includes(who) ? 'pass' : 403];
      }),
    );
    const seen = Object.fromEntries(
      whos.map((who) => [who, expected[who] === 'pass' && !rejected[who] && outcome[who] < 500 ? 'pass' : outcome[who]]),
    );
    expect(seen).toEqual(expected);
  });

  const crossing = Object.keys(RULES).filter((r) => RULES[r].otherProvince);
  it.each(crossing)('%s in another province: 403 for every role but admin', async (route) => {
    const [method] = route.split(' ');
    const outcome: Record<string, number> = {};
    for (const who of ROLES) outcome[who] = (await send(method, who, RULES[route].otherProvince!(ids))).status;
    expect(outcome.admin === 403 || outcome.admin === 401).toBe(false);
    expect(Object.fromEntries(ROLES.filter((r) => r !== 'admin').map((r) => [r, outcome[r]]))).toEqual(
      Object.fromEntries(ROLES.filter((r) => r !== 'admin').map((r) => [r, 403])),
    );
  });
});
