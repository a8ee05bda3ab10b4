import { DomainError, inLang, Localised } from '@dx/domain';
import { cliLang, printError, say } from './cli-lang';
import { cliMessages } from './cli.messages';

/** Commander's own error lines (missing option, unknown option, bad value) in Vietnamese; the rest as they are. */
const COMMANDER_VI: [RegExp, string][] = [
  [/^error: required option '(.+)' not specified$/, "thiếu tùy chọn bắt buộc '$1'"],
  [/^error: missing required argument '(.+)'$/, "thiếu tham số bắt buộc '$1'"],
  [/^error: unknown option '(.+)'$/, "tùy chọn không có: '$1'"],
  [/^error: unknown command '(.+)'$/, "lệnh không có: '$1'"],
  [/^error: option '(.+)' argument missing$/, "tùy chọn '$1' cần một giá trị"],
  [/^error: option '(.+)' argument '(.*)' is invalid\. ?(.*)$/, "tùy chọn '$1': giá trị '$2' không hợp lệ. $3"],
  [/^error: command-argument value '(.*)' is invalid for argument '(.+)'\. ?(.*)$/, "tham số '$2': giá trị '$1' không hợp lệ. $3"],
  [/^error: too many arguments for '(.+)'\. Expected (\d+) arguments? but got (\d+)\.$/, "lệnh '$1' nhận $2 tham số, nhưng có $3"],
  [/^error: too many arguments\. Expected (\d+) arguments? but got (\d+)\.$/, 'chỉ nhận $1 tham số, nhưng có $2'],
  [/^\(Did you mean (.+)\?\)$/, '(có phải là $1?)'],
];

/** The environment's problems (libs/config) in Vietnamese; a problem not listed stays as it is. */
const CONFIG_VI: [RegExp, string][] = [
  [
    /^DATABASE_URL is required when NODE_ENV=production .*$/,
    'DATABASE_URL là bắt buộc khi NODE_ENV=production (cơ sở dữ liệu nhúng chỉ để dùng thử)',
  ],
  [/^(\w+) is required when (.+)$/, '$1 là bắt buộc khi $2'],
  [/^(\w+) must be an? (\S+) or (\S+) URL$/, '$1 phải là địa chỉ $2 hoặc $3'],
  [/^(\w+) must be at least (\d+) characters$/, '$1 phải có ít nhất $2 ký tự'],
  [/^(\w+) must be 1-(\d+) visible ASCII characters$/, '$1 phải gồm 1–$2 ký tự ASCII nhìn thấy được'],
  [/^(\w+) must be 1-(\d+) characters (.+) or -$/, '$1 phải gồm 1–$2 ký tự $3 hoặc -'],
  [/^(\w+) must be an address, e\.g\. (.+)$/, '$1 phải là một địa chỉ thư, ví dụ $2'],
];

function configProblem(problem: string): string {
  if (cliLang() === 'en') return problem;
  const known = CONFIG_VI.find(([pattern]) => pattern.test(problem));
  return known ? problem.replace(known[0], known[1]) : problem;
}

/** A line commander wrote to stderr, in the CLI's language. */
export function commanderLine(line: string): string {
  if (cliLang() === 'en') return line;
  for (const [pattern, vi] of COMMANDER_VI) {
    if (pattern.test(line))
      return line.startsWith('error: ') ? say(cliMessages.error(line.replace(pattern, vi))) : line.replace(pattern, vi);
  }
  return line;
}

/** Commander's error output, translated line by line. */
export function writeCommanderError(text: string, write: (s: string) => void): void {
  write(text.split('\n').map(commanderLine).join('\n'));
}

/** What went wrong, on stderr, in the CLI's language; sets the exit code (3 for a conflict, 2 otherwise). */
export async function reportCliError(error: unknown): Promise<void> {
  const lang = cliLang();
  process.exitCode = 2;
  if (error instanceof DomainError) {
    printError(cliMessages.error(error.textIn(lang)));
    // Field and row problems, one per line.
    const problems = error.details?.errors as { path: string; messages: (string | Localised)[] }[] | undefined;
    for (const p of problems ?? []) process.stderr.write(`  ${p.path}: ${p.messages.map((m) => inLang(m, lang)).join('; ')}\n`);
    if (error.code === 'IMPORT_CONFLICT' || error.code === 'USER_EXISTS') process.exitCode = 3;
    return;
  }
  // Loaded only when such an error is possible (see cli-context.ts).
  const [{ ConfigError }, { EmbeddedDatabaseBusyError, PendingMigrationsError }] = await Promise.all([
    import('@dx/config'),
    import('@dx/db'),
  ]);
  if (error instanceof ConfigError) {
    printError(cliMessages.error(say(cliMessages.invalidConfig())));
    for (const p of error.problems) process.stderr.write(`  - ${configProblem(p)}\n`);
    return;
  }
  if (error instanceof PendingMigrationsError) return printError(cliMessages.error(say(cliMessages.pendingMigrations())));
  if (error instanceof EmbeddedDatabaseBusyError) {
    const dir = /in (.+) is in use/.exec(error.message)?.[1] ?? '';
    return printError(cliMessages.error(say(cliMessages.embeddedBusy(dir, error.lock.pid, error.lock.port))));
  }
  const netError = error as NodeJS.ErrnoException & { address?: string; port?: number; hostname?: string };
  if (['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'ETIMEDOUT', 'EHOSTUNREACH'].includes(netError?.code ?? '')) {
    const address = netError.address ? `${netError.address}${netError.port ? `:${netError.port}` : ''}` : (netError.hostname ?? '?');
    return printError(cliMessages.error(say(cliMessages.cannotConnect(address, netError.code!))));
  }
  const fsError = error as NodeJS.ErrnoException;
  if (fsError?.code === 'ENOENT' || fsError?.code === 'EACCES' || fsError?.code === 'EISDIR') {
    const path = fsError.path ?? say(cliMessages.theFile());
    return printError(cliMessages.error(say(cliMessages.cannotRead(path, fsError.code))));
  }
  printError(cliMessages.error(error instanceof Error ? (error.stack ?? error.message) : String(error)));
}
