import { msg } from './msg';

/** Plan files and their import. */
export const planMessages = {
  fileHasErrors: (n: number) =>
    msg(`Tệp kế hoạch có ${n} lỗi; chưa ghi gì vào cơ sở dữ liệu`, `the plan file has ${n} error(s); nothing was written`),
  bodyMissing: () =>
    msg(
      'Hãy gửi tệp kế hoạch trong nội dung yêu cầu (Content-Type: application/yaml)',
      'send the plan file as the body (Content-Type: application/yaml)',
    ),
  noRightToImport: (province: string) =>
    msg(
      `Tệp kế hoạch này thuộc tỉnh ${province}; cán bộ chỉ được nhập kế hoạch của tỉnh mình`,
      `no right to import the plan of ${province}`,
    ),
  documentNotFound: (document: string, province: string) =>
    msg(`Tỉnh ${province} không có văn bản "${document}"`, `no document "${document}" in ${province}`),
  documentNotFoundInProvince: (document: string, province: string) =>
    msg(`Tỉnh ${province} không có văn bản "${document}"`, `no document "${document}" in province ${province}`),
};
