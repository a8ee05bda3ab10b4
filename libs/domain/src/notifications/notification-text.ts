import { daysBetween } from '../iso-date';
import type { Localised } from '../messages/localised';
import { msg, viDay } from '../messages/msg';
import { GOAL_STATUS_LABELS_VI } from '../status/reconciliation';
import { VERDICT_LABELS_VI } from '../vi-format';
import { daysLate, type GoalChange, type NotificationEvent } from './notification-events';

/** A notification's title and body, in Vietnamese and English. */
export interface NotificationText {
  title: Localised;
  body: Localised;
}

/** "quá hạn 3 ngày" / "3 days late". */
export function daysLateText(due: string, asOf: string): Localised {
  const n = daysLate(due, asOf);
  return msg(`quá hạn ${n} ngày`, n === 1 ? '1 day late' : `${n} days late`);
}

/** "còn 7 ngày đến hạn", "đến hạn ngày mai", "đến hạn hôm nay". */
export function dueInText(due: string, asOf: string): Localised {
  const n = daysBetween(asOf, due);
  if (n <= 0) return msg('đến hạn hôm nay', 'due today');
  if (n === 1) return msg('đến hạn ngày mai', 'due tomorrow');
  return msg(`còn ${n} ngày đến hạn`, `due in ${n} days`);
}

const clip = (text: string, max = 200) => (text.length > max ? `${text.slice(0, max - 1)}…` : text);

function goalChangeLine(c: GoalChange): Localised {
  if (c.field === 'verdict') {
    const to = c.to ? (VERDICT_LABELS_VI[c.to] ?? c.to) : '—';
    // A claim's scope is a group code, or `document` for the whole document.
    const [vi, en] = c.code === 'document' ? ['toàn văn bản', 'the whole document'] : [c.code, c.code];
    return msg(`Báo cáo về ${vi}: ${to}`, `claim on ${en}: ${c.to ?? '—'}`);
  }
  const label = (s: string | null) => (s ? (GOAL_STATUS_LABELS_VI[s as keyof typeof GOAL_STATUS_LABELS_VI] ?? s) : 'chưa tính');
  return msg(`Mục tiêu ${c.code}: ${label(c.from)} → ${label(c.to)}`, `goal ${c.code}: ${c.from ?? '—'} → ${c.to ?? '—'}`);
}

/** The lines of a goal digest, one per change. */
export function goalChangeLines(changes: readonly GoalChange[]): Localised[] {
  return changes.map(goalChangeLine);
}

function taskText(e: Extract<NotificationEvent, { kind: 'task.due_soon' | 'task.overdue' }>): NotificationText {
  const t = e.task;
  const when = e.kind === 'task.overdue' ? daysLateText(t.due, e.asOf) : dueInText(t.due, e.asOf);
  const head = e.kind === 'task.overdue' ? msg('Nhiệm vụ quá hạn', 'Task overdue') : msg('Nhiệm vụ sắp đến hạn', 'Task due soon');
  return {
    title: msg(`${head.vi}: ${t.code} ${when.vi}`, `${head.en}: ${t.code} ${when.en}`),
    body: msg(
      `Nhiệm vụ ${t.code} "${t.title}" do ${t.leadName} chủ trì, hạn ${viDay(t.due)}, ${when.vi} (tính đến ngày ${viDay(e.asOf)}).`,
      `Task ${t.code} "${t.title}" led by ${t.leadName}, due ${t.due}, is ${when.en} (as of ${e.asOf}).`,
    ),
  };
}

