import { msg, viDay } from './msg';

const PERIOD_FORMS = '2023, 2023-H1, 2023-Q3, 2023-10 hoặc 2023-10-31';

/** Dates, periods and other values shared by every area. */
export const commonMessages = {
  notARealDate: (name: string, value: string) =>
    msg(`${name} "${value}" không phải là ngày có thật (YYYY-MM-DD)`, `${name} "${value}" is not a real date`),
  asOfOutOfRange: (value: string) =>
    msg(`as_of "${value}" không phải là ngày có thật trong khoảng 1900–2199`, `as_of "${value}" is not a real date between 1900 and 2199`),
  notARealPeriod: (value: string) => msg(`"${value}" không phải là kỳ có thật`, `"${value}" is not a real period`),
  notARealPeriodRule: () => msg('không phải là kỳ có thật', 'not a real period'),
  notAPeriod: (value: string) => msg(`"${value}" không phải là kỳ báo cáo`, `"${value}" is not a period`),
  periodForms: () => msg(`phải có dạng ${PERIOD_FORMS}`, 'must be 2023, 2023-H1, 2023-Q3, 2023-10 or 2023-10-31'),
  notAPeriodWithForms: (value: string) =>
    msg(
      `"${value}" không phải là kỳ báo cáo (2024, 2024-H1, 2024-Q3, 2024-10 hoặc 2024-10-31)`,
      `"${value}" is not a period (2024, 2024-H1, 2024-Q3, 2024-10 or 2024-10-31)`,
    ),
  fromAfterTo: (from: string, to: string) =>
    msg(`Ngày bắt đầu ${viDay(from)} sau ngày kết thúc ${viDay(to)}`, `from ${from} is after to ${to}`),
  jobNotFound: (id: string) => msg(`Không tìm thấy tác vụ có mã định danh "${id}"`, `no job with id "${id}"`),
  goalNotFound: (id: string) => msg(`Không tìm thấy mục tiêu có mã định danh "${id}"`, `no goal with id "${id}"`),
  notFoundRule: () => msg('không tìm thấy', 'not found'),
  emptyRule: () => msg('đang trống', 'empty'),
};
