import {
  channelsFor,
  daysLateText,
  defaultPreference,
  deliveryIdempotencyKey,
  dueInText,
  effectivePreferences,
  eventKey,
  linkFor,
  NOTIFICATION_KINDS,
  NOTIFICATION_KIND_LABELS_VI,
  notificationText,
  recipientsFor,
  retryDelayMs,
  type NotificationEvent,
  type NotifiedTask,
} from '@dx/domain';

const task: NotifiedTask = {
  id: 't1',
  code: 'NV-01',
  title: 'Xây dựng kho dữ liệu',
  due: '2026-03-01',
  leadId: 'lead',
  leadName: 'Sở Y tế',
};
const overdue = (asOf: string): NotificationEvent => ({ kind: 'task.overdue', provinceId: 'p', task, asOf });

describe('notification rules', () => {
  it('names every kind in Vietnamese and defaults to both channels, goal changes as a daily digest', () => {
    for (const kind of NOTIFICATION_KINDS) expect(NOTIFICATION_KIND_LABELS_VI[kind]).toMatch(/\S/);
    expect(defaultPreference('task.overdue')).toEqual({ kind: 'task.overdue', mode: 'both', digest: false });
    expect(defaultPreference('goal.status_changed').digest).toBe(true);
    const prefs = effectivePreferences([{ kind: 'task.overdue', mode: 'in_app', digest: false }]);
    expect(prefs).toHaveLength(NOTIFICATION_KINDS.length);
    expect(prefs.find((p) => p.kind === 'task.overdue')!.mode).toBe('in_app');
  });

  it('sends an email only to an address, not in in-app mode nor as a digest', () => {
    expect(channelsFor({ kind: 'task.overdue', mode: 'both', digest: false }, true)).toEqual({ inApp: true, email: true });
    expect(channelsFor({ kind: 'task.overdue', mode: 'both', digest: false }, false)).toEqual({ inApp: true, email: false });
    expect(channelsFor({ kind: 'task.overdue', mode: 'email', digest: false }, true)).toEqual({ inApp: false, email: true });
    expect(channelsFor({ kind: 'task.overdue', mode: 'in_app', digest: false }, true)).toEqual({ inApp: true, email: false });
    expect(channelsFor({ kind: 'task.overdue', mode: 'both', digest: true }, true)).toEqual({ inApp: true, email: false });
    // Email only, as a digest: the day's notifications are kept in the app, where the digest mail is made from.
    expect(channelsFor({ kind: 'task.overdue', mode: 'email', digest: true }, true)).toEqual({ inApp: true, email: false });
    // The digest gathers the day's in-app rows, so email-only with a digest keeps them.
    expect(channelsFor({ kind: 'task.overdue', mode: 'email', digest: true }, true)).toEqual({ inApp: true, email: false });
  });

  it('keys an overdue task once, then once a week while it stays late', () => {
    expect(eventKey(overdue('2026-03-02'))).toBe('task.overdue:t1:2026-03-01:w0');
    expect(eventKey(overdue('2026-03-08'))).toBe('task.overdue:t1:2026-03-01:w0');
    expect(eventKey(overdue('2026-03-09'))).toBe('task.overdue:t1:2026-03-01:w1');
    expect(eventKey(overdue('2026-03-16'))).toBe('task.overdue:t1:2026-03-01:w2');
    expect(eventKey({ kind: 'task.due_soon', provinceId: 'p', task, asOf: '2026-02-22' })).toBe('task.due_soon:t1:2026-03-01:7');
    expect(deliveryIdempotencyKey('k', 'A@B.vn', 'email')).toBe('k|a@b.vn|email');
  });

  it('sends task reminders to the lead agency reporters and the officers, decisions to the reporter', () => {
    expect(recipientsFor(overdue('2026-03-02'))).toEqual([{ reportersOf: 'lead' }, { role: 'officer', provinceId: 'p' }]);
    const submission = {
      id: 's',
      subject: 'nhiệm vụ NV-01',
      submittedById: 'u',
      submittedBy: 'bcv',
      status: 'returned' as const,
      decidedBy: 'cb',
      reason: 'Thiếu minh chứng',
    };
    expect(recipientsFor({ kind: 'submission.waiting', provinceId: 'p', submission })).toEqual([{ role: 'officer', provinceId: 'p' }]);
    expect(recipientsFor({ kind: 'submission.decided', provinceId: 'p', submission })).toEqual([{ accountId: 'u' }]);
    const text = notificationText({ kind: 'submission.decided', provinceId: 'p', submission });
    expect(text.body.vi).toContain('Lý do: Thiếu minh chứng');
    const directive = {
      id: 'd',
      body: 'Đẩy nhanh',
      targetCode: 'NV-01',
      assigneeId: 'a',
      assigneeName: 'Sở Y tế',
      due: '2026-03-01',
      createdBy: 'ld',
      answer: null,
      answeredBy: null,
    };
    expect(recipientsFor({ kind: 'directive.overdue', provinceId: 'p', directive, asOf: '2026-03-03' })).toEqual([
      { reportersOf: 'a' },
      { username: 'ld' },
    ]);
    expect(recipientsFor({ kind: 'goal.status_changed', provinceId: 'p', date: '2026-03-03', changes: [] })).toEqual([
      { role: 'leader', provinceId: 'p' },
      { role: 'officer', provinceId: 'p' },
    ]);
    expect(linkFor(overdue('2026-03-02'))).toBe('#/cong-viec?task=t1');
  });

  it('words days late and due dates in Vietnamese (NFC)', () => {
    const text = notificationText(overdue('2026-03-04'));
    expect(text.title.vi).toBe('Nhiệm vụ quá hạn: NV-01 quá hạn 3 ngày');
    expect(text.body.vi).toBe(
      'Nhiệm vụ NV-01 "Xây dựng kho dữ liệu" do Sở Y tế chủ trì, hạn 01/03/2026, quá hạn 3 ngày (tính đến ngày 04/03/2026).',
    );
    expect(text.body.vi).toBe(text.body.vi.normalize('NFC'));
    expect(daysLateText('2026-03-01', '2026-03-02').en).toBe('1 day late');
    expect(dueInText('2026-03-08', '2026-03-01').vi).toBe('còn 7 ngày đến hạn');
    expect(dueInText('2026-03-02', '2026-03-01').vi).toBe('đến hạn ngày mai');
    expect(dueInText('2026-03-01', '2026-03-01').vi).toBe('đến hạn hôm nay');
  });

  it('backs off four times longer after each failure, capped at six hours', () => {
    expect(retryDelayMs(1)).toBe(60_000);
    expect(retryDelayMs(2)).toBe(240_000);
    expect(retryDelayMs(10)).toBe(6 * 3600_000);
    expect(retryDelayMs(3, 10)).toBe(160);
  });
});
