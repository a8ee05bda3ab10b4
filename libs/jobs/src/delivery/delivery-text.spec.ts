import { absoluteLink, mailContent, messageIdOf, textToHtml } from './email.channel';
import { periodInWords, reportMail } from './report-mail.text';
import { digestMail } from './digest-mailer';

describe('delivery texts', () => {
  it('names periods in Vietnamese', () => {
    expect(['2024-Q3', '2024-05', '2024', '2024-H1', '2024-H2', '2024-05-07'].map(periodInWords)).toEqual([
      'Quý 3/2024',
      'Tháng 5/2024',
      'Năm 2024',
      '6 tháng đầu năm 2024',
      '6 tháng cuối năm 2024',
      'Ngày 07/05/2024',
    ]);
  });

  it('escapes what people wrote when making the HTML body, and links addresses', () => {
    const html = textToHtml('Nhiệm vụ "<script>alert(1)</script>" & khác\n\nXem: https://cds.tinh.gov.vn/#/cong-viec?task=1');
    expect(html).not.toContain('<script>');
    expect(html).toContain('&quot;&lt;script&gt;alert(1)&lt;/script&gt;&quot; &amp; khác');
    expect(html).toContain('<a href="https://cds.tinh.gov.vn/#/cong-viec?task=1">');
    expect(html).toContain('<html lang="vi">');
  });

  it('makes a mail of an event (title as subject, body and absolute link), in NFC', () => {
    const nfd = 'Nhiệm vụ quá hạn'.normalize('NFD');
    const c = mailContent(
      { event: { title: nfd, body: `${nfd}.`, link: '#/cong-viec?task=1' } as Record<string, unknown> },
      'https://cds.tinh.gov.vn',
    );
    expect(c.subject).toBe('Nhiệm vụ quá hạn'.normalize('NFC'));
    expect(c.text).toBe('Nhiệm vụ quá hạn.\n\nXem chi tiết: https://cds.tinh.gov.vn/#/cong-viec?task=1');
    expect(absoluteLink('#/x', null)).toBe('#/x');
    expect(messageIdOf('a|b|email')).toBe(messageIdOf('a|b|email'));
    expect(messageIdOf('a|b|email')).not.toBe(messageIdOf('a|c|email'));
  });

  it('writes the report and digest mails in Vietnamese', () => {
    const m = reportMail({
      provinceName: 'Tỉnh Quảng Ninh',
      documentCode: '37/KH-UBND',
      documentTitle: 'Kế hoạch chuyển đổi số năm 2024',
      period: '2024-Q3',
      asOf: '2024-09-30',
      number: '125/BC-SKHCN',
      attached: ['a.pdf'],
      linked: [{ filename: 'a.xlsx', bytes: 12.5 * 1024 * 1024 }],
      link: 'https://cds/#/bao-cao?report=1',
    });
    expect(m.subject).toBe('Báo cáo định kỳ Quý 3/2024: Kế hoạch chuyển đổi số năm 2024 (Tỉnh Quảng Ninh)');
    expect(m.text).toContain('gửi báo cáo định kỳ quý 3/2024 về việc thực hiện 37/KH-UBND');
    expect(m.text).toContain('số 125/BC-SKHCN, số liệu tính đến ngày 30/09/2024.');
    expect(m.text).toContain('a.xlsx (12,5 MB)');
    const d = digestMail('Nguyễn Văn A', '2026-03-01', [{ title: 'Một', body: 'Một', link: null }]);
    expect(d.subject).toBe('Tóm tắt thông báo ngày 01/03/2026: 1 thông báo');
    expect(d.text).toContain('1. Một');
  });
});
