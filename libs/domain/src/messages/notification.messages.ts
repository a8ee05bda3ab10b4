import { msg } from './msg';

/** The inbox, notification preferences, deliveries, email addresses and a province's reminder settings. */
export const notificationMessages = {
  notFound: (id: string) => msg(`Không tìm thấy thông báo có mã định danh "${id}"`, `no notification with id "${id}"`),
  noRightToDeliveries: () =>
    msg('Chỉ cán bộ Sở và quản trị viên được xem các lần gửi thông báo', 'only officers and admins may see notification deliveries'),
  noRightToSettings: (province: string) =>
    msg(`Không có quyền thay đổi cài đặt thông báo của tỉnh ${province}`, `no right to change the notification settings of ${province}`),
  unknownKind: (kind: string) => msg(`Không có loại thông báo "${kind}"`, `no notification kind "${kind}"`),
  emailTaken: (email: string) =>
    msg(`Địa chỉ email ${email} đã được một tài khoản khác sử dụng`, `the email address ${email} is used by another account`),
  notAnEmail: (value: string) => msg(`"${value}" không phải là địa chỉ email`, `"${value}" is not an email address`),
  accountNotFound: (id: string) => msg(`Không tìm thấy tài khoản có mã định danh "${id}"`, `no account with id "${id}"`),
  noRightToEmail: () =>
    msg('Chỉ quản trị viên được đổi địa chỉ email của tài khoản khác', "only admins may change another account's email address"),
  provinceNotFound: (code: string) => msg(`Không có tỉnh mã "${code}"`, `no province "${code}"`),
  settingsChanged: (current: number) =>
    msg(
      `Cài đặt thông báo đã được người khác thay đổi (phiên bản hiện tại ${current}); hãy tải lại`,
      `the notification settings changed meanwhile (current version ${current}); reload them`,
    ),
  dueSoonDays: () =>
    msg(
      'Số ngày nhắc trước hạn phải là số nguyên từ 1 đến 365, không trùng nhau',
      'reminder days must be distinct whole numbers from 1 to 365',
    ),
};
