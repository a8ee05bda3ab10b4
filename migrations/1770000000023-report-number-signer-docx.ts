import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A report's own number ("125/BC-SKHCN") and signer (name and title), chosen when it is ordered
 * and printed in its heading and signature block; and the DOCX file beside the PDF and XLSX,
 * for reports and for the formats a schedule makes.
 */
export class ReportNumberSignerDocx1770000000023 implements MigrationInterface {
  name = 'ReportNumberSignerDocx1770000000023';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `ALTER TABLE report ADD COLUMN number text, ADD COLUMN signer_name text, ADD COLUMN signer_title text, ADD COLUMN docx bytea`,
    );
    await q.query(`ALTER TABLE report DROP CONSTRAINT report_files_ck`);
    await q.query(`ALTER TABLE report ADD CONSTRAINT report_files_ck CHECK (pdf IS NOT NULL OR xlsx IS NOT NULL OR docx IS NOT NULL)`);
    await q.query(`ALTER TABLE report_schedule DROP CONSTRAINT report_schedule_formats_check`);
    await q.query(
      `ALTER TABLE report_schedule ADD CONSTRAINT report_schedule_formats_check
         CHECK (formats <@ ARRAY['pdf', 'xlsx', 'docx']::text[] AND cardinality(formats) > 0)`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`UPDATE report_schedule SET formats = array_remove(formats, 'docx')`);
    await q.query(`DELETE FROM report_schedule WHERE cardinality(formats) = 0`);
    await q.query(`ALTER TABLE report_schedule DROP CONSTRAINT report_schedule_formats_check`);
    await q.query(
      `ALTER TABLE report_schedule ADD CONSTRAINT report_schedule_formats_check
         CHECK (formats <@ ARRAY['pdf', 'xlsx']::text[] AND cardinality(formats) > 0)`,
    );
    await q.query(`DELETE FROM report WHERE pdf IS NULL AND xlsx IS NULL`);
    await q.query(`ALTER TABLE report DROP CONSTRAINT report_files_ck`);
    await q.query(`ALTER TABLE report ADD CONSTRAINT report_files_ck CHECK (pdf IS NOT NULL OR xlsx IS NOT NULL)`);
    await q.query(`ALTER TABLE report DROP COLUMN docx, DROP COLUMN signer_title, DROP COLUMN signer_name, DROP COLUMN number`);
  }
}
