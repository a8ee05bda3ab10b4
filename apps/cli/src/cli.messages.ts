import { msg, viDate, viDateTime } from '@dx/domain';

/** Column and row names of the import table. */
const ENTITY_VI: Record<string, string> = {
  provinces: 'tỉnh',
  agencies: 'cơ quan',
  indicators: 'chỉ tiêu',
  documents: 'văn bản',
  goal_groups: 'nhóm mục tiêu',
  task_groups: 'nhóm nhiệm vụ',
  goals: 'mục tiêu',
  tasks: 'nhiệm vụ',
  reported_claims: 'số liệu báo cáo',
  observations: 'số liệu',
};

const STAGE_VI: Record<string, string> = {
  connecting: 'đang kết nối',
  'province and agencies': 'tỉnh và cơ quan',
  indicators: 'chỉ tiêu',
  'documents and groups': 'văn bản và nhóm',
  observations: 'số liệu',
  'clean-up': 'dọn dẹp',
  done: 'xong',
};

const rows = (tables: number, rowCount: number) => msg(`${tables} bảng, ${rowCount} dòng`, `${tables} table(s), ${rowCount} row(s)`);

/** Everything the CLI prints that is not a domain error: results, progress, tables, its own errors. */
export const cliMessages = {
  error: (text: string) => msg(`lỗi: ${text}`, `error: ${text}`),
  cannotRead: (path: string, code: string) => msg(`không đọc được ${path} (${code})`, `cannot read ${path} (${code})`),
  theFile: () => msg('tệp', 'the file'),
  cannotConnect: (address: string, code: string) =>
    msg(
      `không kết nối được cơ sở dữ liệu ở ${address} (${code}): kiểm tra DATABASE_URL và máy chủ PostgreSQL`,
      `cannot connect to the database at ${address} (${code}): check DATABASE_URL and the PostgreSQL server`,
    ),
  invalidConfig: () => msg('cấu hình không hợp lệ:', 'invalid configuration:'),
  pendingMigrations: () =>
    msg(
      'lược đồ cơ sở dữ liệu chưa được cập nhật: hãy chạy `npm run cli -- migrate` trước',
      'the database schema is not up to date: run `npm run cli -- migrate` first',
    ),
  embeddedBusy: (dir: string, pid: number, port: number) =>
    msg(
      `cơ sở dữ liệu nhúng ở ${dir} đang được tiến trình ${pid} dùng (cổng ${port})`,
      `the embedded database in ${dir} is in use by process ${pid} (port ${port})`,
    ),
  notADate: (option: string, value: string) =>
    msg(`${option}: "${value}" không phải là ngày dạng YYYY-MM-DD`, `${option}: "${value}" is not a date YYYY-MM-DD`),
  noProvince: (code: string) => msg(`không có tỉnh mã "${code}"`, `no province with code "${code}"`),
  noDocument: (document: string, province: string) =>
    msg(
      `không có văn bản "${document}"${province ? ` ở tỉnh ${province}` : ''}`,
      `no document "${document}"${province ? ` in ${province}` : ''}`,
    ),

  warning: (line: string) => msg(`cảnh báo: ${line}`, `warning: ${line}`),
  nothingWritten: (file: string, errors: number) =>
    msg(`${file}: ${errors} lỗi; chưa ghi gì`, `${file}: ${errors} error(s); nothing was written`),
  invalidFile: (file: string, errors: number, warnings: number) =>
    msg(`${file}: không hợp lệ, ${errors} lỗi, ${warnings} cảnh báo`, `${file}: invalid, ${errors} error(s), ${warnings} warning(s)`),
  validFile: (file: string, warnings: number) => msg(`${file}: hợp lệ, ${warnings} cảnh báo`, `${file}: valid, ${warnings} warning(s)`),

  importing: (file: string, warnings: number, province: string) =>
    msg(
      `${file}: hợp lệ (${warnings} cảnh báo); đang nhập ${province}…`,
      `${file}: valid (${warnings} warning(s)); importing ${province}…`,
    ),
  importBar: () => msg('đang nhập [{bar}] {value}/{total} {stage}', 'importing [{bar}] {value}/{total} {stage}'),
  stage: (stage: string) => msg(STAGE_VI[stage] ?? stage, stage),
  importHead: () => [
    msg('', ''),
    msg('tạo mới', 'created'),
    msg('cập nhật', 'updated'),
    msg('không đổi', 'unchanged'),
    msg('đã xóa', 'removed'),
    msg('giữ lại (không có trong tệp)', 'kept (not in file)'),
  ],
  entity: (entity: string) => msg(ENTITY_VI[entity] ?? entity, entity),
  removed: (items: string) => msg(`đã xóa (--prune): ${items}`, `removed (--prune): ${items}`),
  dryRun: (province: string, noOp: boolean) =>
    msg(
      `chạy thử cho ${province}: ${noOp ? 'sẽ không có gì thay đổi' : 'các thay đổi ở trên đã được hoàn tác'}`,
      `dry run for ${province}: ${noOp ? 'nothing would change' : 'the changes above were rolled back'}`,
    ),
  imported: (province: string, noOp: boolean, runId: string | null) =>
    msg(
      `đã nhập ${province}: ${noOp ? 'không có gì thay đổi' : 'đã ghi các thay đổi'} (lần nhập ${runId})`,
      `imported ${province}: ${noOp ? 'nothing changed' : 'changes written'} (import run ${runId})`,
    ),

  exportedHeader: (at: Date) => msg(`Xuất từ dx-tracker lúc ${viDateTime(at)}`, `Exported by dx-tracker on ${at.toISOString()}`),
  exported: (file: string, documents: number, observations: number) =>
    msg(
      `đã ghi ${file} (${documents} văn bản, ${observations} số liệu)`,
      `wrote ${file} (${documents} documents, ${observations} observations)`,
    ),

  reverted: () => msg('đã hoàn tác migration gần nhất', 'reverted the last migration'),
  applied: (names: string[]) =>
    msg(`đã áp dụng ${names.length} migration: ${names.join(', ')}`, `applied ${names.length} migration(s): ${names.join(', ')}`),
  upToDate: () => msg('lược đồ cơ sở dữ liệu đã là mới nhất', 'schema is up to date'),

  recomputeBar: () =>
    msg('đang tính lại [{bar}] {percentage}% ({value}/{total} bước)', 'recomputing [{bar}] {percentage}% ({value}/{total} steps)'),
  recomputed: (n: { provinces: number; asOf: string; changed: number; rows: number; events: number }) =>
    msg(
      `đã tính lại ${n.provinces} tỉnh, tính đến ngày ${viDate(n.asOf)}: ${n.changed} tỉnh thay đổi (${n.rows} dòng, ${n.events} sự kiện trạng thái), ${n.provinces - n.changed} không đổi`,
      `recomputed ${n.provinces} province(s) as of ${n.asOf}: ${n.changed} changed (${n.rows} rows, ${n.events} status events), ${n.provinces - n.changed} unchanged`,
    ),

  reportBar: () => msg('báo cáo [{bar}] {percentage}%', 'report [{bar}] {percentage}%'),
  reportMade: (id: string | null, asOf: string | null, met: number, total: number, checksum: string) =>
    msg(
      `báo cáo ${id} tính đến ngày ${asOf ? viDate(asOf) : '—'}: ${met}/${total} mục tiêu đạt; mã kiểm tra ${checksum}`,
      `report ${id} as of ${asOf}: ${met}/${total} targets met; checksum ${checksum}`,
    ),
  reportFormats: () => msg('pdf, xlsx, docx hoặc một danh sách như pdf,xlsx', 'pdf, xlsx, docx or a list such as pdf,xlsx'),

  dtiImportingFile: (file: string) => msg(`đang nhập ${file}`, `importing ${file}`),
  dtiImported: (t: { year: number; group: string; rows: number; matched: number }, file?: string) =>
    msg(
      `đã nhập DTI ${t.year} ${t.group}: ${t.rows} dòng, ${t.matched} dòng khớp với tỉnh trong cơ sở dữ liệu${file ? ` (${file})` : ''}`,
      `imported DTI ${t.year} ${t.group}: ${t.rows} row(s), ${t.matched} matched to provinces here${file ? ` (${file})` : ''}`,
    ),
  dtiDirectory: (frameworks: number, tables: number) =>
    msg(`${frameworks} bộ chỉ số, ${tables} bảng`, `${frameworks} framework(s), ${tables} table(s)`),
  dtiFrameworks: (created: number, updated: number) =>
    msg(`bộ chỉ số DTI: ${created} mới, ${updated} thay thế`, `DTI frameworks: ${created} new, ${updated} replaced`),
  aYear: () => msg('một năm, ví dụ 2022', 'a year, e.g. 2022'),

  orgsAlreadyApplied: (code: string, effective: string) =>
    msg(
      `${code} (hiệu lực từ ${viDate(effective)}) đã được áp dụng từ tệp này; không có gì thay đổi`,
      `${code} (effective ${effective}) was already applied from this file; nothing changed`,
    ),
  orgsReferenceCreated: (effective: string, codes: string) =>
    msg(
      `tạo từ danh mục tham chiếu, như trước ngày ${viDate(effective)}: ${codes}`,
      `created from the reference list, as they were before ${effective}: ${codes}`,
    ),
  orgsCreated: (effective: string, codes: string) =>
    msg(`tỉnh mới từ ngày ${viDate(effective)}: ${codes}`, `new provinces from ${effective}: ${codes}`),
  orgsEnded: (n: number, codes: string) =>
    msg(`đơn vị kết thúc vào ngày hôm trước (${n}): ${codes}`, `units ending on the day before (${n}): ${codes}`),
  orgsSuccessions: (n: number) => msg(`${n} liên kết kế thừa`, `${n} succession link(s)`),
  orgsDryRun: (code: string) => msg(`chạy thử: chưa áp dụng ${code}`, `dry run: ${code} was not applied`),
  orgsApplied: (code: string, title: string) => msg(`đã áp dụng ${code}: ${title}`, `applied ${code}: ${title}`),

  backedUpTable: (table: string, n: number) => msg(`đã sao lưu ${table}: ${n} dòng`, `backed up ${table}: ${n} row(s)`),
  backupWritten: (file: string, tables: number, rowCount: number) =>
    msg(`đã ghi ${file}: ${rows(tables, rowCount).vi}`, `wrote ${file}: ${rows(tables, rowCount).en}`),
  restoredTable: (table: string, n: number) => msg(`đã khôi phục ${table}: ${n} dòng`, `restored ${table}: ${n} row(s)`),
  restored: (file: string, tables: number, rowCount: number) =>
    msg(`đã khôi phục ${file}: ${rows(tables, rowCount).vi}`, `restored ${file}: ${rows(tables, rowCount).en}`),

  oneOf: (values: readonly string[]) => msg(`một trong ${values.join(', ')}`, `one of ${values.join(', ')}`),
  scopesFrom: (values: readonly string[]) =>
    msg(`các phạm vi cách nhau bởi dấu phẩy, trong số ${values.join(', ')}`, `comma-separated scopes from ${values.join(', ')}`),
  accountCreated: (role: string, username: string, where: string) =>
    msg(
      `đã tạo tài khoản ${role} "${username}"${where ? ` thuộc ${where}` : ''}`,
      `created ${role} "${username}"${where ? ` in ${where}` : ''}`,
    ),
  password: (password: string) => msg(`mật khẩu: ${password}`, `password: ${password}`),
  passwordReset: (username: string) => msg(`đã đặt lại mật khẩu của "${username}"`, `password of "${username}" reset`),
  tokenCreated: (id: string, username: string, scopes: string) =>
    msg(`token ${id} cho "${username}" (${scopes})`, `token ${id} for "${username}" (${scopes})`),
  tokenRevoked: (id: string) => msg(`đã thu hồi token ${id}`, `token ${id} revoked`),
};
