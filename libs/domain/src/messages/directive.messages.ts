import { DIRECTIVE_STATUS_LABELS_VI } from '../vi-format';
import { msg } from './msg';

const KIND_VI: Record<string, string> = { directive: 'ý kiến chỉ đạo', comment: 'góp ý', task: 'nhiệm vụ', goal: 'mục tiêu' };
const kind = (k: string) => KIND_VI[k] ?? k;

/** Directives and comments on tasks and goals. */
export const directiveMessages = {
  targetNotFound: (k: string, id: string) => msg(`Không tìm thấy ${kind(k)} có mã định danh "${id}"`, `no ${k} with id "${id}"`),
  agencyNotFound: (code: string) =>
    msg(`Không có cơ quan "${code}" trong tỉnh của đối tượng được chỉ đạo`, `no agency "${code}" in the target's province`),
  noRightToLeave: (k: string) => msg(`Không có quyền để lại ${kind(k)} ở đây`, `no right to leave a ${k} here`),
  onlyOpenAnswerable: (k: string, status: string) =>
    msg(
      `Chỉ trả lời được ý kiến chỉ đạo đang chờ trả lời (mục này là ${kind(k)}, ${DIRECTIVE_STATUS_LABELS_VI[status] ?? status})`,
      `only an open directive can be answered (this one is ${k}, ${status})`,
    ),
  alreadyClosed: (id: string) => msg(`${id} đã được đóng`, `${id} is already closed`),
  notFound: (id: string) =>
    msg(`Không tìm thấy ý kiến chỉ đạo hoặc góp ý có mã định danh "${id}"`, `no directive or comment with id "${id}"`),
  noRightToAnswer: (id: string) => msg(`Không có quyền trả lời ý kiến chỉ đạo ${id}`, `no right to answer directive ${id}`),
  noRightToClose: (id: string) => msg(`Không có quyền đóng ${id}`, `no right to close ${id}`),
  noAccess: (id: string) => msg(`Không có quyền xem ${id}`, `no access to ${id}`),
};
