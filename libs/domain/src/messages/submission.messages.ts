import { msg } from './msg';

const STATUS_VI: Record<string, string> = {
  submitted: 'chờ duyệt',
  approved: 'được duyệt',
  returned: 'bị trả lại',
  rejected: 'bị từ chối',
};

/** Updates that wait for an officer's approval, and the province's settings. */
export const submissionMessages = {
  notFound: (id: string) => msg(`Không tìm thấy bản gửi duyệt có mã định danh "${id}"`, `no submission with id "${id}"`),
  taskGone: (id: string) => msg(`Nhiệm vụ của bản gửi duyệt ${id} không còn tồn tại`, `the task of submission ${id} no longer exists`),
  taskChanged: (code: string, base: number | null, now: number) =>
    msg(
      `Nhiệm vụ ${code} đã thay đổi từ khi người báo cáo đọc (phiên bản ${base} → ${now}); hãy trả lại bản gửi duyệt`,
      `task ${code} changed since the reporter read it (version ${base} → ${now}); return the submission`,
    ),
  noLongerTracked: (id: string) =>
    msg(
      `Bản gửi duyệt ${id} không còn ứng với một chỉ tiêu và đơn vị đang theo dõi`,
      `submission ${id} no longer names a tracked indicator and org unit`,
    ),
  alreadyDecided: (id: string, status: string) =>
    msg(`Bản gửi duyệt ${id} đã ${STATUS_VI[status] ?? status}`, `submission ${id} was already ${status}`),
  noRightToDecide: (id: string) => msg(`Không có quyền duyệt bản gửi duyệt ${id}`, `no right to decide submission ${id}`),
  noRightToSettings: (province: string) =>
    msg(`Không có quyền thay đổi cài đặt của tỉnh ${province}`, `no right to change the settings of ${province}`),
};
