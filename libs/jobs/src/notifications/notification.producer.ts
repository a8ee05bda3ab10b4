import { DataSource, EntityManager } from 'typeorm';
import { DirectiveRepository, NotificationRepository, type DirectiveRow, type RecordedEvent } from '@dx/db';
import { addDays, todayIn, type NotificationEvent, type NotifiedDirective } from '@dx/domain';
import {
  lockCursor,
  readAudit,
  readOverdueDirectiveIds,
  readProvinces,
  readReminderCandidates,
  readStatusEvents,
  readSubmission,
  saveCursor,
  type AuditSource,
  type StatusSource,
} from './notification-sources.reader';

/** Dates of plans and reminders are Vietnamese calendar dates. */
export const NOTIFICATION_TIME_ZONE = 'Asia/Ho_Chi_Minh';
const CURSOR = 'producer';

export interface ProduceOptions {
  /** Audit rows younger than this are left for the next pass (a transaction may still commit a lower id). */
  graceMs?: number;
  batch?: number;
}

/** One province's reminder pass: the events it recorded (with what each newly wrote). */
export interface ReminderPassResult {
  province: string;
  asOf: string;
  events: RecordedEvent[];
}

export function toNotifiedDirective(d: DirectiveRow): NotifiedDirective {
  const due = d.due === null ? null : typeof d.due === 'string' ? d.due.slice(0, 10) : String(d.due);
  return {
    id: d.id,
    body: d.body,
    targetCode: d.targetCode,
    assigneeId: d.assigneeId,
    assigneeName: d.assigneeName,
    due,
    createdBy: d.createdBy,
    answer: d.answer,
    answeredBy: d.answeredBy,
  };
}

/**
 * The producer (docs/notifications.md): reads what was written since its cursor (the audit log, the status
 * events) and the daily reminders, and records notifications and pending deliveries. Never in a request; every
 * write is idempotent, so a pass run twice, or by two workers, records each notification once.
 */
export class NotificationProducer {
  constructor(
    private readonly dataSource: DataSource,
    private readonly now: () => Date = () => new Date(),
  ) {}

  today(): string {
    return todayIn(NOTIFICATION_TIME_ZONE, this.now());
  }

  /** One step of the cursor: how many source rows it passed (0: nothing new, or another worker holds the cursor). */
  async produceOnce(opts: ProduceOptions = {}): Promise<number> {
    const batch = opts.batch ?? 500;
    return this.dataSource.transaction(async (m) => {
      const cursor = await lockCursor(m, CURSOR);
      if (!cursor) return 0;
      const audit = await readAudit(m, cursor.lastAuditId, batch, opts.graceMs ?? 2000);
      for (const row of audit.rows) {
        const event = await this.auditEvent(m, row);
        if (event) await new NotificationRepository(m).record(event);
      }
      const today = this.today();
      const status = await readStatusEvents(m, cursor.lastStatusEventId, batch, addDays(today, -1));
      await this.recordGoalChanges(m, status, today);
      await saveCursor(m, CURSOR, {
        lastAuditId: audit.next,
        lastStatusEventId: status.at(-1)?.id ?? cursor.lastStatusEventId,
      });
      return audit.rows.length + status.length + (audit.next > cursor.lastAuditId ? 1 : 0);
    });
  }

  /** Runs produceOnce until it passes nothing more. */
  async drain(opts: ProduceOptions = {}): Promise<void> {
    while ((await this.produceOnce(opts)) > 0);
  }

  private async auditEvent(m: EntityManager, row: AuditSource): Promise<NotificationEvent | null> {
    if (!row.entityId || !row.after) return null;
    if (row.entityKind === 'submission') {
      const s = await readSubmission(m, row.entityId);
      if (!s) return null;
      if (row.action === 'task.submit' || row.action === 'observation.submit')
        return { kind: 'submission.waiting', provinceId: s.provinceId, submission: { ...s, status: 'submitted' } };
      const after = row.after as { status?: string; reason?: string | null; decidedBy?: string | null };
      const status = row.action === 'submission.approve' ? 'approved' : 'returned';
      const decided = { ...s, status, reason: after.reason ?? s.reason, decidedBy: after.decidedBy ?? s.decidedBy } as const;
      return { kind: 'submission.decided', provinceId: s.provinceId, submission: decided };
    }
    if (row.entityKind !== 'directive') return null;
    const d = row.after as unknown as DirectiveRow;
    if (d.kind !== 'directive') return null;
    const directive = toNotifiedDirective(d);
    if (row.action === 'directive.create')
      return directive.assigneeId ? { kind: 'directive.assigned', provinceId: d.provinceId, directive } : null;
    if (row.action === 'directive.answer') return { kind: 'directive.answered', provinceId: d.provinceId, directive };
    return null;
  }

  /** A province's goal changes of the day: one notification per person and day, later changes appended. */
  private async recordGoalChanges(m: EntityManager, rows: StatusSource[], today: string): Promise<void> {
    const byProvince = new Map<string, StatusSource[]>();
    for (const r of rows.filter((x) => x.notify)) byProvince.set(r.provinceId, [...(byProvince.get(r.provinceId) ?? []), r]);
    for (const [provinceId, changes] of byProvince) {
      const event: NotificationEvent = {
        kind: 'goal.status_changed',
        provinceId,
        date: today,
        changes: changes.map(({ code, field, from, to }) => ({ code, field, from, to })),
      };
      await new NotificationRepository(m).record(event, { append: true });
    }
  }

  /**
   * The daily reminders for a date (today when not given): tasks due in one of the province's reminder days, tasks
   * overdue (once, then weekly), directives overdue. One province by code, or every province with a plan.
   */
  async runReminders(opts: { province?: string | null; asOf?: string } = {}): Promise<ReminderPassResult[]> {
    const asOf = opts.asOf ?? this.today();
    const provinces = await readProvinces(this.dataSource, opts.province ?? null);
    const results: ReminderPassResult[] = [];
    for (const p of provinces) {
      const events = await this.dataSource.transaction(async (m) => {
        const out: RecordedEvent[] = [];
        const repo = new NotificationRepository(m);
        for (const task of await readReminderCandidates(m, p.id, asOf, p.dueSoonDays)) {
          const { overdue, ...t } = task;
          out.push(await repo.record({ kind: overdue ? 'task.overdue' : 'task.due_soon', provinceId: p.id, task: t, asOf }));
        }
        const directives = new DirectiveRepository(m);
        for (const id of await readOverdueDirectiveIds(m, p.id, asOf)) {
          const d = await directives.findById(id, asOf);
          if (d) out.push(await repo.record({ kind: 'directive.overdue', provinceId: p.id, directive: toNotifiedDirective(d), asOf }));
        }
        return out;
      });
      results.push({ province: p.code, asOf, events });
    }
    return results;
  }
}
