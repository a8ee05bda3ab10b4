import { DataSource, EntityManager } from 'typeorm';
import { daysBetween, isTaskOpen, taskOverdueSql, type ReminderAgency, type TaskStatus } from '@dx/domain';

export interface ReminderTaskRead {
  province: { id: string; code: string; name: string };
  /** The province's configured report heading (null: none). */
  heading: Record<string, unknown> | null;
  asOf: string;
  dueWithinDays: number;
  /** The lead agencies with at least one overdue or due-soon task, by code; their tasks by due date. */
  agencies: ReminderAgency[];
}

interface Row {
  lead_code: string;
  lead_name: string;
  code: string;
  title: string;
  document: string;
  due: string;
  status: TaskStatus;
  overdue: boolean;
}

/**
 * The tasks a reminder dispatch urges, per lead agency, for a province at `asOf`: those overdue by the one
 * task-overdue rule (`taskOverdueSql`, the rule of `isTaskOverdue`), and the open ones due from `asOf` to
 * `dueWithinDays` days after it. Null when the province does not exist.
 */
export async function readReminderTasks(
  db: DataSource | EntityManager,
  provinceCode: string,
  asOf: string,
  dueWithinDays: number,
): Promise<ReminderTaskRead | null> {
  const [province] = (await db.query(
    `SELECT p.id, p.code, p.name, s.report_heading AS heading
       FROM org_unit p LEFT JOIN province_setting s ON s.province_id = p.id WHERE p.code = $1 AND p.kind = 'province'`,
    [provinceCode],
  )) as { id: string; code: string; name: string; heading: Record<string, unknown> | null }[];
  if (!province) return null;
  const rows = (await db.query(
    `SELECT l.code AS lead_code, l.name AS lead_name, t.code, t.title, d.code AS document, t.due::text AS due, t.status,
            ${taskOverdueSql('$2')} AS overdue
       FROM task t JOIN document d ON d.id = t.document_id JOIN org_unit l ON l.id = t.lead_id
      WHERE d.province_id = $1 AND t.due IS NOT NULL AND t.due <= $2::date + $3::int
      ORDER BY l.code, t.due, t.code`,
    [province.id, asOf, dueWithinDays],
  )) as Row[];
  const agencies = new Map<string, ReminderAgency>();
  for (const r of rows) {
    if (!isTaskOpen(r.status)) continue;
    const agency = agencies.get(r.lead_code) ?? { code: r.lead_code, name: r.lead_name, overdue: [], dueSoon: [] };
    const task = { code: r.code, title: r.title, document: r.document, due: r.due };
    if (r.overdue) agency.overdue.push({ ...task, daysLate: daysBetween(r.due, asOf), daysLeft: null });
    else agency.dueSoon.push({ ...task, daysLate: null, daysLeft: daysBetween(asOf, r.due) });
    agencies.set(r.lead_code, agency);
  }
  const { heading, ...rest } = province;
  return { province: rest, heading: heading ?? null, asOf, dueWithinDays, agencies: [...agencies.values()] };
}
