import { AUDIT_ENTITY_LABELS_VI, auditActionLabel, auditChangeText, AuditLogEntry, TASK_STATUS_LABELS_VI, viMoment } from '@dx/domain';
import { inertCellValue } from './spreadsheet-cell';

/** The columns of the audit log's export, in Vietnamese. */
export const AUDIT_XLSX_HEADERS = [
  'Thời điểm',
  'Người thực hiện',
  'Hành động',
  'Loại đối tượng',
  'Đối tượng',
  'Thay đổi',
  'Địa chỉ IP',
  'Mã yêu cầu',
] as const;

/** One entry as a row of the export, in the order of AUDIT_XLSX_HEADERS. */
export function auditXlsxRow(e: AuditLogEntry): string[] {
  return [
    viMoment(e.at),
    e.actor,
    auditActionLabel(e.action),
    AUDIT_ENTITY_LABELS_VI[e.entityKind] ?? e.entityKind,
    e.entityLabel ?? '',
    auditChangeText(e.before, e.after, TASK_STATUS_LABELS_VI),
    e.ip ?? '',
    e.requestId ?? '',
  ];
}

/** The audit log (entries as listed, newest first) as an Excel workbook: one sheet "Nhật ký", a header row, one row per entry. */
export async function buildAuditXlsx(entries: AuditLogEntry[], title: string): Promise<Buffer> {
  // Loaded on the first workbook: exceljs is heavy, and most processes importing this lib never make one.
  const { Workbook } = (await import('exceljs')).default;
  const workbook = new Workbook();
  workbook.creator = 'dx-tracker';
  const sheet = workbook.addWorksheet('Nhật ký');
  sheet.addRow([title]).font = { bold: true, size: 13 };
  const header = sheet.addRow([...AUDIT_XLSX_HEADERS]);
  header.font = { bold: true };
  for (const e of entries) sheet.addRow(auditXlsxRow(e).map(inertCellValue));
  sheet.columns.forEach((c, i) => {
    c.width = [20, 18, 30, 16, 40, 60, 16, 24][i];
  });
  sheet.views = [{ state: 'frozen', ySplit: 2 }];
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
