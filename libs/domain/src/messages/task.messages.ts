import { msg } from './msg';

/** Tasks and their updates. */
export const taskMessages = {
  notFound: (id: string) => msg(`Không tìm thấy nhiệm vụ có mã định danh "${id}"`, `no task with id "${id}"`),
  versionRequired: () =>
    msg(
      'Hãy gửi kèm If-Match với phiên bản đã đọc (trường "version" hoặc ETag của nhiệm vụ)',
      'send If-Match with the version you read (the task\'s "version" or ETag)',
    ),
  versionNotNumber: (value: string) =>
    msg(`If-Match "${value}" không phải là số phiên bản (ví dụ: "3")`, `If-Match "${value}" is not a version number (e.g. "3")`),
  versionNotNumberRule: () => msg('phải là số phiên bản, ví dụ "3"', 'must be a version number such as "3"'),
  changedWhileUpdating: (code: string) =>
    msg(
      `Nhiệm vụ ${code} đã bị thay đổi trong lúc đang cập nhật; hãy tải lại và thử lại`,
      `task ${code} changed while it was being updated`,
    ),
  versionConflict: (code: string, current: number, expected: number) =>
    msg(
      `Nhiệm vụ ${code} đã được người khác cập nhật (phiên bản hiện tại ${current}, bạn đã đọc phiên bản ${expected}); hãy tải lại`,
      `task ${code} is at version ${current}, not ${expected}`,
    ),
  noRightToUpdate: (code: string) => msg(`Không có quyền cập nhật nhiệm vụ ${code}`, `no right to update task ${code}`),
  updateBreaksRules: () => msg('Nội dung cập nhật vi phạm quy tắc của nhiệm vụ', 'the update breaks the task rules'),
};
