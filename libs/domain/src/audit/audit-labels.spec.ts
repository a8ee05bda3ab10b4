import { auditActionLabel, auditChangeText, auditEvidenceText, viDecimalText, viMoment } from './audit-labels';

describe('audit log in Vietnamese', () => {
  it('words every action the code records, and shows an unknown one as recorded', () => {
    expect(auditActionLabel('task.update')).toBe('Cập nhật nhiệm vụ');
    expect(auditActionLabel('observation.delete')).toBe('Xóa số liệu');
    expect(auditActionLabel('something.new')).toBe('something.new');
  });

  it('summarises a change field by field, with the evidence (số văn bản, ngày, cơ quan ban hành)', () => {
    const before = { status: 'in_progress', progress: 40, evidence: null, version: 1 };
    const after = {
      status: 'done',
      progress: 100,
      version: 2,
      evidence: { number: '12/BC-STTTT', date: '2023-10-20', issuer: 'Sở Thông tin và Truyền thông' },
    };
    expect(auditChangeText(before, after, { in_progress: 'đang thực hiện', done: 'hoàn thành' })).toBe(
      'trạng thái: đang thực hiện → hoàn thành; tiến độ: 40 → 100; Số văn bản 12/BC-STTTT, ngày 20/10/2023, cơ quan ban hành Sở Thông tin và Truyền thông',
    );
    expect(auditEvidenceText({ evidenceNumber: '5/QĐ', evidenceDate: null })).toBe('Số văn bản 5/QĐ');
    expect(auditEvidenceText({ evidence: null })).toBeNull();
  });

  it('writes figures as Vietnamese does, exactly, and a removal as such', () => {
    expect(auditChangeText({ value: '1034.5' }, { value: '1200' })).toBe('giá trị: 1.034,5 → 1.200');
    expect(auditChangeText({ value: '62.5' }, null)).toBe('đã xóa');
    expect(viDecimalText('-1234567.125')).toBe('-1.234.567,125');
    expect(viDecimalText('abc')).toBe('abc');
  });

  it("gives a moment in Việt Nam's time as 15:28 ngày 02/12/2026", () => {
    expect(viMoment('2026-12-02T08:28:00Z')).toBe('15:28 ngày 02/12/2026');
    expect(viMoment(new Date('2026-01-10T17:30:00Z'))).toBe('00:30 ngày 11/01/2026');
  });
});
