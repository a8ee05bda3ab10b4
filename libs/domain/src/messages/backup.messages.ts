import { msg } from './msg';

/** Backups and restores. */
export const backupMessages = {
  orphanRows: () => msg('Bản sao lưu có các dòng thiếu dòng cha', 'the backup holds rows whose parents are missing'),
  notABackup: () =>
    msg(
      'Không phải là bản sao lưu dx-tracker (các dòng JSON nén gzip có phần đầu)',
      "not a dx-tracker backup (gzip'd JSON lines with a header)",
    ),
  wrongFormat: (format: string) => msg(`Không phải là tệp ${format}`, `not a ${format} file`),
  otherMigrations: (last: string) =>
    msg(
      `Bản sao lưu được tạo với các migration khác (${last}) so với phiên bản này`,
      `the backup was made with other migrations (${last}) than this version knows`,
    ),
  newerVersion: (backup: string, ours: string) =>
    msg(
      `Bản sao lưu ở migration ${backup}; phiên bản này ở ${ours}: hãy khôi phục bằng phiên bản đã tạo ra nó, rồi chạy migration`,
      `the backup is at migration ${backup}; this version is at ${ours}: restore with the version that made it, then migrate`,
    ),
  databaseNotEmpty: (table: string) =>
    msg(
      `Cơ sở dữ liệu đã có dữ liệu (bảng ${table}); hãy khôi phục vào một cơ sở dữ liệu trống`,
      `the database already holds data (table ${table}); restore into an empty database`,
    ),
  unknownTable: (name: string) =>
    msg(`Bản sao lưu có bảng mà lược đồ này không có: ${name}`, `the backup has a table this schema lacks: ${name}`),
  rowBeforeTable: () => msg('Bản sao lưu có một dòng đứng trước mọi bảng', 'a row before any table in the backup'),
  incomplete: (missing: string) =>
    msg(`Bản sao lưu không đầy đủ: thiếu ${missing} (tệp bị cắt cụt?)`, `the backup is incomplete: no ${missing} (truncated file?)`),
  damaged: (why: string) =>
    msg(`Tệp sao lưu bị hỏng (${why}); chưa khôi phục gì`, `the backup file is damaged (${why}); nothing was restored`),
};
