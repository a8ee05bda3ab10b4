/** A demo account created at the first start, with its generated password (shown once). */
export interface DemoAccount {
  username: string;
  role: string;
  password: string;
}

const RULE = '═'.repeat(72);

/**
 * The last thing the server prints when it starts, after Nest's route lines: where to open it and, on the first start,
 * the demo accounts with their passwords (`  <username> <role> <password>`, two spaces first). One write, so it
 * arrives whole; it opens and closes with a rule line.
 */
export function startBanner(url: string, demoAccounts: DemoAccount[]): string {
  const lines = [RULE, `  dx-tracker đã sẵn sàng: ${url}`, '  Mở địa chỉ trên bằng trình duyệt để đăng nhập.'];
  if (demoAccounts.length) {
    lines.push(
      '',
      '  Tài khoản dùng thử (mật khẩu chỉ hiện lần này; đặt lại: npm run cli -- user:reset-password --username <tên>):',
      ...demoAccounts.map((a) => `  ${a.username.padEnd(12)} ${a.role.padEnd(9)} ${a.password}`),
    );
  }
  lines.push(`  Dừng máy chủ: Ctrl+C.`, RULE);
  return `\n${lines.join('\n')}\n`;
}
