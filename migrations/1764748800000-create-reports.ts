import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Progress reports: per-province schedules (weekly, monthly, quarterly, yearly or a cron
 * expression, Asia/Ho_Chi_Minh), the stored reports (files in the database, with the
 * checksum of their data section), and each province's report heading (issuing body,
 * place, recipients, signer) as Nghị định 30/2020/NĐ-CP lays it out.
 */
export class CreateReports1764748800000 implements MigrationInterface {
  name = 'CreateReports1764748800000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE province_setting ADD COLUMN report_heading jsonb`);
    await q.query(`
      CREATE TABLE report_schedule (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        province_id uuid NOT NULL REFERENCES org_unit (id) ON DELETE CASCADE,
        document_id uuid NOT NULL REFERENCES document (id) ON DELETE CASCADE,
        frequency text NOT NULL CHECK (frequency IN ('weekly', 'monthly', 'quarterly', 'yearly', 'cron')),
        cron text,
        formats text[] NOT NULL CHECK (formats <@ ARRAY['pdf', 'xlsx']::text[] AND cardinality(formats) > 0),
        enabled boolean NOT NULL DEFAULT true,
        created_by text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        version integer NOT NULL DEFAULT 1,
        CONSTRAINT report_schedule_cron_ck CHECK ((frequency = 'cron') = (cron IS NOT NULL))
      )`);
    await q.query(`
      CREATE TABLE report (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        province_id uuid NOT NULL REFERENCES org_unit (id) ON DELETE CASCADE,
        document_id uuid NOT NULL REFERENCES document (id) ON DELETE CASCADE,
        period text NOT NULL,
        as_of date NOT NULL,
        formats text[] NOT NULL,
        checksum text NOT NULL,
        data jsonb NOT NULL,
        pdf bytea,
        xlsx bytea,
        schedule_id uuid REFERENCES report_schedule (id) ON DELETE SET NULL,
        -- The scheduler's tick that made it: one report per schedule and tick, whatever the number of workers.
        tick timestamptz,
        created_by text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT report_tick_uq UNIQUE (schedule_id, tick),
        CONSTRAINT report_files_ck CHECK (pdf IS NOT NULL OR xlsx IS NOT NULL)
      )`);
    await q.query(`CREATE INDEX report_province_idx ON report (province_id, created_at DESC)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE report`);
    await q.query(`DROP TABLE report_schedule`);
    await q.query(`ALTER TABLE province_setting DROP COLUMN report_heading`);
  }
}
