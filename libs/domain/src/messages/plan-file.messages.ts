import type { Localised } from './localised';
import { msg } from './msg';

/** Vietnamese names of the values the plan-file formats allow, shown next to the value itself. */
const VALUE_LABELS_VI: Record<string, string> = {
  not_started: 'chưa bắt đầu',
  in_progress: 'đang thực hiện',
  done: 'hoàn thành',
  cancelled: 'đã hủy',
  met: 'đạt',
  not_met: 'không đạt',
  department: 'sở, ban, ngành',
  district: 'cấp huyện',
  commune: 'cấp xã',
  other: 'khác',
  ratio: 'tỷ lệ theo thang',
  percent: 'phần trăm',
  count: 'số đếm',
  amount: 'giá trị, số lượng',
  score: 'điểm',
  rank: 'thứ hạng',
  boolean: 'có/không',
  up: 'càng cao càng tốt',
  down: 'càng thấp càng tốt',
  resolution: 'nghị quyết',
  plan: 'kế hoạch',
  decision: 'quyết định',
  program: 'chương trình',
  report: 'báo cáo',
  province: 'cấp tỉnh',
  national: 'cấp quốc gia',
  '>=': 'không nhỏ hơn',
  '<=': 'không lớn hơn',
  '=': 'bằng',
  '>': 'lớn hơn',
  '<': 'nhỏ hơn',
  provinces: 'các tỉnh, thành phố',
  ministries: 'các bộ, ngành',
  'ministries-no-services': 'các bộ, ngành không cung cấp dịch vụ công',
};

/** What the last key of a path is, in Vietnamese, for messages about its value. */
const FIELD_LABELS_VI: Record<string, string> = {
  status: 'trạng thái',
  reported_status: 'trạng thái báo cáo',
  kind: 'loại',
  type: 'loại văn bản',
  scope: 'phạm vi',
  op: 'phép so sánh',
  direction: 'chiều đánh giá',
  group: 'nhóm',
};

/** `trạng thái` for `documents[0]…tasks[2].status`; `giá trị` for a key without a name of its own. */
export function fieldLabelVi(path: string): string {
  const key = /([^.[\]]+)(\[\d+\])*$/.exec(path)?.[1] ?? '';
  return FIELD_LABELS_VI[key] ?? 'giá trị';
}

/** `chưa bắt đầu (not_started)`: the Vietnamese name of an allowed value with the value to write. */
export function valueLabelVi(value: string): string {
  const label = VALUE_LABELS_VI[value];
  return label ? `${label} (${value})` : value;
}

/** What a value turned out to be, for "expected X, got Y". */
export const yamlNodeMessages = {
  nothing: () => msg('để trống', 'nothing'),
  mapping: () => msg('một bảng khóa: giá trị', 'a mapping'),
  list: () => msg('một danh sách', 'a list'),
  null: () => msg('null', 'null'),
  text: (s: string) => msg(`văn bản "${s}"`, `text "${s}"`),
  number: (s: string) => msg(`số ${s}`, `the number ${s}`),
  boolean: (b: boolean) => msg(`giá trị ${b}`, `the boolean ${b}`),
  unsupported: () => msg('một giá trị không được hỗ trợ', 'an unsupported value'),
};

