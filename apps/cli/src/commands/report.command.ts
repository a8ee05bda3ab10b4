import { Command, InvalidArgumentError } from 'commander';
import { SingleBar } from 'cli-progress';
import { mkdirSync, writeFileSync } from 'fs';
import { join, resolve } from 'path';
import { isIsoDate, readPeriod, REPORT_FORMATS, ReportFormat } from '@dx/domain';
import { withDatabase } from '../cli-context';
import { printLine, say } from '../cli-lang';
import { cliMessages } from '../cli.messages';

const formats = (value: string): ReportFormat[] => {
  const list = value
    .split(',')
    .map((f) => f.trim().toLowerCase())
    .filter(Boolean);
  if (!list.length || list.some((f) => !(REPORT_FORMATS as readonly string[]).includes(f)))
    throw new InvalidArgumentError(say(cliMessages.reportFormats()));
  return [...new Set(list)] as ReportFormat[];
};

/** A file name from the report's codes: 37/KH-UBND 2023-Q4 → bao-cao-QNI-37-KH-UBND-2023-Q4.pdf */
export function reportFileName(province: string, document: string, period: string, format: ReportFormat): string {
  return `bao-cao-${province}-${document.replace(/[^A-Za-z0-9-]+/g, '-')}-${period}.${format}`;
}

export function reportCommand(): Command {
  return new Command('report')
    .description('make a progress report (PDF, XLSX) of a document for a period, store it and write the files')
    .requiredOption('--province <code>', 'province code, e.g. QNI')
    .requiredOption('--document <code>', 'document code, e.g. 37/KH-UBND or CDS-2023-QG')
    .requiredOption('--period <period>', '2023, 2023-H1, 2023-Q4, 2023-10 or 2023-10-31, or a Vietnamese name such as "Quý 4/2023"')
    .option('--as-of <date>', 'as-of date YYYY-MM-DD (default: the end of the period, or today while it runs)')
    .option('--format <list>', 'pdf, xlsx, docx or a list such as pdf,xlsx', formats, ['pdf', 'xlsx'] as ReportFormat[])
    .option('--out <dir>', 'where to write the files', '.')
    .action(async (flags: { province: string; document: string; period: string; asOf?: string; format: ReportFormat[]; out: string }) => {
      if (flags.asOf !== undefined && !isIsoDate(flags.asOf))
        throw new InvalidArgumentError(say(cliMessages.notADate('--as-of', flags.asOf)));
      const [{ ReportGenerator }, { systemClock }] = await Promise.all([import('@dx/jobs'), import('@dx/status-engine')]);
      await withDatabase(async ({ dataSource }) => {
        const bar = process.stderr.isTTY
          ? new SingleBar({ stream: process.stderr, format: say(cliMessages.reportBar()), hideCursor: true })
          : null;
        bar?.start(100, 0);
        const report = await new ReportGenerator(dataSource, systemClock)
          .generate(
            {
              province: flags.province.trim().toUpperCase(),
              document: flags.document.trim(),
              // A period by its code or its Vietnamese name (`Quý 3/2024`, `Tháng 10/2023`).
              period: readPeriod(flags.period)?.code ?? flags.period.trim(),
              asOf: flags.asOf,
              formats: flags.format,
              createdBy: 'cli',
            },
            (p) => bar?.update(p),
          )
          .finally(() => bar?.stop());
        const dir = resolve(flags.out);
        mkdirSync(dir, { recursive: true });
        for (const format of flags.format) {
          const file = join(dir, reportFileName(report.data.province.code, report.data.document.code, report.data.period, format));
          writeFileSync(file, report.files[format]!);
          process.stdout.write(`${file}\n`);
        }
        const { asOf, goals } = report.data;
        printLine(cliMessages.reportMade(report.id, asOf, goals.met, goals.total, report.checksum.slice(0, 16)));
      });
    });
}
