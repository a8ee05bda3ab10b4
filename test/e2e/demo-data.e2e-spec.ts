import { INestApplication, Logger } from '@nestjs/common';
import request from 'supertest';
import { seedIllustrativeActivity } from '@dx/api/bootstrap/demo-activity';
import { createDemoAccounts, loadDemoDataOnce } from '@dx/api/bootstrap/demo-data';
import { createTestApp } from '../support/test-app';
import { createTestDatabase, TestDatabase } from '../support/test-database';

describe('the demo data of a first start: Quảng Ninh and the illustrative province', () => {
  let db: TestDatabase;
  let app: INestApplication;
  let passwords: Map<string, string>;
  const signIn = async (username: string) =>
    (
      await request(app.getHttpServer())
        .post('/api/v1/auth/login')
        .send({ username, password: passwords.get(username) })
        .expect(200)
    ).body.accessToken as string;
  const get = async (username: string, url: string) =>
    (
      await request(app.getHttpServer())
        .get(url)
        .set('Authorization', `Bearer ${await signIn(username)}`)
        .expect(200)
    ).body;

  beforeAll(async () => {
    db = await createTestDatabase();
    expect(await loadDemoDataOnce(db.dataSource, new Logger('test'))).toBe(true);
    passwords = new Map((await createDemoAccounts(db.dataSource)).map((a) => [a.username, a.password]));
    app = await createTestApp(db);
    expect(await seedIllustrativeActivity(app)).toBe(true);
  }, 120_000);
  afterAll(async () => {
    await app?.close();
    await db?.drop();
  });

  it('loads once: a second start adds nothing', async () => {
    expect(await loadDemoDataOnce(db.dataSource, new Logger('test'))).toBe(false);
    expect(await createDemoAccounts(db.dataSource)).toEqual([]);
  });

  it('creates an account of every role for the illustrative province', () => {
    for (const u of ['skhcn.mau', 'syt.mau', 'lanhdao.mau', 'xem.mau']) expect(passwords.has(u)).toBe(true);
  });

  it('gives its officer 40 tasks with late ones, a pending submission and an open directive', async () => {
    const all = await get('skhcn.mau', '/api/v1/tasks?province=MAU&pageSize=1');
    expect(all.total).toBe(40);
    const late = await get('skhcn.mau', '/api/v1/tasks?province=MAU&overdue=true&pageSize=100');
    expect(late.total).toBeGreaterThanOrEqual(5);
    const pending = await get('skhcn.mau', '/api/v1/submissions?province=MAU&status=submitted');
    expect(pending.items).toHaveLength(1);
    expect(pending.items[0].submittedBy).toBe('syt.mau');
    const directives = await get('lanhdao.mau', '/api/v1/directives?province=MAU&status=open');
    expect(directives.items).toHaveLength(1);
    expect(directives.items[0]).toMatchObject({ targetKind: 'task', targetId: pending.items[0].task.id, assignee: 'SYT' });
  });

  it('says it is illustrative wherever the province is named', async () => {
    const provinces = await get('admin', '/api/v1/provinces');
    const mau = (provinces.items ?? provinces).find((p: { code: string }) => p.code === 'MAU');
    expect(mau.name).toContain('dữ liệu minh họa');
  });

  it('keeps Quảng Ninh as it was', async () => {
    const tasks = await get('stttt.qni', '/api/v1/tasks?province=QNI&pageSize=1');
    expect(tasks.total).toBe(0);
  });
});
