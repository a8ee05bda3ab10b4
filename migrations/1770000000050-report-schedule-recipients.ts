import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A report schedule's recipients ("Nơi nhận", issue 20): account usernames and plain email addresses
 * (an entry with an @ is an address), each sent the scheduled report when it is made.
 */
export class ReportScheduleRecipients1770000000050 implements MigrationInterface {
  name = 'ReportScheduleRecipients1770000000050';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE report_schedule ADD COLUMN recipients text[] NOT NULL DEFAULT '{}' CHECK (cardinality(recipients) <= 100)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE report_schedule DROP COLUMN recipients`);
  }
}
