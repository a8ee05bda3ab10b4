import { msg, viDay } from '@dx/domain';

/** `reminders send`: what the daily reminder pass sent to whom. */
export const remindersSendMessages = {
  noProvince: (code: string) => msg(`Không có tỉnh "${code}" có kế hoạch`, `no province "${code}" with a plan`),
  inApp: (names: string) => msg(`  trong ứng dụng: ${names}`, `  in the app: ${names}`),
  email: (addresses: string) => msg(`  email (chờ gửi): ${addresses}`, `  email (queued): ${addresses}`),
  webhook: (url: string) => msg(`  webhook của tỉnh (chờ gửi): ${url}`, `  province webhook (queued): ${url}`),
  summary: (province: string, asOf: string, inApp: number, email: number, webhook: number) =>
    msg(
      `${province}, ngày ${viDay(asOf)}: đã gửi ${inApp} thông báo trong ứng dụng, ${email} email và ${webhook} lần gọi webhook (email và webhook do tiến trình nền gửi đi)`,
      `${province}, ${asOf}: ${inApp} in-app notification(s), ${email} email(s) and ${webhook} webhook call(s) made (emails and webhooks are sent by the worker)`,
    ),
  nothingNew: (province: string, asOf: string) =>
    msg(
      `${province}, ngày ${viDay(asOf)}: không có nhắc việc mới nào để gửi (các nhắc việc của ngày này đã được gửi trước đó, hoặc không có nhiệm vụ sắp đến hạn hay quá hạn)`,
      `${province}, ${asOf}: nothing new to send (this date's reminders were already sent, or no task is due soon or overdue)`,
    ),
};
