import type { Request, Response } from 'express';
import Negotiator from 'negotiator';
import type { Localised, ProblemDocument } from '@dx/domain';
import { FieldProblem, localiseErrors } from './field-messages';

export type { Lang } from '@dx/domain';
import type { Lang } from '@dx/domain';
export type { FieldProblem } from './field-messages';
export { localiseErrors } from './field-messages';

/**
 * The reader's language, negotiated from Accept-Language (q-values, prefixes such as `en-US`): English when the client
 * prefers it to Vietnamese, Vietnamese otherwise (no header, `*`, or other languages only): Vietnamese first.
 */
export function languageOf(req: Pick<Request, 'headers'> | undefined): Lang {
  return new Negotiator({ headers: req?.headers ?? {} }).language(['vi', 'en']) === 'en' ? 'en' : 'vi';
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

/** Titles that say more than their status: a wrong password is not an expired session. */
const CODE_TITLES: Record<string, [string, string]> = {
  INVALID_CREDENTIALS: ['Wrong username or password', 'Sai tên đăng nhập hoặc mật khẩu'],
  ACCOUNT_LOCKED: ['Account locked for a while', 'Tài khoản tạm thời bị khóa'],
  INVALID_REFRESH_TOKEN: ['Session ended', 'Phiên đăng nhập đã kết thúc'],
  VERSION_CONFLICT: ['Changed meanwhile', 'Dữ liệu đã được người khác thay đổi'],
};

/**
 * An RFC 9457 problem document (application/problem+json): `type`, `title`, `status`,
 * `detail`, plus this API's `code`, `errors` with field paths, and for compatibility
 * `statusCode` and `message`. The title and the detail (when given in both languages) follow Accept-Language.
 */
export function sendProblem(
  req: Pick<Request, 'headers'> | undefined,
  res: Response,
  status: number,
  code: string,
  message: string | Localised,
  extra: Record<string, unknown> = {},
): void {
  const lang = languageOf(req);
  const [en, vi] = CODE_TITLES[code] ?? TITLES[status] ?? TITLES[status >= 500 ? 500 : 400];
  const detail = typeof message === 'string' ? message : message[lang];
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
