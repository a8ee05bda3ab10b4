import type { Request, Response } from 'express';
import type { ProblemDocument } from '@dx/domain';

export type { Lang } from '@dx/domain';
import type { Lang } from '@dx/domain';

/** Vietnamese when the client prefers it (Accept-Language: vi…), English otherwise. */
export function languageOf(req: Pick<Request, 'headers'> | undefined): Lang {
  const header = String(req?.headers?.['accept-language'] ?? '');
  const first =
    header
      .split(',')
      .map((p) => p.trim().split(';')[0].toLowerCase())
      .find(Boolean) ?? '';
  return first.startsWith('vi') ? 'vi' : 'en';
}

const TITLES: Record<number, [string, string]> = {
  400: ['Invalid input', 'Dữ liệu không hợp lệ'],
  401: ['Not signed in', 'Chưa đăng nhập hoặc phiên đã hết hạn'],
  403: ['Not allowed', 'Không có quyền thực hiện'],
  404: ['Not found', 'Không tìm thấy'],
  409: ['Conflict', 'Xung đột dữ liệu'],
  413: ['Body too large', 'Dữ liệu gửi lên quá lớn'],
  415: ['Unsupported media type', 'Định dạng dữ liệu không được hỗ trợ'],
  422: ['Unprocessable', 'Không xử lý được'],
  428: ['Version required', 'Thiếu phiên bản (If-Match)'],
  429: ['Too many requests', 'Quá nhiều yêu cầu, vui lòng thử lại sau'],
  500: ['Internal error', 'Lỗi hệ thống'],
  503: ['Service unavailable', 'Dịch vụ tạm thời không truy cập được'],
};

/** Vietnamese for a validation rule that failed (class-validator's constraint names). */
const RULES_VI: Record<string, string> = {
  whitelistValidation: 'không phải là trường được chấp nhận',
  isIn: 'không nằm trong các giá trị cho phép',
  matches: 'sai định dạng',
  isInt: 'phải là số nguyên',
  min: 'nhỏ hơn giá trị tối thiểu',
  max: 'lớn hơn giá trị tối đa',
  maxLength: 'quá dài',
  minLength: 'không được để trống hoặc quá ngắn',
  isString: 'phải là chuỗi ký tự',
  isBoolean: 'phải là true hoặc false',
  isObject: 'phải là một đối tượng',
  nestedValidation: 'phải là một đối tượng',
  isUrl: 'phải là địa chỉ http(s)',
  isDefined: 'là bắt buộc',
  nul: 'không được chứa ký tự NUL',
  surrogate: 'phải là văn bản Unicode hợp lệ',
};

export interface FieldProblem {
  path: string;
  messages: string[];
  /** The rules that failed, for translation; not sent. */
  rules?: string[];
}

export function localiseErrors(errors: FieldProblem[], lang: Lang): { path: string; messages: string[] }[] {
  return errors.map(({ path, messages, rules, ...rest }) => ({
    path,
    ...rest,
    messages: lang === 'vi' && rules?.length ? rules.map((r) => `"${path}" ${RULES_VI[r] ?? 'không hợp lệ'}`) : messages,
  }));
}

/**
 * An RFC 9457 problem document (application/problem+json): `type`, `title`, `status`,
 * `detail`, plus this API's `code`, `errors` with field paths, and for compatibility
 * `statusCode` and `message`. The title follows Accept-Language.
 */
export function sendProblem(
  req: Pick<Request, 'headers'> | undefined,
  res: Response,
  status: number,
  code: string,
  detail: string,
  extra: Record<string, unknown> = {},
): void {
  const lang = languageOf(req);
  const [en, vi] = TITLES[status] ?? TITLES[status >= 500 ? 500 : 400];
  const { errors, ...rest } = extra as { errors?: FieldProblem[] };
  res
    .status(status)
    .type('application/problem+json')
    .send(
      JSON.stringify({
        type: `urn:dx-tracker:problem:${code.toLowerCase()}`,
        title: lang === 'vi' ? vi : en,
        status,
        detail,
        code,
        statusCode: status,
        message: detail,
        ...(errors ? { errors: localiseErrors(errors, lang) } : {}),
        ...rest,
      } satisfies ProblemDocument),
    );
}
