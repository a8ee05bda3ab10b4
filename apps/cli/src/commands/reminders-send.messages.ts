import { msg, viDay } from '@dx/domain';

/** `reminders send`: what the daily reminder pass sent to whom. */
export const remindersSendMessages = {
  noProvince: (code: string) => msg(`Không có tỉnh "${code}" có kế hoạch`, `no province "${code}" with a plan`),
  inApp: (names: string) => msg(`  trong ứng dụng: ${names}`, `  in the app: ${names}`),
  email: (addresses: string) => msg(`  email: ${addresses}`, `  email: ${addresses}`),
  webhook: (url: string) => msg(`  webhook của tỉnh: ${url}`, `  province webhook: ${url}`),
  summary: (province: string, asOf: string, inApp: number, email: number, webhook: number) =>
    msg(
      `${province}, ngày ${viDay(asOf)}: ${inApp} thông báo mới trong ứng dụng, ${email} email và ${webhook} lần gọi webhook cần gửi`,
      `${province}, ${asOf}: ${inApp} new in-app notification(s), ${email} email(s) and ${webhook} webhook call(s) to send`,
    ),
  sent: (sent: number, retried: number, failed: number) =>
    msg(
      `Đã gửi ${sent} email và lần gọi webhook${retried ? `; ${retried} lần gửi lỗi sẽ được tiến trình nền thử lại` : ''}${failed ? `; ${failed} lần gửi thất bại hẳn` : ''}`,
      `sent ${sent} email(s) and webhook call(s)${retried ? `; ${retried} failed attempt(s) will be retried by the worker` : ''}${failed ? `; ${failed} failed for good` : ''}`,
    ),
  emailOff: () =>
    msg(
      'Chưa đặt SMTP_URL: email chưa được gửi (còn chờ, gửi khi có máy chủ thư); thông báo trong ứng dụng vẫn có',
      'SMTP_URL is not set: emails were not sent (they wait for a mail server); in-app notifications are there',
    ),
  nothingNew: (province: string, asOf: string) =>
    msg(
      `${province}, ngày ${viDay(asOf)}: không có nhắc việc mới nào để gửi (các nhắc việc của ngày này đã được gửi trước đó, hoặc không có nhiệm vụ sắp đến hạn hay quá hạn)`,
      `${province}, ${asOf}: nothing new to send (this date's reminders were already sent, or no task is due soon or overdue)`,
    ),
};
