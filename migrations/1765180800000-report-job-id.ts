import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The queue job that made a report. A worker killed after storing a report but before the
 * queue marked its job done runs the job again; the key makes that run find the report
 * instead of storing a second one.
 */
export class ReportJobId1765180800000 implements MigrationInterface {
  name = 'ReportJobId1765180800000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE report ADD COLUMN job_id text`);
    await q.query(`ALTER TABLE report ADD CONSTRAINT report_job_uq UNIQUE (job_id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE report DROP COLUMN job_id`);
  }
}
