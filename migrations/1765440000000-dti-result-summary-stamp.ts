import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Province ids touched by a statement on a table the summary has read since migration
 * 1765267200000 was written, from its transition table `changed`. A DTI-fed indicator's
 * rank in a summary is the DTI table's, out of the whole year's table, so any change to
 * `dti_result` can move every province's rank: it bumps the shared row (the nil id) that
 * every province's summary stamp also reads, as changes to `indicator` do.
 */
export const DTI_SUMMARY_STAMP_SOURCES: Record<string, string> = {
  dti_result: `SELECT '00000000-0000-0000-0000-000000000000'::uuid FROM changed LIMIT 1`,
};

// Spelled out here, not imported: a migration must keep doing what it did when it was applied.
const EVENTS = [
  ['insert', 'INSERT', 'NEW'],
  ['update', 'UPDATE', 'NEW'],
  ['delete', 'DELETE', 'OLD'],
] as const;

/**
 * Summary stamp triggers on `dti_result` (the function `summary_stamp_bump` and the table
 * `summary_stamp` are migration 1765267200000's), so a DTI re-import that changes a
 * province's rank and none of its observations no longer leaves a kept summary (and its
 * ETag) showing the old rank.
 */
export class DtiResultSummaryStamp1765440000000 implements MigrationInterface {
  name = 'DtiResultSummaryStamp1765440000000';

  async up(q: QueryRunner): Promise<void> {
    for (const [table, source] of Object.entries(DTI_SUMMARY_STAMP_SOURCES)) {
      for (const [suffix, event, transition] of EVENTS) {
        await q.query(
          `CREATE TRIGGER ${table}_summary_stamp_${suffix} AFTER ${event} ON ${table} REFERENCING ${transition} TABLE AS changed
             FOR EACH STATEMENT EXECUTE FUNCTION summary_stamp_bump('${source.replace(/'/g, "''")}')`,
        );
      }
    }
    // Summaries kept before this migration may show ranks from an older table: move the shared row once.
    await q.query(
      `INSERT INTO summary_stamp AS s (province_id, version) VALUES ('00000000-0000-0000-0000-000000000000', 1)
       ON CONFLICT (province_id) DO UPDATE SET version = s.version + 1`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of Object.keys(DTI_SUMMARY_STAMP_SOURCES)) {
      for (const [suffix] of EVENTS) await q.query(`DROP TRIGGER ${table}_summary_stamp_${suffix} ON ${table}`);
    }
  }
}
