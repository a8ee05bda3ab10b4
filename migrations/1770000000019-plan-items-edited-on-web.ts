import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Tasks and goals added, edited and cancelled in the web app (issue 19). `origin` says where a row was first
 * recorded (`import`: a plan file, `web`: an officer in the web app); `web_edited_at` when the web app last
 * changed what a plan file states (title, lead, due date, target), cleared when a plan file states it again;
 * the import's summary lists both. A cancelled task keeps its row with status `cancelled` and the reason; a
 * goal has no stored status, so a cancelled goal is marked by `cancelled_at` and left out of evaluations and
 * rollups.
 */
export class PlanItemsEditedOnWeb1770000000019 implements MigrationInterface {
  name = 'PlanItemsEditedOnWeb1770000000019';

  async up(q: QueryRunner): Promise<void> {
    for (const table of ['task', 'goal']) {
      await q.query(
        `ALTER TABLE ${table}
           ADD COLUMN origin text NOT NULL DEFAULT 'import' CONSTRAINT ${table}_origin_ck CHECK (origin IN ('import', 'web')),
           ADD COLUMN web_edited_at timestamptz,
           ADD COLUMN cancel_reason text`,
      );
    }
    await q.query(`ALTER TABLE goal ADD COLUMN cancelled_at timestamptz`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE goal DROP COLUMN cancelled_at`);
    for (const table of ['task', 'goal']) {
      await q.query(`ALTER TABLE ${table} DROP COLUMN origin, DROP COLUMN web_edited_at, DROP COLUMN cancel_reason`);
    }
  }
}
