import { spawn } from 'child_process';
import { existsSync } from 'fs';
import { join } from 'path';
import { AccountRepository, PlanImporter } from '@dx/db';
import { createMailTransport, DeliveryProcessor, EmailChannel, NotificationProducer } from '@dx/jobs';
import { REPO, smallPlanText, validPlan } from '../factories/plan-file.factory';
import { startSmtpServer, TestSmtpServer } from '../support/smtp-server';
import { createTestDatabase, TestDatabase } from '../support/test-database';
import { waitFor } from '../support/wait-for';

/** A worker process of the built code: claims the due email deliveries and sends them through SMTP_URL. */
const WORKER = `
const { createDataSource } = require(${JSON.stringify(join(REPO, 'dist/libs/db/src/index.js'))});
const { DeliveryProcessor, EmailChannel, createMailTransport } = require(${JSON.stringify(join(REPO, 'dist/libs/jobs/src/index.js'))});
(async () => {
  const ds = await createDataSource(process.env.DATABASE_URL, 2).initialize();
  const p = new DeliveryProcessor(ds, { leaseMs: 4000 });
  p.register(new EmailChannel(ds, createMailTransport(process.env.SMTP_URL), 'cds@tinh.gov.vn'));
  await p.runOnce();
})();`;

/** A worker process killed (SIGKILL) in the middle of sending a reminder: the mail goes out once, by the next worker. */
describe('a worker killed mid-send', () => {
  let db: TestDatabase;
  let smtp: TestSmtpServer;

  beforeAll(async () => {
    if (!existsSync(join(REPO, 'dist/libs/jobs/src/index.js')))
      throw new Error('dist is missing: run `npm run build` first (npm test does)');
    db = await createTestDatabase();
    const plan = smallPlanText('TKW').replace('            progress: 40\n', '            progress: 40\n            due: 2026-03-01\n');
    await new PlanImporter(db.dataSource).run(validPlan(plan), {
      fileName: 't.yaml',
      actor: 'jest',
      prune: false,
      dryRun: false,
      now: new Date(),
    });
    await new AccountRepository(db.dataSource).create({
      username: 'bao-cao',
      displayName: 'Báo cáo viên',
      role: 'reporter',
      province: 'TKW',
      orgUnit: 'STTTT',
    });
    await db.dataSource.query(`UPDATE app_user SET email = 'bao.cao@tinh.gov.vn' WHERE username = 'bao-cao'`);
    smtp = await startSmtpServer();
  });
  afterAll(async () => {
    await smtp?.close();
    await db?.drop();
  });

  it('after the key is stored and the message is on the wire, the kill leaves it unsent; the next worker sends it exactly once', async () => {
    await new NotificationProducer(db.dataSource).runReminders({ province: 'TKW', asOf: '2026-03-04' });
    const row = async () => (await db.dataSource.query(`SELECT status, attempts FROM notification_delivery WHERE channel = 'email'`))[0];
    expect(await row()).toEqual({ status: 'pending', attempts: 0 });
    smtp.stallNext(1);
    const child = spawn(process.execPath, ['-e', WORKER], {
      cwd: REPO,
      env: { ...process.env, DATABASE_URL: db.url, SMTP_URL: smtp.url },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (c: Buffer) => (output += c));
    child.stderr.on('data', (c: Buffer) => (output += c));
    const exited = new Promise<NodeJS.Signals | null>((resolve) => child.once('exit', (_code, signal) => resolve(signal)));
    await waitFor(`the worker's message on the wire (${output})`, async () => smtp.stalled() === 1, 30_000);
    child.kill('SIGKILL');
    expect(await exited).toBe('SIGKILL');
    expect(smtp.received).toHaveLength(0);
    expect(await row()).toEqual({ status: 'pending', attempts: 1 });

    const next = new DeliveryProcessor(db.dataSource);
    const email = new EmailChannel(db.dataSource, createMailTransport(smtp.url), 'cds@tinh.gov.vn');
    next.register(email);
    try {
      // Within the killed worker's lease nothing is taken; after it, the mail goes out once.
      expect(await next.runOnce()).toEqual({ sent: 0, retried: 0, failed: 0 });
      await waitFor('the reminder sent by the next worker', async () => (await next.runOnce()).sent === 1);
      expect(await next.runOnce()).toEqual({ sent: 0, retried: 0, failed: 0 });
    } finally {
      email.close();
    }
    expect(smtp.received).toHaveLength(1);
    expect(smtp.received[0].parsed.subject).toBe('Nhiệm vụ quá hạn: NV1.1 quá hạn 3 ngày');
    expect(await row()).toEqual({ status: 'sent', attempts: 2 });
  }, 60_000);
});
