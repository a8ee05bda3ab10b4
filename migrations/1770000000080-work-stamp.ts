import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Province ids touched by a statement, from its transition table `changed`: one query per table that a province's
 * task list and the live part of its dashboard read (tasks with their groups, documents, agencies and supporting
 * agencies; directives with the codes of what they are about).
 */
export const WORK_STAMP_SOURCES: Record<string, string> = {
  task: `SELECT d.province_id FROM changed c JOIN document d ON d.id = c.document_id`,
  task_support: `SELECT d.province_id FROM changed c JOIN task t ON t.id = c.task_id JOIN document d ON d.id = t.document_id`,
  task_group: `SELECT d.province_id FROM changed c JOIN document d ON d.id = c.document_id`,
  goal: `SELECT d.province_id FROM changed c JOIN document d ON d.id = c.document_id`,
  goal_group: `SELECT d.province_id FROM changed c JOIN document d ON d.id = c.document_id`,
  document: `SELECT province_id FROM changed`,
  org_unit: `SELECT province_id FROM changed`,
  directive: `SELECT province_id FROM changed`,
};

/**
 * Tables the dashboard reads besides the summary and WORK_STAMP_SOURCES: the task states the status pass stores per
 * date (`task_status`), which a dashboard of an earlier date lists by lead agency. They move the summary stamp (a
 * dashboard is kept under both stamps): the pass that writes them holds its provinces' summary stamps until it
 * commits anyway, and a work stamp held that long would make task updates wait for the pass.
 */
export const DASHBOARD_SUMMARY_STAMP_SOURCES: Record<string, string> = {
  task_status: `SELECT d.province_id FROM changed c JOIN task t ON t.id = c.task_id JOIN document d ON d.id = t.document_id`,
};

// Spelled out here, not imported: a migration must keep doing what it did when it was applied.
const EVENTS = [
  ['insert', 'INSERT', 'NEW'],
  ['update', 'UPDATE', 'NEW'],
  ['delete', 'DELETE', 'OLD'],
] as const;

/**
 * A second version stamp per province, `work_stamp`, that moves in the same transaction as every change to what its
 * task list and its dashboard's live part read (WORK_STAMP_SOURCES), as `summary_stamp` (migration 1765267200000)
 * does for its summary. Apart from it so that task and directive writes, the frequent ones, leave kept summaries
 * valid. The API keeps those answers serialised and serves one again while the stamp row it was read with is
 * unchanged (version and xmin). Derived state: not in backups. Also summary stamp triggers on the task states a
 * dashboard of an earlier date shows (DASHBOARD_SUMMARY_STAMP_SOURCES).
 *
 * Moved at commit, not at the write: statement-level triggers with transition tables note the provinces a statement
 * touched in `work_stamp_due` (rows that live only inside their transaction), and a deferred constraint trigger on it
 * moves their stamps (in province order) as the transaction commits, deleting the notes. The stamp row is locked from
 * then until the commit ends, so a long transaction writing tasks (a plan import, a write left open) never makes
 * other task updates of the province wait for it, as a stamp moved at the write would; readers still see the stamp
 * and the data change together. The summary stamp's triggers on the tables both read (goal, goal_group, document,
 * org_unit) lock at the write; the status pass, which holds summary stamps until it commits, takes no work stamp.
 */
export class WorkStamp1770000000080 implements MigrationInterface {
  name = 'WorkStamp1770000000080';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE work_stamp (province_id uuid PRIMARY KEY, version bigint NOT NULL)`);
    await q.query(`CREATE TABLE work_stamp_due (province_id uuid NOT NULL)`);
    await q.query(`
      CREATE FUNCTION work_stamp_flush() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        -- The first firing at commit moves every noted province (this transaction's notes are the only ones it sees:
        -- others' are uncommitted, and gone when they commit); later firings find nothing left.
        WITH due AS (DELETE FROM work_stamp_due RETURNING province_id)
        INSERT INTO work_stamp AS s (province_id, version)
          SELECT DISTINCT province_id, 1 FROM due ORDER BY 1
        ON CONFLICT (province_id) DO UPDATE SET version = s.version + 1;
        RETURN NULL;
      END $$`);
    await q.query(
      `CREATE CONSTRAINT TRIGGER work_stamp_due_flush AFTER INSERT ON work_stamp_due DEFERRABLE INITIALLY DEFERRED
         FOR EACH ROW EXECUTE FUNCTION work_stamp_flush()`,
    );
    for (const [table, source] of Object.entries(WORK_STAMP_SOURCES)) await createStampTriggers(q, table, 'work_stamp', source);
    // The summary stamp's table is migration 1765267200000's.
    for (const [table, source] of Object.entries(DASHBOARD_SUMMARY_STAMP_SOURCES))
      await createStampTriggers(q, table, 'summary_stamp', source);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of Object.keys(DASHBOARD_SUMMARY_STAMP_SOURCES)) await dropStampTriggers(q, table, 'summary_stamp');
    for (const table of Object.keys(WORK_STAMP_SOURCES)) await dropStampTriggers(q, table, 'work_stamp');
    await q.query(`DROP TABLE work_stamp_due`);
    await q.query(`DROP FUNCTION work_stamp_flush()`);
    await q.query(`DROP TABLE work_stamp`);
  }
}

/**
 * The triggers moving `stamp` for the provinces a statement on `table` touched (the work stamp: noting them, to be
 * moved at commit), and their function: one per table,
 * with its query written out, so PostgreSQL plans it once per connection. (Migration 1765267200000's shared function
 * builds it with EXECUTE, planned at every statement: on a task update, the frequent write, that trigger cost about
 * 0.5 ms against 0.13 ms written out, measured on one connection.)
 */
async function createStampTriggers(q: QueryRunner, table: string, stamp: string, source: string): Promise<void> {
  const write =
    stamp === 'work_stamp'
      ? `INSERT INTO work_stamp_due (province_id) SELECT DISTINCT p FROM (${source}) AS x (p) WHERE p IS NOT NULL`
      : `INSERT INTO ${stamp} AS s (province_id, version)
           SELECT DISTINCT p, 1 FROM (${source}) AS x (p) WHERE p IS NOT NULL ORDER BY 1
         ON CONFLICT (province_id) DO UPDATE SET version = s.version + 1`;
  await q.query(`
    CREATE FUNCTION ${table}_${stamp}_bump() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      ${write};
      RETURN NULL;
    END $$`);
  for (const [suffix, event, transition] of EVENTS) {
    await q.query(
      `CREATE TRIGGER ${table}_${stamp}_${suffix} AFTER ${event} ON ${table} REFERENCING ${transition} TABLE AS changed
         FOR EACH STATEMENT EXECUTE FUNCTION ${table}_${stamp}_bump()`,
    );
  }
}

async function dropStampTriggers(q: QueryRunner, table: string, stamp: string): Promise<void> {
  for (const [suffix] of EVENTS) await q.query(`DROP TRIGGER ${table}_${stamp}_${suffix} ON ${table}`);
  await q.query(`DROP FUNCTION ${table}_${stamp}_bump()`);
}
