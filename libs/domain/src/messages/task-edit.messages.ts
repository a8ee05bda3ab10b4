import type { Lang, Localised } from './localised';

const m = (vi: string, en: string): Localised => ({ vi: vi.normalize('NFC'), en });

/** Tasks and goals added, edited and cancelled in the web app (issue 19), and what a plan import then does with them. */
export const taskEditMessages = {
  noRightToEditPlan: (what: 'task' | 'goal') =>
    m(
      `Chỉ cán bộ Sở TT&TT của tỉnh hoặc quản trị viên mới được thêm, sửa hoặc hủy ${what === 'goal' ? 'mục tiêu' : 'nhiệm vụ'}`,
      `only the province's officers and admins may add, edit or cancel ${what}s`,
    ),
  documentNotFound: (code: string) => m(`Không có văn bản "${code}" trong tỉnh này`, `no document "${code}" in this province`),
  goalNotFound: (id: string) => m(`Không có mục tiêu có mã định danh "${id}"`, `no goal with id "${id}"`),
  taskNotFound: (id: string) => m(`Không có nhiệm vụ có mã định danh "${id}"`, `no task with id "${id}"`),
  noAccessToGoal: (code: string) => m(`Không có quyền xem mục tiêu ${code}`, `no access to goal ${code}`),
  provinceRequired: () => m('Quản trị viên cần chọn tỉnh (province)', 'an admin must name the province (province)'),
  invalidInput: () => m('Dữ liệu nhập chưa hợp lệ, xem lỗi ở từng trường', 'the input breaks the rules; see each field'),
  versionRequired: () =>
    m('Hãy gửi kèm If-Match với phiên bản đã đọc (trường "version")', 'send If-Match with the version you read (its "version")'),
  versionConflict: (what: string, code: string, current: number, expected: number) =>
    m(
      `${what === 'goal' ? 'Mục tiêu' : 'Nhiệm vụ'} ${code} đã được người khác cập nhật (phiên bản hiện tại ${current}, bạn đã đọc phiên bản ${expected}); hãy tải lại`,
      `${what} ${code} is at version ${current}, not ${expected}`,
    ),
  alreadyCancelled: (what: string, code: string) =>
    m(`${what === 'goal' ? 'Mục tiêu' : 'Nhiệm vụ'} ${code} đã bị hủy trước đó`, `${what} ${code} is already cancelled`),
};

/** Field messages of the add / edit / cancel forms, in the reader's language. */
const FIELD: Record<string, Localised> = {
  required: m('là bắt buộc', 'is required'),
  blank: m('không được để trống', 'must not be blank'),
  tooLong: m('quá dài', 'is too long'),
  codeForm: m(
    'chỉ gồm chữ, số và . _ / - (tối đa 32 ký tự, bắt đầu bằng chữ hoặc số)',
    'must be letters, digits and . _ / - (at most 32, starting with a letter or digit)',
  ),
  codeTaken: m('đã có trong văn bản này', 'is already used in this document'),
  groupUnknown: m('không phải nhóm của văn bản này', 'is not a group of this document'),
  agencyUnknown: m('không phải cơ quan của tỉnh', "is not one of the province's agencies"),
  supportRepeated: m('bị lặp lại hoặc trùng cơ quan chủ trì', 'is repeated or is the lead agency'),
  date: m('phải là ngày hợp lệ (YYYY-MM-DD)', 'must be a real date (YYYY-MM-DD)'),
  statusNew: m('không dùng được khi thêm mới (dùng «Hủy nhiệm vụ» để hủy)', 'cannot be used for a new task (cancel it instead)'),
  progressDone: m('phải là 100 (hoặc để trống) khi đã hoàn thành', 'must be 100 (or left out) when done'),
  indicatorUnknown: m('không phải chỉ số của tỉnh', "is not one of the province's indicators"),
  targetKind: m(
    'mục tiêu định lượng cần chỉ số và chỉ tiêu; mục tiêu mốc thì không',
    'a quantitative goal needs an indicator and a target; a milestone has neither',
  ),
  number: m('phải là một số', 'must be a number'),
  nothing: m('không có gì để sửa', 'nothing to change'),
  cancelledEdit: m('đã hủy, không sửa được', 'is cancelled and cannot be edited'),
};

export type FieldRule = keyof typeof FIELD;

/** `"due" phải là ngày hợp lệ (YYYY-MM-DD)` in the reader's language. */
export function fieldMessage(path: string, rule: FieldRule, lang: Lang): string {
  return `"${path}" ${FIELD[rule][lang]}`;
}

/** Tasks and goals the web app added or edited, as a plan import found them (its summary lists them). */
export interface WebItemsSeen {
  /** Added in the web app, not in the file: kept (or removed by --prune), by code. */
  keptTasks: string[];
  keptGoals: string[];
  removedTasks: string[];
  removedGoals: string[];
  /** Edited (or added) in the web app and stated by the file: the file's version now holds. */
  replacedTasks: string[];
  replacedGoals: string[];
}

export function noWebItems(): WebItemsSeen {
  return { keptTasks: [], keptGoals: [], removedTasks: [], removedGoals: [], replacedTasks: [], replacedGoals: [] };
}

/** The lines of an import's summary about them, e.g. "giữ lại 2 nhiệm vụ thêm trên web (NV1.9, NV2.4)". */
export function webItemLines(seen: WebItemsSeen, lang: Lang): string[] {
  const line = (codes: string[], vi: string, en: string) =>
    codes.length
      ? [
          lang === 'vi'
            ? `${vi.replace('N', String(codes.length))} (${codes.join(', ')})`
            : `${en.replace('N', String(codes.length))} (${codes.join(', ')})`,
        ]
      : [];
  return [
    ...line(seen.keptTasks, 'giữ lại N nhiệm vụ thêm trên web', 'kept N tasks added on the web'),
    ...line(seen.keptGoals, 'giữ lại N mục tiêu thêm trên web', 'kept N goals added on the web'),
    ...line(seen.removedTasks, 'xóa N nhiệm vụ thêm trên web (--prune)', 'removed N tasks added on the web (--prune)'),
    ...line(seen.removedGoals, 'xóa N mục tiêu thêm trên web (--prune)', 'removed N goals added on the web (--prune)'),
    ...line(seen.replacedTasks, 'N nhiệm vụ sửa trên web được cập nhật theo tệp', 'N tasks edited on the web now as the file states'),
    ...line(seen.replacedGoals, 'N mục tiêu sửa trên web được cập nhật theo tệp', 'N goals edited on the web now as the file states'),
  ];
}
