import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * DTI results per year and group (provinces; ministries and agencies): score and rank as
 * published (or the rank computed from scores), pillar figures where known, matched to a
 * province by code or name when it is one of ours. Kept apart from plan files.
 */
export class CreateDti1764835200000 implements MigrationInterface {
  name = 'CreateDti1764835200000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE dti_result (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        year integer NOT NULL CHECK (year BETWEEN 2000 AND 2100),
        "group" text NOT NULL CHECK ("group" IN ('provinces', 'ministries', 'ministries-no-services')),
        name text NOT NULL CHECK (btrim(name) <> ''),
        name_key text NOT NULL,
        code text,
        org_unit_id uuid REFERENCES org_unit (id) ON DELETE SET NULL,
        score numeric,
        rank integer CHECK (rank >= 1),
        rank_given boolean NOT NULL,
        pillars jsonb NOT NULL DEFAULT '{}',
        source text NOT NULL,
        imported_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT dti_result_uq UNIQUE (year, "group", name_key),
        CONSTRAINT dti_result_figure_ck CHECK (score IS NOT NULL OR rank IS NOT NULL)
      )`);
    await q.query(`CREATE INDEX dti_result_org_idx ON dti_result (org_unit_id, year)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE dti_result`);
  }
}
