import { msg } from './msg';

/** Indicators, their values (observations), bulk uploads and DTI results. */
export const kpiMessages = {
  idempotencyKeyInvalid: () =>
    msg('Idempotency-Key phải gồm 1–200 ký tự ASCII nhìn thấy được', 'Idempotency-Key must be 1-200 visible ASCII characters'),
  idempotencyKeyRule: () => msg('phải gồm 1–200 ký tự ASCII nhìn thấy được', 'must be 1-200 visible ASCII characters'),
  idempotencyKeyReused: () =>
    msg('Idempotency-Key này đã được dùng cho một yêu cầu khác', 'this Idempotency-Key was used with a different request'),
  idempotencyKeyReusedUpload: () =>
    msg('Idempotency-Key này đã được dùng cho một lần tải lên khác', 'this Idempotency-Key was used with a different upload'),
  indicatorNotTracked: (indicator: string, province: string) =>
    msg(`Chỉ tiêu "${indicator}" không được theo dõi ở tỉnh ${province}`, `indicator "${indicator}" is not tracked in ${province}`),
  indicatorNotFound: (code: string) => msg(`Không tìm thấy chỉ tiêu có mã "${code}"`, `no indicator with code "${code}"`),
  noRightToEnterValues: (orgUnit: string) =>
    msg(`Không có quyền nhập số liệu cho đơn vị ${orgUnit}`, `no right to enter values for ${orgUnit}`),
  noRightToEnterValuesIn: (province: string) =>
    msg(`Không có quyền nhập số liệu của tỉnh ${province}`, `no right to enter values of province ${province}`),
  valueBreaksRules: () => msg('Giá trị vi phạm quy tắc nhập số liệu của chỉ tiêu', 'the value breaks the observation rules'),
  rowsRefused: (refused: number, total: number) =>
    msg(
      `${refused}/${total} dòng bị từ chối; chưa ghi gì (gửi ?partial=true để giữ các dòng hợp lệ)`,
      `${refused} of ${total} rows are refused; nothing was written (send ?partial=true to keep the valid ones)`,
    ),
  tooManyRows: (max: number, n: number) =>
    msg(`Mỗi lần tải lên tối đa ${max} dòng, tệp này có ${n} dòng`, `an upload holds at most ${max} rows, this one ${n}`),
  tooManyRowsRule: (max: number, n: number) => msg(`tối đa ${max} dòng (tệp có ${n})`, `at most ${max} rows (got ${n})`),
  noComputedValue: (indicator: string, province: string, period?: string) =>
    msg(
      `Chưa có giá trị tính được của "${indicator}" cho tỉnh ${province}${period ? ` trong kỳ ${period}` : ''}`,
      `no computed value of "${indicator}" for ${province}${period ? ` in ${period}` : ''}`,
    ),
  noDtiResults: (year: number | string, group: string) =>
    msg(`Chưa có kết quả DTI năm ${year} cho nhóm ${group}`, `no DTI ${year} results for ${group}`),
  noDtiFramework: (year: number | string, group: string) =>
    msg(`Chưa ghi nhận bộ chỉ số DTI năm ${year} cho nhóm ${group}`, `no DTI ${year} framework recorded for ${group}`),
  dtiProblems: (n: number, where: string) =>
    msg(`${n} lỗi trong ${where}; chưa ghi gì vào cơ sở dữ liệu`, `${n} problem(s) in ${where}; nothing was written`),
  dtiTableProblems: (where: string, n: number) =>
    msg(`${where}${n} lỗi trong bảng DTI; chưa ghi gì vào cơ sở dữ liệu`, `${where}${n} problem(s) in the DTI table; nothing was written`),
  yearRequired: () => msg('Cần --year khi nhập một bảng', '--year is required when importing one table'),
};