function submissionText(e: Extract<NotificationEvent, { kind: 'submission.waiting' | 'submission.decided' }>): NotificationText {
  const s = e.submission;
  if (e.kind === 'submission.waiting')
    return {
      title: msg(`Cập nhật chờ duyệt: ${s.subject}`, `Update waiting for approval: ${s.subject}`),
      body: msg(
        `${s.submittedBy} đã gửi cập nhật ${s.subject}, đang chờ duyệt.`,
        `${s.submittedBy} sent an update of ${s.subject} for approval.`,
      ),
    };
  if (s.status === 'approved')
    return {
      title: msg(`Cập nhật đã được duyệt: ${s.subject}`, `Update approved: ${s.subject}`),
      body: msg(
        `Cập nhật ${s.subject} của bạn đã được ${s.decidedBy ?? ''} duyệt.`,
        `Your update of ${s.subject} was approved by ${s.decidedBy ?? ''}.`,
      ),
    };
  return {
    title: msg(`Cập nhật bị trả lại: ${s.subject}`, `Update returned: ${s.subject}`),
    body: msg(
      `Cập nhật ${s.subject} của bạn đã bị ${s.decidedBy ?? ''} trả lại. Lý do: ${s.reason ?? ''}`,
      `Your update of ${s.subject} was returned by ${s.decidedBy ?? ''}. Reason: ${s.reason ?? ''}`,
    ),
  };
}

function directiveText(e: Extract<NotificationEvent, { kind: `directive.${string}` }>): NotificationText {
  const d = e.directive;
  const on = d.targetCode ? msg(` về ${d.targetCode}`, ` on ${d.targetCode}`) : msg('', '');
  const due = d.due ? msg(`, hạn ${viDay(d.due)}`, `, due ${d.due}`) : msg('', '');
  if (e.kind === 'directive.assigned')
    return {
      title: msg(`Ý kiến chỉ đạo mới${on.vi}`, `New directive${on.en}`),
      body: msg(
        `${d.createdBy} giao cho ${d.assigneeName ?? ''}${due.vi}: ${clip(d.body)}`,
        `${d.createdBy} to ${d.assigneeName ?? ''}${due.en}: ${clip(d.body)}`,
      ),
    };
  if (e.kind === 'directive.answered')
    return {
      title: msg(`Ý kiến chỉ đạo đã được trả lời${on.vi}`, `Directive answered${on.en}`),
      body: msg(`${d.answeredBy ?? ''} trả lời: ${clip(d.answer ?? '')}`, `${d.answeredBy ?? ''} answered: ${clip(d.answer ?? '')}`),
    };
  const late = d.due ? daysLateText(d.due, e.asOf) : msg('quá hạn', 'overdue');
  return {
    title: msg(`Ý kiến chỉ đạo quá hạn${on.vi}`, `Directive overdue${on.en}`),
    body: msg(
      `Ý kiến chỉ đạo giao cho ${d.assigneeName ?? ''}${due.vi} chưa được trả lời, ${late.vi}: ${clip(d.body)}`,
      `The directive to ${d.assigneeName ?? ''}${due.en} is unanswered, ${late.en}: ${clip(d.body)}`,
    ),
  };
}

/** A notification's title and body (what the inbox shows, the email's subject and text, the webhook's fields). */
export function notificationText(e: NotificationEvent): NotificationText {
  switch (e.kind) {
    case 'task.due_soon':
    case 'task.overdue':
      return taskText(e);
    case 'submission.waiting':
    case 'submission.decided':
      return submissionText(e);
    case 'directive.assigned':
    case 'directive.answered':
    case 'directive.overdue':
      return directiveText(e);
    case 'goal.status_changed': {
      const lines = goalChangeLines(e.changes);
      return {
        title: msg(`Tình trạng mục tiêu thay đổi ngày ${viDay(e.date)}`, `Goal statuses changed on ${e.date}`),
        body: msg(lines.map((l) => l.vi).join('\n'), lines.map((l) => l.en).join('\n')),
      };
    }
    case 'report.made':
      return {
        title: msg(`Báo cáo định kỳ: ${e.report.title}`, `Scheduled report: ${e.report.title}`),
        body: msg(`Báo cáo "${e.report.title}" đã được lập.`, `The report "${e.report.title}" was made.`),
      };
  }
}
