import { Localised } from './localised';
import { msg } from './msg';

/** Names of the things an access message is about: "tỉnh DNG", "nhiệm vụ …". */
export const things = {
  province: (code: string) => msg(`tỉnh ${code}`, `province ${code}`),
  task: (id: string) => msg(`nhiệm vụ ${id}`, `task ${id}`),
  goal: (id: string) => msg(`mục tiêu ${id}`, `goal ${id}`),
  report: (id: string) => msg(`báo cáo ${id}`, `report ${id}`),
  job: (id: string) => msg(`tác vụ ${id}`, `job ${id}`),
  item: (id: string) => msg(`mục ${id}`, id),
};

/** Refusals: who may read or change what. */
export const accessMessages = {
  noAccessTo: (what: Localised) => msg(`Không có quyền xem ${what.vi}`, `no access to ${what.en}`),
  noAccessToAuditLog: () => msg('Không có quyền xem nhật ký thao tác này', 'no access to this audit log'),
  onlyAdminsReadAll: () =>
    msg('Hãy chọn tỉnh (province=MÃ): chỉ quản trị viên mới xem được mọi tỉnh', 'give province=CODE: only admins read every province'),
};
