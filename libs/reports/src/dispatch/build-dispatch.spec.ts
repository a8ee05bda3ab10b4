import { execFileSync } from 'child_process';
import { mkdtempSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { buildReminderDispatches } from './build-dispatch-pdf';
import type { ReminderTasks } from './dispatch.types';

const TASKS: ReminderTasks = {
  province: { code: 'MAU', name: 'Mẫu' },
  heading: null,
  asOf: '2026-03-10',
  dueWithinDays: 7,
  agencies: [
    {
      code: 'SNV',
      name: 'Sở Nội vụ',
      overdue: [
        {
          code: 'NV-1.2',
          title: 'Số hóa hồ sơ công chức, viên chức',
          document: '12/KH-UBND',
          due: '2026-02-28',
          daysLate: 10,
          daysLeft: null,
        },
      ],
      dueSoon: [{ code: 'NV-2.1', title: 'Triển khai chữ ký số', document: '12/KH-UBND', due: '2026-03-12', daysLate: null, daysLeft: 2 }],
    },
    {
      code: 'SYT',
      name: 'Sở Y tế',
      overdue: [
        {
          code: 'YT-3',
          title: 'Bệnh án điện tử tại bệnh viện tỉnh',
          document: '45/KH-UBND',
          due: '2025-12-31',
          daysLate: 69,
          daysLeft: null,
        },
      ],
      dueSoon: [],
    },
  ],
};

function pdfFile(bytes: Buffer): string {
  const file = join(mkdtempSync(join(tmpdir(), 'dx-dispatch-')), 'dispatch.pdf');
  writeFileSync(file, bytes);
  return file;
}

/** The PDF's text, runs of whitespace collapsed (lines wrap where the page does). */
const pdfText = (bytes: Buffer): string =>
  execFileSync('pdftotext', [pdfFile(bytes), '-'], { encoding: 'utf8' })
    .normalize('NFC')
    .replace(/\s+/g, ' ');

/** A table row as the page lays it out (`pdftotext -layout`): the line with the task's code, whitespace collapsed. */
const rowOf = (bytes: Buffer, code: string): string =>
  execFileSync('pdftotext', ['-layout', pdfFile(bytes), '-'], { encoding: 'utf8' })
    .normalize('NFC')
    .split('\n')
    .find((line) => line.includes(` ${code} `))
    ?.replace(/\s+/g, ' ')
    .trim() ?? '';

describe('reminder dispatch (công văn đôn đốc)', () => {
  it('one per agency: the heading, number, subject, Kính gửi, its late and soon-due tasks with days, Nơi nhận and signer', async () => {
    const files = await buildReminderDispatches(TASKS, {
      mode: 'per-agency',
      number: '125/SKHCN-CĐS',
      signerTitle: 'KT. GIÁM ĐỐC\nPHÓ GIÁM ĐỐC',
      signerName: 'Nguyễn Văn An',
    });
    expect(files.map((f) => [f.name, f.agency])).toEqual([
      ['cong-van-don-doc-MAU-SNV-2026-03-10.pdf', 'SNV'],
      ['cong-van-don-doc-MAU-SYT-2026-03-10.pdf', 'SYT'],
    ]);
    const text = pdfText(files[0].bytes);
    for (const line of [
      'ỦY BAN NHÂN DÂN TỈNH MẪU',
      'SỞ KHOA HỌC VÀ CÔNG NGHỆ',
      'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM',
      'Độc lập - Tự do - Hạnh phúc',
      'Số: 125/SKHCN-CĐS',
      'V/v đôn đốc thực hiện nhiệm vụ chuyển đổi số',
      'Mẫu, ngày 10 tháng 3 năm 2026',
      'Kính gửi: Sở Nội vụ.',
      'tính đến ngày 10/03/2026, Sở Nội vụ còn 1 nhiệm vụ đã quá hạn và 1 nhiệm vụ sắp đến hạn (trong 7 ngày tới)',
      'Các nhiệm vụ đã quá hạn: STT Mã',
      'Các nhiệm vụ sắp đến hạn (trong 7 ngày tới): STT Mã',
      'Sở Khoa học và Công nghệ đề nghị Sở Nội vụ',
      'Nơi nhận:',
      '- Như trên;',
      'KT. GIÁM ĐỐC PHÓ GIÁM ĐỐC',
      'Nguyễn Văn An',
    ])
      expect(text).toContain(line);
    expect(text).not.toContain('YT-3');
    expect(rowOf(files[0].bytes, 'NV-1.2')).toBe('1 NV-1.2 Số hóa hồ sơ công chức, viên chức 12/KH-UBND 28/02/2026 10 ngày');
    expect(rowOf(files[0].bytes, 'NV-2.1')).toBe('1 NV-2.1 Triển khai chữ ký số 12/KH-UBND 12/03/2026 còn 2 ngày');
  });

  it('one for all: every agency in Kính gửi and its own numbered list; before 1/3/2025 the Sở TT&TT issues it, number left blank', async () => {
    const [file, ...more] = await buildReminderDispatches({ ...TASKS, asOf: '2024-06-03' }, { mode: 'all' });
    expect(more).toEqual([]);
    expect(file.name).toBe('cong-van-don-doc-MAU-2024-06-03.pdf');
    const text = pdfText(file.bytes);
    expect(text).toContain('SỞ THÔNG TIN VÀ TRUYỀN THÔNG');
    expect(text).toMatch(/Số: \/STTTT-CĐS/);
    expect(text).toContain('Kính gửi: - Sở Nội vụ; - Sở Y tế.');
    expect(text).toContain('các cơ quan, đơn vị còn 2 nhiệm vụ đã quá hạn và 1 nhiệm vụ sắp đến hạn');
    expect(text.indexOf('1. Sở Nội vụ')).toBeLessThan(text.indexOf('2. Sở Y tế'));
    expect(rowOf(file.bytes, 'YT-3')).toBe('1 YT-3 Bệnh án điện tử tại bệnh viện tỉnh 45/KH-UBND 31/12/2025 69 ngày');
    expect(text).toContain('Sở Thông tin và Truyền thông đề nghị các cơ quan, đơn vị');
  });

  it('only the agency asked for; none when no agency has a late task', async () => {
    const files = await buildReminderDispatches(TASKS, { mode: 'per-agency', agency: 'SYT' });
    expect(files.map((f) => f.agency)).toEqual(['SYT']);
    expect(await buildReminderDispatches({ ...TASKS, agencies: [] }, { mode: 'all' })).toEqual([]);
  });
});
