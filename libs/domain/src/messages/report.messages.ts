import { viDate } from '../vi-format';
import { msg } from './msg';

/** Reports, their files and schedules. */
export const reportMessages = {
  notFound: (id: string) => msg(`Không tìm thấy báo cáo có mã định danh "${id}"`, `no report with id "${id}"`),
  noFile: (id: string, format: string) =>
    msg(`Báo cáo ${id} không có tệp ${format.toUpperCase()}`, `report ${id} has no ${format.toUpperCase()} file`),
  scheduleNotFound: (id: string) => msg(`Không tìm thấy lịch gửi báo cáo có mã định danh "${id}"`, `no report schedule with id "${id}"`),
  cronOnlyForCron: () => msg('Chỉ dùng cron khi tần suất (frequency) là "cron"', 'cron is only for frequency "cron"'),
  cronOnlyRule: () => msg('chỉ dùng khi tần suất là "cron"', 'only for frequency "cron"'),
  notCron: (text: string) => msg(`"${text}" không phải là biểu thức cron`, `cron "${text}" is not a cron expression`),
  /** `why` is the parser's English; the Vietnamese says what a cron expression looks like instead. */
  notCronRule: (why: string) =>
    msg('không phải là biểu thức cron (5 trường: phút giờ ngày tháng thứ, ví dụ "0 7 * * 1")', `not a cron expression: ${why}`),
  noRightToOrder: (province: string) =>
    msg(`Không có quyền yêu cầu báo cáo của tỉnh ${province}`, `no right to order reports of ${province}`),
  noRightToDispatch: (province: string) =>
    msg(`Không có quyền tạo công văn đôn đốc của tỉnh ${province}`, `no right to make reminder dispatches of ${province}`),
  nothingToDispatch: (asOf: string, days: number) =>
    msg(
      `Tính đến ngày ${viDate(asOf)}, không có cơ quan nào có nhiệm vụ quá hạn hoặc sắp đến hạn (trong ${days} ngày)`,
      `as of ${asOf} no agency has tasks overdue or due within ${days} days`,
    ),
  noRightToHeading: (province: string) =>
    msg(`Không có quyền sửa tiêu đề báo cáo của tỉnh ${province}`, `no right to change the report heading of ${province}`),
  noRightToSchedules: (province: string) =>
    msg(`Không có quyền quản lý lịch gửi báo cáo của tỉnh ${province}`, `no right to manage the report schedules of ${province}`),
  noRightToSchedule: (id: string) => msg(`Không có quyền quản lý lịch gửi báo cáo ${id}`, `no right to manage schedule ${id}`),
};
