import type { Lang, Localised } from '@dx/domain';

/** One field's problem as the validation pipe and the services report it. */
export interface FieldProblem {
  path: string;
  messages: (string | Localised)[];
  /** The rules that failed (class-validator constraint names), for translation; not sent. */
  rules?: string[];
  /** The limit of a failed limit rule (`max` → "200"), for translation; not sent. */
  limits?: Record<string, string>;
}

/** Rules about the kind of value: when one fails, the others (length, range, …) say nothing more. */
const TYPE_RULES = [
  'isInt',
  'isNumber',
  'isNumberString',
  'isString',
  'isBoolean',
  'isObject',
  'isArray',
  'isIn',
  'isEnum',
  'isUrl',
  'isUUID',
  'isDateString',
  'matches',
  'nestedValidation',
];

/** A limit rule, how class-validator's message names its value, and the English we send. */
const LIMIT_RULES: Record<string, [RegExp, (path: string, n: string) => string]> = {
  max: [/must not be greater than (\S+)/, (p, n) => `${p} must not exceed ${n}`],
  min: [/must not be less than (\S+)/, (p, n) => `${p} must be at least ${n}`],
  maxLength: [/shorter than or equal to (\d+)/, (p, n) => `${p} must be at most ${n} characters long`],
  minLength: [
    /longer than or equal to (\d+)/,
    (p, n) => (n === '1' ? `${p} must not be empty` : `${p} must be at least ${n} characters long`),
  ],
  arrayMaxSize: [/no more than (\d+)/, (p, n) => `${p} must hold at most ${n} items`],
  arrayMinSize: [/at least (\d+)/, (p, n) => `${p} must hold at least ${n} items`],
};

/**
 * The failed rules of one field as one problem a person can act on: "required" when the
 * value is missing, only the kind of value when that is wrong (text in a number field
 * says that, not also its range), and limits with their value.
 */
export function fieldProblem(path: string, value: unknown, constraints: Record<string, string>): FieldProblem & { messages: string[] } {
  const rules = Object.keys(constraints);
  if (rules.includes('whitelistValidation')) return { path, rules: ['whitelistValidation'], messages: [constraints.whitelistValidation] };
  if (value === undefined || value === null) return { path, rules: ['isDefined'], messages: [`${path} is required`] };
  const type = rules.find((r) => TYPE_RULES.includes(r));
  const kept = type ? [type] : rules;
  const limits: Record<string, string> = {};
  const messages = kept.map((rule) => {
    const [pattern, english] = LIMIT_RULES[rule] ?? [];
    const n = pattern?.exec(constraints[rule])?.[1];
    if (!n || !english) return constraints[rule];
    limits[rule] = n;
    return english(path, n);
  });
  return { path, rules: kept, messages, ...(Object.keys(limits).length ? { limits } : {}) };
}

/** Vietnamese for a validation rule that failed (class-validator's constraint names); `n` is a limit's value. */
const RULES_VI: Record<string, (n: string) => string> = {
  whitelistValidation: () => 'không phải là trường được chấp nhận',
  isDefined: () => 'là bắt buộc',
  isIn: () => 'không nằm trong các giá trị cho phép',
  isEnum: () => 'không nằm trong các giá trị cho phép',
  matches: () => 'sai định dạng',
  isInt: () => 'phải là số nguyên',
  isNumber: () => 'phải là một số',
  isNumberString: () => 'phải là một số',
  min: (n) => `không được nhỏ hơn ${n}`,
  max: (n) => `không được lớn hơn ${n}`,
  maxLength: (n) => `không được dài quá ${n} ký tự`,
  minLength: (n) => (n === '1' ? 'không được để trống' : `phải có ít nhất ${n} ký tự`),
  arrayMaxSize: (n) => `chỉ được có tối đa ${n} phần tử`,
  arrayMinSize: (n) => `phải có ít nhất ${n} phần tử`,
  arrayNotEmpty: () => 'không được để trống',
  isNotEmpty: () => 'không được để trống',
  isString: () => 'phải là chuỗi ký tự',
  isBoolean: () => 'phải là true hoặc false',
  isArray: () => 'phải là một danh sách',
  isObject: () => 'phải là một đối tượng',
  nestedValidation: () => 'phải là một đối tượng',
  isUrl: () => 'phải là địa chỉ http(s)',
  isUUID: () => 'phải là mã định danh (UUID)',
  isDateString: () => 'phải là ngày giờ dạng ISO 8601',
  nul: () => 'không được chứa ký tự NUL',
  surrogate: () => 'phải là văn bản Unicode hợp lệ',
};

/** What a `matches` rule asks for, told by its English message (the DTOs word each pattern's message). */
const MATCHES_VI: [RegExp, string][] = [
  [/province code/, 'phải là mã tỉnh: 2–16 ký tự A-Z, 0-9 hoặc -'],
  [/^period must be/, 'phải là kỳ báo cáo: 2023, 2023-H1, 2023-Q3, 2023-10 hoặc 2023-10-31, hoặc tên như Quý 3/2024, Tháng 10/2023'],
  [/date YYYY-MM-DD/, 'phải là ngày dạng YYYY-MM-DD'],
  [/must be a (decimal )?number/, 'phải là một số, ví dụ 81, 99,2 (dấu phẩy thập phân) hoặc 1.034'],
  [/\(UUID\)|must be a UUID/, 'phải là mã định danh (UUID)'],
  [/indicator code/, 'phải là mã chỉ tiêu (chữ thường a-z, 0-9 và dấu -)'],
];

function ruleVi(rule: string, limit: string | undefined, english: string | Localised | undefined): string {
  if (rule === 'matches' && typeof english === 'string') {
    const known = MATCHES_VI.find(([pattern]) => pattern.test(english));
    if (known) return known[1];
  }
  return RULES_VI[rule]?.(limit ?? '') ?? 'không hợp lệ';
}

/** Field problems as the reader's language has them; the rules and limits used to translate stay here. */
export function localiseErrors(errors: FieldProblem[], lang: Lang): { path: string; messages: string[] }[] {
  return errors.map(({ path, messages, rules, limits, ...rest }) => ({
    path,
    ...rest,
    messages:
      lang === 'vi' && rules?.length
        ? rules.map((r, i) => `"${path}" ${ruleVi(r, limits?.[r], messages[i])}`)
        : messages.map((m) => (typeof m === 'string' ? m : m[lang])),
  }));
}
