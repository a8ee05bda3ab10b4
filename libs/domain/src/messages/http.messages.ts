import { msg } from './msg';

/** What the API itself says about a request before or around the domain: bodies, routes, limits, outages. */
export const httpMessages = {
  validationFailed: (fields: number) =>
    msg(
      fields === 1
        ? 'Có 1 trường chưa hợp lệ; xem chi tiết theo từng trường'
        : `Có ${fields} trường chưa hợp lệ; xem chi tiết theo từng trường`,
      fields === 1 ? '1 field is invalid; see errors for which and why' : `${fields} fields are invalid; see errors for which and why`,
    ),
  tooManyRequests: (retryAfterS?: number) =>
    msg(
      retryAfterS ? `Quá nhiều yêu cầu; hãy thử lại sau ${retryAfterS} giây` : 'Quá nhiều yêu cầu; hãy thử lại sau ít phút',
      retryAfterS ? `Too many requests; try again in ${retryAfterS} s` : 'Too many requests; try again shortly',
    ),
  routeNotFound: (method: string, path: string) => msg(`Không có đường dẫn ${method} ${path} trong API`, `Cannot ${method} ${path}`),
  databaseUnavailable: () =>
    msg('Tạm thời không kết nối được cơ sở dữ liệu; hãy thử lại sau giây lát', 'the database cannot be reached; try again shortly'),
  tryAgain: () =>
    msg(
      'Yêu cầu trùng thời điểm với một yêu cầu khác nên chưa ghi gì; hãy gửi lại',
      'the request collided with another one and nothing was written; send it again',
    ),
  internalError: () => msg('Lỗi hệ thống; hãy thử lại hoặc báo cho quản trị viên kèm mã lỗi', 'Internal server error'),
  sendJsonCsvXlsx: () => msg('Hãy gửi JSON, CSV (text/csv) hoặc Excel (.xlsx)', 'send JSON, CSV (text/csv) or Excel (.xlsx)'),
  sendJson: () => msg('Hãy gửi nội dung dạng application/json', 'send the body as application/json'),
  bodyNotJson: () => msg('Nội dung gửi lên không phải là JSON hợp lệ', 'the body is not valid JSON'),
  bodyTooLarge: (limit: string) => msg(`Nội dung gửi lên lớn hơn ${limit}`, `the body is larger than ${limit}`),
  encodingUnsupported: () => msg('Kiểu mã hóa nội dung không được hỗ trợ', 'unsupported body encoding'),
  charsetUnsupported: () => msg('Bảng mã không được hỗ trợ (hãy gửi UTF-8)', 'unsupported charset (send UTF-8)'),
  requestAborted: () => msg('Yêu cầu đã bị hủy giữa chừng', 'the request was aborted'),
  bodyUnreadable: () => msg('Không đọc được nội dung gửi lên', 'the body could not be read'),
  bodyTooDeep: (levels: number) =>
    msg(`Nội dung gửi lên lồng mảng và đối tượng quá ${levels} cấp`, `the body nests arrays and objects more than ${levels} levels deep`),
  unknownField: (path: string) => msg(`"${path}" không phải là trường được chấp nhận`, `property ${path} should not exist`),
};
