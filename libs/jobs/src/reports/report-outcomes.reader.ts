import { DataSource } from 'typeorm';
import { countTaskOutcomes, countTaskOutcomesBy, TaskOutcomeInput } from '@dx/domain';
import { ReportData } from '@dx/reports';

type Row = TaskOutcomeInput & { group: string; groupName: string; lead: string; leadName: string };

/**
 * The document's tasks under the four outcomes of a government progress report (`taskOutcome`) at
 * the as-of date: for the document, per task group and per lead agency. Each task's status is the
 * one the status pass computed for that date; a done task's completion date is its evidence's date
 * when that is not after the as-of date.
 */
export async function readTaskOutcomes(ds: DataSource, documentId: string, asOf: string): Promise<ReportData['taskOutcomes']> {
  const rows: Row[] = await ds.query(
    `SELECT ts.status, t.due::text AS due, CASE WHEN t.evidence_date <= $2::date THEN t.evidence_date::text END AS completed,
            g.code AS "group", g.name AS "groupName", l.code AS lead, l.name AS "leadName"
       FROM task t JOIN task_status ts ON ts.task_id = t.id AND ts.as_of = $2
       JOIN task_group g ON g.id = t.group_id JOIN org_unit l ON l.id = t.lead_id
      WHERE t.document_id = $1
      ORDER BY g.position, g.code, l.code, t.code`,
    [documentId, asOf],
  );
  const byGroup = countTaskOutcomesBy(rows, asOf, (r) => r.group);
  const byLead = countTaskOutcomesBy(rows, asOf, (r) => r.lead);
  const names = (key: 'group' | 'lead', name: 'groupName' | 'leadName') => new Map(rows.map((r) => [r[key], r[name]]));
  const groupNames = names('group', 'groupName');
  const leadNames = names('lead', 'leadName');
  return {
    total: countTaskOutcomes(rows, asOf),
    byGroup: [...byGroup].map(([code, counts]) => ({ code, name: groupNames.get(code)!, counts })),
    byLead: [...byLead]
      .map(([code, counts]) => ({ code, name: leadNames.get(code)!, counts }))
      .sort((a, b) => a.name.localeCompare(b.name, 'vi') || a.code.localeCompare(b.code)),
  };
}
