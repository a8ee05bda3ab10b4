import { ROLE_LABELS_VI } from '../access/access-policy';
import { msg, viDateTime } from './msg';

const role = (r: string) => (ROLE_LABELS_VI as Record<string, string>)[r] ?? r;

/** Signing in, sessions, accounts and API tokens. */
export const authMessages = {
  wrongCredentials: () => msg('Sai tên đăng nhập hoặc mật khẩu', 'wrong username or password'),
  locked: (until: Date) =>
    msg(
      `Đăng nhập sai quá nhiều lần; hãy thử lại sau ${viDateTime(until)}`,
      `too many failed sign-ins; try again after ${until.toISOString()}`,
    ),
  signInFirst: () =>
    msg('Chưa đăng nhập hoặc phiên đăng nhập đã hết hạn; hãy đăng nhập lại', 'sign in first (Authorization: Bearer <token>)'),
  refreshInvalid: () =>
    msg('Phiên đăng nhập đã hết hạn hoặc không còn hiệu lực; hãy đăng nhập lại', 'refresh token unknown, used or expired'),
  roleNotAllowed: (r: string) => msg(`Vai trò ${role(r)} không được thực hiện thao tác này`, `role ${r} may not do this`),
  usernameRules: () =>
    msg(
      'Tên đăng nhập: 2–63 ký tự a-z, 0-9, ".", "_" hoặc "-", bắt đầu bằng chữ cái hoặc chữ số',
      'username: 2-63 characters a-z, 0-9, ".", "_" or "-", starting with a letter or digit',
    ),
  passwordTooShort: (min: number) => msg(`Mật khẩu phải có ít nhất ${min} ký tự`, `password: at least ${min} characters`),
  userExists: (username: string) => msg(`Tài khoản "${username}" đã tồn tại`, `user "${username}" exists`),
  provinceRequired: (r: string) => msg(`Vai trò ${role(r)} cần có tỉnh (province)`, `province: required for role ${r}`),
  userNotFound: (username: string) => msg(`Không tìm thấy tài khoản "${username}"`, `no user "${username}"`),
  tokenNotFound: (id: string) => msg(`Không tìm thấy mã truy cập (token) đang hoạt động ${id}`, `no active token ${id}`),
  notTokenId: (id: string) => msg(`"${id}" không phải là mã định danh của token`, `"${id}" is not a token id`),
  expiresNotDate: (value: string) =>
    msg(`--expires: "${value}" không phải là ngày dạng YYYY-MM-DD`, `--expires: "${value}" is not a date YYYY-MM-DD`),
};
