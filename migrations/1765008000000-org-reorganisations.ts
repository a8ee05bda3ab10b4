import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Reorganisations of org units (merges, splits, renames, a tier dissolved) as dated facts:
 * the reorganisation applied (once, identified by its code and file checksum) and the
 * succession links from the units that ended to those that took over their area. Org
 * units already carry valid_from/valid_to; provinces also get their official statistical
 * code when it is known.
 */
export class OrgReorganisations1765008000000 implements MigrationInterface {
  name = 'OrgReorganisations1765008000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE org_reorganisation (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        code text NOT NULL UNIQUE CHECK (btrim(code) <> ''),
        title text NOT NULL,
        effective date NOT NULL,
        source text NOT NULL,
        checksum text NOT NULL,
        changes jsonb NOT NULL,
        applied_by text NOT NULL,
        applied_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`
      CREATE TABLE org_succession (
        predecessor_id uuid NOT NULL REFERENCES org_unit (id) ON DELETE CASCADE,
        successor_id uuid NOT NULL REFERENCES org_unit (id) ON DELETE CASCADE,
        kind text NOT NULL CHECK (kind IN ('merge', 'rename', 'split', 'dissolve')),
        effective date NOT NULL,
        reorganisation_id uuid NOT NULL REFERENCES org_reorganisation (id) ON DELETE CASCADE,
        PRIMARY KEY (predecessor_id, successor_id),
        CONSTRAINT org_succession_self_ck CHECK (predecessor_id <> successor_id)
      )`);
    await q.query(`CREATE INDEX org_succession_successor_idx ON org_succession (successor_id)`);
    await q.query(`ALTER TABLE org_unit ADD COLUMN official_code text CHECK (official_code ~ '^[0-9]{2,5}$')`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE org_unit DROP COLUMN official_code`);
    await q.query(`DROP TABLE org_succession`);
    await q.query(`DROP TABLE org_reorganisation`);
  }
}
