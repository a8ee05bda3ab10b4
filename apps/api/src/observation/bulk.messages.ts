import { msg } from '@dx/domain';

/** The web Values page's checkbox that keeps the valid rows of an upload (the API's `partial=true`). */
export const PARTIAL_CONTROL_VI = 'Chỉ nhận các dòng hợp lệ';

/** What an upload of KPI values (CSV, Excel or JSON rows) can be refused for, row by row and as a whole. */
export const bulkMessages = {
  rowsRefused: (refused: number, total: number, valid: number) =>
    msg(
      `${refused}/${total} dòng bị từ chối; chưa ghi gì. ` +
        (valid > 0
          ? `Sửa các dòng lỗi rồi tải lên lại, hoặc chọn “${PARTIAL_CONTROL_VI}” để nhận ${valid} dòng hợp lệ`
          : 'Sửa các dòng lỗi rồi tải lên lại'),
      `${refused} of ${total} rows are refused; nothing was written (send ?partial=true to keep the valid ones)`,
    ),
  noProvince: (code: string) => msg(`không có tỉnh mã "${code}"`, `no province with code "${code}"`),
  noOrgUnit: (org: string, province: string) => msg(`tỉnh ${province} không có đơn vị "${org}"`, `no org unit "${org}" in ${province}`),
  notAPeriod: (period: string) =>
    msg(
      `"${period}" không phải là kỳ có thật (2023, 2023-H1, 2023-Q3, 2023-10, 2023-10-31 hoặc Quý 3/2024, Tháng 10/2023)`,
      `"${period}" is not a real period`,
    ),
  duplicateRow: (firstIndex: number, firstLine: number) =>
    msg(
      `trùng chỉ tiêu, đơn vị, kỳ và nguồn với dòng ${firstLine}`,
      `the same indicator, org unit, period and source as rows[${firstIndex}]`,
    ),
  nul: () => msg('không được chứa ký tự NUL', 'must not contain NUL characters'),
  surrogate: () =>
    msg(
      'phải là văn bản Unicode hợp lệ (có một nửa cặp thay thế đứng lẻ như \\ud800)',
      'must be Unicode text (it holds an unpaired surrogate such as \\ud800)',
    ),
  sendRows: () =>
    msg(
      'Hãy gửi { "rows": [ … ] }, một tệp CSV (text/csv) hoặc một tệp Excel (.xlsx)',
      'send { "rows": [ … ] }, a CSV file (text/csv) or an Excel file (.xlsx)',
    ),
  csvNotUtf8: () => msg('Tệp CSV không phải văn bản UTF-8 (hãy lưu bằng “CSV UTF-8”)', 'the CSV file is not UTF-8 text'),
  csvUnreadable: (detail: string) => msg(`Không đọc được tệp CSV: ${detail}`, `the CSV file cannot be read: ${detail}`),
  xlsxTooLarge: (detail: string, max: number) =>
    msg(`Tệp Excel quá lớn (${detail}); mỗi lần tải lên tối đa ${max} dòng`, `${detail}; an upload holds at most ${max} rows`),
  notXlsx: () => msg('Tệp không phải là sổ tính Excel (.xlsx)', 'the file is not an Excel workbook (.xlsx)'),
  noWorksheet: () => msg('Sổ tính không có trang tính nào', 'the workbook has no worksheet'),
  noHeader: (columns: string) => msg(`Dòng đầu tiên phải là tên các cột: ${columns}`, `the first row must name the columns: ${columns}`),
};
