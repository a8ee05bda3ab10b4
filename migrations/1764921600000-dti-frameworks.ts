import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * DTI frameworks per year and group (pillars, main indices, number of components, weights
 * where published, and a crosswalk from earlier years' parts), main-index figures in the
 * results, pillar figures keyed by the framework's codes instead of their labels, and the
 * DTI figure an indicator is fed from (`rank`, `government.score`, `institutions.rank`…).
 */
export class DtiFrameworks1764921600000 implements MigrationInterface {
  name = 'DtiFrameworks1764921600000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE dti_framework (
        year integer NOT NULL CHECK (year BETWEEN 2000 AND 2100),
        "group" text NOT NULL CHECK ("group" IN ('provinces', 'ministries', 'ministries-no-services')),
        components integer CHECK (components >= 1),
        pillars jsonb NOT NULL DEFAULT '[]',
        indices jsonb NOT NULL DEFAULT '[]',
        crosswalk jsonb NOT NULL DEFAULT '[]',
        source text NOT NULL,
        note text,
        imported_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (year, "group")
      )`);
    await q.query(`ALTER TABLE dti_result ADD COLUMN indices jsonb NOT NULL DEFAULT '{}'`);
    const labels = { 'Chính quyền số': 'government', 'Kinh tế số': 'economy', 'Xã hội số': 'society' };
    for (const [label, code] of Object.entries(labels)) {
      await q.query(
        `UPDATE dti_result SET pillars = (pillars - $1::text) || jsonb_build_object($2::text, pillars -> $1::text) WHERE pillars ? $1`,
        [label, code],
      );
    }
    await q.query(`ALTER TABLE indicator ADD COLUMN dti_figure text CHECK (dti_figure ~ '^([a-z][a-z0-9_]*\\.)?(score|rank)$')`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE indicator DROP COLUMN dti_figure`);
    const labels = { government: 'Chính quyền số', economy: 'Kinh tế số', society: 'Xã hội số' };
    for (const [code, label] of Object.entries(labels)) {
      await q.query(
        `UPDATE dti_result SET pillars = (pillars - $1::text) || jsonb_build_object($2::text, pillars -> $1::text) WHERE pillars ? $1`,
        [code, label],
      );
    }
    await q.query(`ALTER TABLE dti_result DROP COLUMN indices`);
    await q.query(`DROP TABLE dti_framework`);
  }
}
