import type { Localised } from './localised';
import { msg, viDay } from './msg';

const valid = (from: string | null, to: string | null) => `${from ? viDay(from) : '…'} – ${to ? viDay(to) : '…'}`;

/** Why a reorganisation (dx-tracker/reorganisation@1) cannot be applied to the units of the database. */
export const reorganisationMessages = {
  mergeNeedsTwo: () => msg('một lần sáp nhập phải nêu ít nhất hai tỉnh', 'a merge names at least two provinces'),
  splitNeedsTwo: () => msg('một lần chia tách phải nêu ít nhất hai tỉnh', 'a split names at least two provinces'),
  renameNeedsNewCode: (code: string, name: string) =>
    msg(
      `tỉnh đổi tên phải có mã mới, để ${code} giữ tên "${name}" trong lịch sử`,
      `a renamed province gets a new code, so ${code} keeps its name "${name}" in the history`,
    ),
  noProvince: (code: string) => msg(`không có tỉnh nào mang mã "${code}"`, `no province has code "${code}"`),
  notValidDayBefore: (code: string, name: string, day: string, from: string | null, to: string | null) =>
    msg(
      `${code} ${name} không có hiệu lực vào ngày ${viDay(day)}, ngày trước khi thay đổi (hiệu lực ${valid(from, to)})`,
      `${code} ${name} is not valid on ${day}, the day before the change (valid ${from ?? '…'} – ${to ?? '…'})`,
    ),
  alreadyTakesPart: (code: string, other: string) => msg(`${code} đã có trong thay đổi ${other}`, `${code} already takes part in ${other}`),
  notProvinceCode: (code: string) =>
    msg(`"${code}" không phải là mã tỉnh (2–16 ký tự A-Z, 0-9, -)`, `"${code}" is not a province code (2-16 of A-Z, 0-9, -)`),
  continuesAs: (code: string, name: string) =>
    msg(
      `${code} tiếp tục với tên "${name}"; tên mới cần mã mới, để tên cũ còn trong lịch sử`,
      `${code} continues as "${name}"; a new name needs a new code, so the old name stays in the history`,
    ),
  alreadyCodeOf: (code: string, name: string) => msg(`"${code}" đã là mã của ${name}`, `"${code}" is already the code of ${name}`),
  alreadyCreatedBy: (code: string, before: string) => msg(`"${code}" đã được tạo ở ${before}`, `"${code}" is already created by ${before}`),
  notARealDate: (date: string) => msg(`"${date}" không phải là ngày có thật`, `"${date}" is not a real date`),
  withLine: (text: Localised, line: number) => msg(`${text.vi} (dòng ${line})`, `${text.en} (line ${line})`),
};