/** Names of the coded values a pattern checks. */
export const planFileWhat = {
  documentNumber: () => msg('số hiệu văn bản', 'document number'),
  groupCode: () => msg('mã nhóm', 'group code'),
  goalCode: () => msg('mã mục tiêu', 'goal code'),
  taskCode: () => msg('mã nhiệm vụ', 'task code'),
  agencyCode: () => msg('mã cơ quan', 'agency code'),
  provinceCode: () => msg('mã tỉnh (2–16 ký tự A-Z, 0-9, -)', 'province code (2-16 characters A-Z, 0-9, -)'),
  indicatorCode: () => msg('mã chỉ tiêu (chữ thường a-z, 0-9 và -)', 'indicator code (lowercase a-z, 0-9 and -)'),
  dtiPartCode: () => msg('mã thành phần DTI (a-z, 0-9 và _)', 'part code (a-z, 0-9 and _)'),
  dtiFigure: () =>
    msg(
      'chỉ số DTI (rank, score, hoặc PHẦN.rank / PHẦN.score như government.rank)',
      'DTI figure (rank, score, or PART.rank / PART.score such as government.rank)',
    ),
  agency: () => msg('mã cơ quan', 'agency code'),
  indicator: () => msg('mã chỉ tiêu', 'indicator code'),
  document: () => msg('số hiệu văn bản', 'document code'),
  groupInDocument: () => msg('mã nhóm trong văn bản này', 'group code in this document'),
  goalInDocument: () => msg('mã mục tiêu trong văn bản này', 'goal code in this document'),
  taskInDocument: () => msg('mã nhiệm vụ trong văn bản này', 'task code in this document'),
  observation: () => msg('số liệu (chỉ tiêu / đơn vị / kỳ / nguồn)', 'observation (indicator / org / period / source)'),
  goals: () => msg('mục tiêu', 'goals'),
  tasks: () => msg('nhiệm vụ', 'tasks'),
  planFiles: () => msg('tệp kế hoạch', 'plan files'),
  reorganisationFiles: () => msg('tệp sắp xếp đơn vị hành chính', 'reorganisation files'),
  dtiFrameworkFiles: () => msg('tệp bộ chỉ số DTI', 'DTI framework files'),
};

