import { INestApplication } from '@nestjs/common';
import { PlanImporter } from '@dx/db';
import { DeliveryProcessor, NotificationProducer } from '@dx/jobs';
import { smallPlanText, validPlan } from '../factories/plan-file.factory';
import { as, createTestApp, signIn } from '../support/test-app';
import { createTestDatabase, TestDatabase } from '../support/test-database';
import { testRunId } from '../support/test-env';

/** Without SMTP_URL email is off: nothing is sent, nothing is lost, and the in-app inbox works as with it. */
describe('notifications with SMTP_URL unset', () => {
  let db: TestDatabase;
  let app: INestApplication;

  beforeAll(async () => {
    db = await createTestDatabase();
    const plan = smallPlanText('TNS').replace('            progress: 40\n', '            progress: 40\n            due: 2026-03-01\n');
    await new PlanImporter(db.dataSource).run(validPlan(plan), {
      fileName: 't.yaml',
      actor: 'jest',
      prune: false,
      dryRun: false,
      now: new Date(),
    });
    app = await createTestApp(db, { env: { RUN_WORKER: 'true', QUEUE_PREFIX: `dx-test-${testRunId()}-nsm` } });
  });
  afterAll(async () => {
    await app?.close();
    await db?.drop();
  });

  it('the reporter sees the overdue task in the app; its email delivery waits, unsent and without error', async () => {
    const reporter = await signIn(app, db, 'reporter', 'TNS', 'STTTT');
    await db.dataSource.query(`UPDATE app_user SET email = 'bao.cao@tinh.gov.vn' WHERE username = $1`, [reporter.username]);
    const processor = app.get(DeliveryProcessor);
    expect(processor.registered()).toEqual(['webhook']);
    await app.get(NotificationProducer).runReminders({ province: 'TNS', asOf: '2026-03-04' });
    await processor.runOnce();
    const inbox = await as(app, reporter.token).get('/api/v1/notifications').expect(200);
    // (The worker's own daily pass, for today, may add a later reminder of the same task: only 4 March's is looked at.)
    expect(inbox.body.items).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ kind: 'task.overdue', title: 'Nhiệm vụ quá hạn: NV1.1 quá hạn 3 ngày', readAt: null }),
      ]),
    );
    const rows = await db.dataSource.query(
      `SELECT channel, recipient, status, attempts, last_error FROM notification_delivery WHERE event_key LIKE 'task.overdue:%:2026-03-01:w0'`,
    );
    expect(rows).toEqual([{ channel: 'email', recipient: 'bao.cao@tinh.gov.vn', status: 'pending', attempts: 0, last_error: null }]);
  });
});
