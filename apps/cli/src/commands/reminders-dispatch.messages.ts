import { msg, viDate } from '@dx/domain';

/** What `reminders dispatch` prints, in the CLI's language. */
export const dispatchMessages = {
  bothModes: () => msg('chỉ chọn một trong --per-agency và --all', 'choose only one of --per-agency and --all'),
  notDays: (value: string) =>
    msg(`--within: "${value}" không phải là số ngày (0–365)`, `--within: "${value}" is not a number of days (0–365)`),
  noneLate: (asOf: string, days: number) =>
    msg(
      `Không có cơ quan nào có nhiệm vụ quá hạn hoặc sắp đến hạn (trong ${days} ngày) tính đến ngày ${viDate(asOf)}; không ghi tệp nào.`,
      `No agency has tasks overdue or due within ${days} days as of ${asOf}; no file written.`,
    ),
  wroteOne: (agency: string, overdue: number, dueSoon: number, file: string) =>
    msg(
      `Đã ghi công văn đôn đốc gửi ${agency} (${overdue} nhiệm vụ quá hạn, ${dueSoon} sắp đến hạn): ${file}`,
      `Wrote the reminder dispatch to ${agency} (${overdue} overdue, ${dueSoon} due soon): ${file}`,
    ),
  wroteAll: (agencies: number, overdue: number, dueSoon: number, file: string) =>
    msg(
      `Đã ghi công văn đôn đốc gửi ${agencies} cơ quan (${overdue} nhiệm vụ quá hạn, ${dueSoon} sắp đến hạn): ${file}`,
      `Wrote the reminder dispatch to ${agencies} agencies (${overdue} overdue, ${dueSoon} due soon): ${file}`,
    ),
  summary: (files: number, asOf: string) =>
    msg(`${files} công văn đôn đốc, số liệu tính đến ngày ${viDate(asOf)}.`, `${files} reminder dispatch(es), as of ${asOf}.`),
};
