import { msg } from '@dx/domain';

/** A DTI table's problems (CSV rows), each in Vietnamese and English. */
export const dtiTableMessages = {
  notUtf8Csv: (detail: string) => msg(`không phải tệp CSV UTF-8: ${detail}`, `not a UTF-8 CSV file: ${detail}`),
  unknownColumn: (columns: string) => msg(`cột không có trong mẫu; các cột là ${columns}`, `unknown column; the columns are ${columns}`),
  required: () => msg('bắt buộc phải có', 'is required'),
  notANumber: (text: string) => msg(`"${text}" không phải là một số`, `"${text}" is not a number`),
  notARank: (text: string) =>
    msg(`"${text}" không phải là thứ hạng (một số nguyên từ 1)`, `"${text}" is not a rank (a whole number from 1)`),
  notAPartRank: (text: string) => msg(`"${text}" không phải là thứ hạng`, `"${text}" is not a rank`),
  scoreOrRank: () => msg('ghi điểm (score) hoặc thứ hạng (rank)', 'give a score or a rank'),
  duplicateName: (name: string, row: number) => msg(`"${name}" đã có ở dòng ${row}`, `"${name}" is already in row ${row}`),
  tableFileName: (groups: string) =>
    msg(`đặt tên bảng là NĂM-NHÓM.csv, NHÓM là một trong ${groups}`, `name tables YEAR-GROUP.csv, GROUP one of ${groups}`),
};