/** The problems a plan file (or a reorganisation or DTI frameworks file) can have, each with its path and line. */
export const planFileMessages = {
  tooLarge: (size: string, what: Localised, limit: string) =>
    msg(`tệp nặng ${size} MiB; ${what.vi} chỉ được tối đa ${limit} MiB`, `file is ${size} MiB; ${what.en} are limited to ${limit} MiB`),
  cannotRead: (reason: string) => msg(`không đọc được tệp: ${reason}`, `cannot read file: ${reason}`),
  notUtf8: (offset: number) =>
    msg(`không phải văn bản UTF-8 hợp lệ (byte sai đầu tiên ở vị trí ${offset})`, `not valid UTF-8 (first bad byte at offset ${offset})`),
  yamlSyntax: (detail: string) => msg(`lỗi cú pháp YAML: ${detail}`, `YAML syntax: ${detail}`),
  emptyFile: () => msg('tệp trống', 'the file is empty'),
  tooDeep: (depth: number) => msg(`danh sách và bảng lồng nhau quá ${depth} cấp`, `lists and mappings nest more than ${depth} levels deep`),
  aliasBomb: (max: number) =>
    msg(
      `các alias YAML thêm hơn ${max} nút (hoặc tự tham chiếu); từ chối vì có thể là "bom alias"`,
      `YAML aliases add more than ${max} nodes (or refer to themselves); refusing a possible alias bomb`,
    ),
  schema: (expected: string, got: string) =>
    msg(`phải đúng là "${expected}", nhưng là "${got}"`, `must be exactly "${expected}", got "${got}"`),
  expectedMapping: (got: Localised) =>
    msg(`phải là một bảng khóa: giá trị, nhưng là ${got.vi}`, `expected a mapping (key: value), got ${got.en}`),
  unknownKey: (key: string, hint: string | null) =>
    msg(
      `khóa "${key}" không có trong định dạng${hint ? ` (có phải là "${hint}"?)` : ''}`,
      `unknown key "${key}"${hint ? ` (did you mean "${hint}"?)` : ''}`,
    ),
  expectedList: (got: Localised) => msg(`phải là một danh sách, nhưng là ${got.vi}`, `expected a list, got ${got.en}`),
  expectedText: (got: Localised) => msg(`phải là văn bản, nhưng là ${got.vi}`, `expected text, got ${got.en}`),
  expectedNumber: (got: Localised) => msg(`phải là một số, nhưng là ${got.vi}`, `expected a number, got ${got.en}`),
  expectedBoolean: (got: Localised) => msg(`phải là true hoặc false, nhưng là ${got.vi}`, `expected true or false, got ${got.en}`),
  empty: () => msg('không được để trống', 'must not be empty'),
  nul: () => msg('không được chứa ký tự NUL', 'must not contain NUL characters'),
  surrogate: () =>
    msg(
      'chứa một nửa cặp thay thế UTF-16 đứng lẻ, không phải văn bản Unicode',
      'contains an unpaired UTF-16 surrogate, which is not Unicode text',
    ),
  invalidCode: (value: string, what: Localised) =>
    msg(`"${value}" không phải là ${what.vi} hợp lệ`, `"${value}" is not a valid ${what.en}`),
  notADate: (value: string) =>
    msg(`"${value}" không phải là ngày có thật theo dạng YYYY-MM-DD`, `"${value}" is not a real date in the form YYYY-MM-DD`),
  notOneOf: (path: string, value: string, values: readonly string[]) =>
    msg(
      `${fieldLabelVi(path)} "${value}" không hợp lệ; chọn một trong: ${values.map(valueLabelVi).join(', ')}`,
      `"${value}" is not one of ${values.join(' | ')}`,
    ),
  wholeNumber: (min: number, max: number, got: string) =>
    msg(
      max === Number.MAX_SAFE_INTEGER
        ? `phải là số nguyên từ ${min} trở lên, nhưng là ${got}`
        : `phải là số nguyên từ ${min} đến ${max}, nhưng là ${got}`,
      `must be a whole number from ${min} to ${max}, got ${got}`,
    ),
  required: () => msg('bắt buộc phải có', 'is required'),
  greaterThanZero: () => msg('phải lớn hơn 0', 'must be greater than 0'),
  endsBeforeStart: (to: string, from: string) =>
    msg(`kết thúc (${to}) trước khi bắt đầu (${from})`, `ends (${to}) before it starts (${from})`),
  milestoneAndQuantitative: () =>
    msg(
      'một mục tiêu là mốc (milestone) hoặc định lượng (indicator + target), không thể là cả hai',
      'a goal is either a milestone or quantitative (indicator + target), not both',
    ),
  goalNeedsTarget: () =>
    msg('mục tiêu cần có indicator và target, hoặc milestone: true', 'a goal needs an indicator and a target, or milestone: true'),
  scaleRatioOnly: (kind: string) =>
    msg(`chỉ dùng cho chỉ tiêu tỷ lệ (ratio), không dùng cho ${valueLabelVi(kind)}`, `applies to ratio indicators only, not ${kind}`),
  dtiKindMismatch: (measure: string, kind: string) =>
    msg(
      `chỉ số DTI dạng ${measure} chỉ dùng cho chỉ tiêu loại ${valueLabelVi(measure)}, không dùng cho ${valueLabelVi(kind)}`,
      `a DTI ${measure} feeds an indicator of kind ${measure}, not ${kind}`,
    ),
  notAPeriod: (text: string) =>
    msg(
      `"${text}" không phải là kỳ số liệu (2023, 2023-H1, 2023-Q3, 2023-10 hoặc 2023-10-31)`,
      `"${text}" is not a period (2023, 2023-H1, 2023-Q3, 2023-10 or 2023-10-31)`,
    ),
  valueRequired: () =>
    msg('bắt buộc phải có (ghi value, hoặc numerator và denominator)', 'is required (give value, or numerator and denominator)'),
  exactlyOneChange: (kinds: string[]) =>
    msg(
      `ghi đúng một trong merge, rename, split, dissolve${kinds.length ? ` (đang có ${kinds.join(', ')})` : ''}`,
      `give exactly one of merge, rename, split, dissolve${kinds.length ? ` (got ${kinds.join(', ')})` : ''}`,
    ),
  doesNotGoWith: (kind: string) => msg(`không dùng cùng với ${kind}`, `does not go with ${kind}`),
  alreadyDescribed: (key: string, at: string) => msg(`${key} đã được mô tả ở ${at}`, `${key} is already described at ${at}`),
  duplicate: (what: Localised, key: string, first: string) =>
    msg(`${what.vi} "${key}" bị trùng (lần đầu ở ${first})`, `duplicate ${what.en} "${key}" (first at ${first})`),
  agencyIsProvince: (code: string) =>
    msg(`mã cơ quan "${code}" trùng với mã của chính tỉnh`, `agency code "${code}" is the province's own code`),
  noAgency: (code: string) => msg(`tệp này không có cơ quan mã "${code}"`, `no agency with code "${code}" in this file`),
  agencyCycle: (code: string) =>
    msg(`cơ quan "${code}" là cấp trên của chính nó (vòng lặp parent)`, `agency "${code}" is its own ancestor (parent cycle)`),
  notAnOrg: (code: string) =>
    msg(
      `"${code}" không phải mã tỉnh cũng không phải mã cơ quan nào trong tệp này`,
      `"${code}" is neither the province code nor an agency code in this file`,
    ),
  noIndicator: (code: string) => msg(`tệp này không có chỉ tiêu mã "${code}"`, `no indicator with code "${code}" in this file`),
  noDocument: (code: string) => msg(`tệp này không có văn bản số "${code}"`, `no document with code "${code}" in this file`),
  documentCycle: (code: string) =>
    msg(`văn bản "${code}" tự triển khai chính nó qua một vòng lặp`, `document "${code}" implements itself through a cycle`),
  declaredCount: (declared: number, what: Localised, actual: number) =>
    msg(
      `văn bản ghi ${declared} ${what.vi}, tệp có ${actual} (${actual < declared ? `còn ${declared - actual} chưa nhập` : `nhiều hơn ${actual - declared}`})`,
      `the document declares ${declared} ${what.en}, the file has ${actual} (${actual < declared ? `${declared - actual} not recorded yet` : `${actual - declared} more than declared`})`,
    ),
  reportedAsOfWithoutStatus: () => msg('có reported_as_of nhưng thiếu reported_status', 'is given without reported_status'),
  listedTwice: (code: string) => msg(`cơ quan "${code}" bị ghi hai lần`, `agency "${code}" is listed twice`),
  doneProgress: (progress: number) =>
    msg(`nhiệm vụ đã hoàn thành phải có tiến độ 100, nhưng là ${progress}`, `a done task has progress 100, got ${progress}`),
  scopeNotFound: (scope: string, document: string) =>
    msg(
      `"${scope}" không phải "document" cũng không phải mã nhóm nào của ${document}`,
      `"${scope}" is neither "document" nor a group code of ${document}`,
    ),
  claimsMoreThanOf: (met: number, of: number) => msg(`báo cáo ${met} đạt trên tổng số chỉ ${of}`, `claims ${met} met of only ${of}`),
  claimInconsistent: (met: number, open: number, of: number) =>
    msg(`tự mâu thuẫn: ${met} đạt + ${open} chưa đạt ≠ ${of}`, `is inconsistent with itself: ${met} met + ${open} open ≠ ${of}`),
  claimMetMismatch: (met: number, count: number) =>
    msg(
      `báo cáo ${met} đạt, nhưng ${count} mục tiêu trong phạm vi có reported_status: met`,
      `claims ${met} met, but ${count} goal(s) in scope have reported_status: met`,
    ),
  claimOpenMismatch: (open: number, count: number) =>
    msg(
      `báo cáo ${open} chưa đạt, nhưng ${count} mục tiêu trong phạm vi được báo cáo là không đạt hoặc đang thực hiện`,
      `claims ${open} open, but ${count} goal(s) in scope are reported as not met or in progress`,
    ),
  /** A problem `measuredDecimal` found (English only there), in both languages. */
  decimal: (problem: string): Localised => {
    const digits = /more than (\d+) (digits before|digits after|significant)/.exec(problem);
    if (!digits) return msg(problem.replace(/ is not a finite decimal number$/, ' không phải là một số thập phân hữu hạn'), problem);
    const where = {
      'digits before': 'chữ số trước dấu thập phân',
      'digits after': 'chữ số sau dấu thập phân',
      significant: 'chữ số có nghĩa',
    };
    return msg(`có hơn ${digits[1]} ${where[digits[2] as keyof typeof where]}`, problem);
  },
};

