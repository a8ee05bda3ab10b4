import { Command } from 'commander';
import { cliLang } from './cli-lang';
import { writeCommanderError } from './cli-errors';

/** What each command does, in Vietnamese (keyed by its path, e.g. `dti import`); options are described in English. */
const DESCRIPTIONS_VI: Record<string, string> = {
  'dx-tracker':
    'Dòng lệnh dx-tracker: tệp kế hoạch và cơ sở dữ liệu.\nDùng DATABASE_URL, hoặc cơ sở dữ liệu nhúng trong DX_DATA_DIR (mặc định ./.dx-data). DX_LANG=en: tiếng Anh.',
  validate: 'kiểm tra một tệp kế hoạch (dx-tracker/plan@1), không ghi gì',
  import: 'kiểm tra tệp kế hoạch rồi ghi cả tệp trong một giao dịch (khớp các dòng theo mã)',
  export: 'xuất một tỉnh thành tệp kế hoạch (dx-tracker/plan@1)',
  migrate: 'áp dụng các migration còn thiếu của cơ sở dữ liệu (hoặc hoàn tác migration gần nhất)',
  recompute: 'tính lại trạng thái, tổng hợp, so sánh chỉ tiêu và đối chiếu ngay (worker làm việc này sau mỗi lần ghi)',
  status: 'in cây kế hoạch của một tỉnh với trạng thái, tổng hợp, đối chiếu và chỉ tiêu',
  report: 'lập báo cáo tiến độ (PDF, XLSX, DOCX), lưu lại và ghi ra tệp',
  reminders: 'nhắc việc các cơ quan: gửi thông báo nhắc việc ngay, công văn đôn đốc',
  'reminders send':
    'gửi ngay các nhắc việc mà lịch hằng ngày sẽ gửi vào một ngày (nhiệm vụ sắp đến hạn, quá hạn; chỉ đạo quá hạn); chạy lại không gửi trùng',
  'reminders dispatch': 'viết công văn đôn đốc (PDF) gửi các cơ quan có nhiệm vụ quá hạn hoặc sắp đến hạn',
  dti: 'bộ chỉ số và kết quả DTI (chỉ số chuyển đổi số)',
  'dti import': 'nhập bảng DTI của một năm (CSV), hoặc một thư mục như data/dti/, trong một giao dịch',
  'dti framework': 'ghi nhận bộ chỉ số DTI (YAML dx-tracker/dti-frameworks@1), thay cho bộ chỉ số của các năm đó',
  orgs: 'đơn vị theo thời gian: sắp xếp tỉnh và các đơn vị trực thuộc',
  'orgs apply': 'áp dụng một tệp sắp xếp đơn vị hành chính (YAML dx-tracker/reorganisation@1); áp dụng lại cùng tệp không thay đổi gì',
  backup: 'sao lưu toàn bộ cơ sở dữ liệu (nhúng hoặc PostgreSQL) từ một ảnh chụp nhất quán: các dòng JSON nén gzip',
  restore: 'khôi phục một bản sao lưu vào cơ sở dữ liệu trống (migration trước), trong một giao dịch',
  'user:create': 'tạo tài khoản; in mật khẩu được sinh ngẫu nhiên, trừ khi --password-stdin đưa mật khẩu vào',
  'user:reset-password': 'đặt mật khẩu mới (sinh ngẫu nhiên và in ra, trừ khi --password-stdin đưa vào); kết thúc các phiên của tài khoản',
  'token:create': 'tạo token API thay mặt một tài khoản trong các phạm vi đã cho; token chỉ hiện một lần',
  'token:revoke': 'thu hồi một token API theo mã',
};

const TITLES_VI: Record<string, string> = {
  'Usage:': 'Cách dùng:',
  'Arguments:': 'Tham số:',
  'Options:': 'Tùy chọn:',
  'Commands:': 'Lệnh:',
  'Global Options:': 'Tùy chọn chung:',
};

/**
 * Commander's own texts in the CLI's language, for every command (added commands do not inherit settings): its
 * errors, the hint after them, the help's headings, the help option and command, and what each command does.
 */
export function localiseCommands(program: Command): void {
  const vi = cliLang() === 'vi';
  const configure = (command: Command, path: string): void => {
    command
      .configureOutput({ outputError: writeCommanderError })
      .showHelpAfterError(vi ? '(thêm --help để xem hướng dẫn)' : '(add --help for additional information)');
    if (vi) {
      command.configureHelp({ styleTitle: (title) => TITLES_VI[title] ?? title });
      command.helpOption('-h, --help', 'hiển thị hướng dẫn');
      if (command.commands.length) command.helpCommand('help [command]', 'hướng dẫn của một lệnh');
      if (DESCRIPTIONS_VI[path]) command.description(DESCRIPTIONS_VI[path]);
    }
    for (const sub of command.commands) configure(sub, path === 'dx-tracker' ? sub.name() : `${path} ${sub.name()}`);
  };
  configure(program, 'dx-tracker');
}
