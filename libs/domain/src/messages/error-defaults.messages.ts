import type { DomainErrorCode } from '../domain-error';
import { Localised } from './localised';
import { msg } from './msg';

/** The message of each error code when nothing more specific is said (a `Record`, so a new code without one does not compile). */
export const DOMAIN_ERROR_DEFAULTS: Record<DomainErrorCode, Localised> = {
  PROVINCE_NOT_FOUND: msg('Không tìm thấy tỉnh', 'province not found'),
  DOCUMENT_NOT_FOUND: msg('Không tìm thấy văn bản', 'document not found'),
  GOAL_NOT_FOUND: msg('Không tìm thấy mục tiêu', 'goal not found'),
  INDICATOR_NOT_FOUND: msg('Không tìm thấy chỉ tiêu', 'indicator not found'),
  COMPARISON_NOT_FOUND: msg('Chưa có số liệu để so sánh', 'no figures to compare'),
  JOB_NOT_FOUND: msg('Không tìm thấy tác vụ', 'job not found'),
  INVALID_DATE: msg('Ngày không hợp lệ', 'invalid date'),
  PLAN_FILE_INVALID: msg('Tệp kế hoạch có lỗi; chưa ghi gì vào cơ sở dữ liệu', 'the plan file has errors; nothing was written'),
  IMPORT_CONFLICT: msg('Dữ liệu nhập vào xung đột với dữ liệu đã có', 'the import conflicts with the data already there'),
  TASK_NOT_FOUND: msg('Không tìm thấy nhiệm vụ', 'task not found'),
  OBSERVATION_NOT_FOUND: msg('Không tìm thấy số liệu', 'value not found'),
  ORG_UNIT_NOT_FOUND: msg('Không tìm thấy cơ quan, đơn vị', 'org unit not found'),
  USER_NOT_FOUND: msg('Không tìm thấy tài khoản', 'user not found'),
  USER_EXISTS: msg('Tài khoản đã tồn tại', 'user exists'),
  INVALID_CREDENTIALS: msg('Sai tên đăng nhập hoặc mật khẩu', 'wrong username or password'),
  ACCOUNT_LOCKED: msg('Tài khoản tạm bị khóa do đăng nhập sai quá nhiều lần', 'the account is locked after too many failed sign-ins'),
  ACCESS_DENIED: msg('Không có quyền thực hiện thao tác này', 'not allowed'),
  VERSION_REQUIRED: msg('Thiếu phiên bản (If-Match)', 'If-Match required'),
  VERSION_CONFLICT: msg('Dữ liệu đã được người khác thay đổi; hãy tải lại', 'the data changed meanwhile; reload it'),
  IDEMPOTENCY_KEY_REUSED: msg('Idempotency-Key đã được dùng cho một yêu cầu khác', 'the Idempotency-Key was used with another request'),
  INVALID_INPUT: msg('Dữ liệu không hợp lệ', 'invalid input'),
  SUBMISSION_NOT_FOUND: msg('Không tìm thấy bản gửi duyệt', 'submission not found'),
  SUBMISSION_DECIDED: msg('Bản gửi duyệt đã được xử lý', 'the submission was already decided'),
  DIRECTIVE_NOT_FOUND: msg('Không tìm thấy ý kiến chỉ đạo', 'directive not found'),
  DIRECTIVE_STATE: msg('Ý kiến chỉ đạo không ở trạng thái cho phép thao tác này', 'the directive is not in a state that allows this'),
  REPORT_NOT_FOUND: msg('Không tìm thấy báo cáo', 'report not found'),
};

/** The default message of an error code. */
export function defaultMessage(code: DomainErrorCode): Localised {
  return DOMAIN_ERROR_DEFAULTS[code];
}