/** The observation rules' problems (docs/plan-format.md, "Value checks"), for plan files, the API and uploads. */
export const observationRuleMessages = {
  missingValue: () => msg('bắt buộc phải có (hoặc tử số và mẫu số)', 'is required (or numerator and denominator)'),
  valueWithoutDenominator: () => msg('bắt buộc phải có khi không ghi mẫu số', 'is required when the denominator is not given'),
  denominatorNotPositive: (d: string) => msg(`phải lớn hơn 0, nhưng là ${d}`, `must be greater than 0, got ${d}`),
  numeratorNegative: (n: string) => msg(`không được âm, nhưng là ${n}`, `must not be negative, got ${n}`),
  disagrees: (value: string, numerator: string, denominator: string, computed: string, tolerance: string) =>
    msg(
      `${value} lệch với ${numerator}/${denominator} = ${computed} quá ${tolerance}`,
      `${value} disagrees with ${numerator}/${denominator} = ${computed} by more than ${tolerance}`,
    ),
  outsideScale: (value: string, scale: string, kind: string, code: string) =>
    msg(
      `${value} nằm ngoài khoảng 0..${scale} của chỉ tiêu ${valueLabelVi(kind)} "${code}"`,
      `${value} is outside 0..${scale} for ${kind} indicator "${code}"`,
    ),
  withUnit: (m: Localised, unit: string) => msg(`${m.vi} (đơn vị "${unit}")`, `${m.en} (unit "${unit}")`),
  notBoolean: (code: string) => msg(`phải là 0 hoặc 1 với chỉ tiêu có/không "${code}"`, `must be 0 or 1 for boolean indicator "${code}"`),
  implausible: (m: Localised) => msg(`có vẻ không hợp lý: ${m.vi}`, `looks implausible: ${m.en}`),
  rankNotWhole: (v: string) => msg(`thứ hạng ${v} không phải số nguyên ≥ 1`, `rank ${v} is not a whole number ≥ 1`),
  countNotWhole: (v: string) => msg(`số đếm ${v} không phải số nguyên ≥ 0`, `count ${v} is not a whole number ≥ 0`),
  negative: (kind: string, v: string) => msg(`${valueLabelVi(kind)} âm: ${v}`, `negative ${kind} ${v}`),
};

/** Problems that make a DTI framework (dx-tracker/dti-frameworks@1) unusable. */
export const dtiFrameworkMessages = {
  namesWholeIndex: (total: string) => msg(`"${total}" là tên của cả chỉ số`, `"${total}" names the whole index`),
  alreadyUsed: (code: string, by: string) => msg(`"${code}" đã được dùng ở ${by}`, `"${code}" is already used by ${by}`),
  notAPillar: (pillar: string, pillars: string) =>
    msg(
      `"${pillar}" không phải là trụ cột nào của bộ chỉ số này (${pillars})`,
      `"${pillar}" is not one of this framework's pillars (${pillars})`,
    ),
  weights: (sum: string) => msg(`tổng trọng số là ${sum}, không phải 1 (hoặc 100%)`, `weights add up to ${sum}, not 1 (or 100%)`),
  fromYear: (year: number) => msg(`phải trước năm ${year}`, `must be before ${year}`),
  notAPart: (code: string, year: number) =>
    msg(`"${code}" không phải là thành phần của bộ chỉ số năm ${year}`, `"${code}" is not a part of the ${year} framework`),
};
