import { Command, InvalidArgumentError } from 'commander';
import { mkdirSync, writeFileSync } from 'fs';
import { join, resolve } from 'path';
import { DomainError, isIsoDate, orgMessages, todayIn } from '@dx/domain';
import { buildReminderDispatches, DISPATCH_DUE_WITHIN_DAYS, type DispatchAgency, type ReportHeading } from '@dx/reports';
import { withDatabase } from '../cli-context';
import { printLine, say } from '../cli-lang';
import { cliMessages } from '../cli.messages';
import { dispatchMessages } from './reminders-dispatch.messages';

interface DispatchFlags {
  province: string;
  asOf?: string;
  out: string;
  perAgency?: boolean;
  all?: boolean;
  agency?: string;
  within: number;
  number?: string;
  signerName?: string;
  signerTitle?: string;
}

const days = (value: string): number => {
  const n = Number(value);
  if (!/^\d+$/.test(value.trim()) || n > 365) throw new InvalidArgumentError(say(dispatchMessages.notDays(value)));
  return n;
};

const count = (agencies: DispatchAgency[], list: 'overdue' | 'dueSoon') => agencies.reduce((n, a) => n + a[list].length, 0);

/** `reminders dispatch`: the official reminder dispatches (công văn đôn đốc) to the agencies with late tasks, as PDF files. */
export function remindersDispatchCommand(): Command {
  return new Command('dispatch')
    .description('write the official reminder dispatches (công văn đôn đốc, PDF) to the agencies with overdue or soon-due tasks')
    .requiredOption('--province <code>', 'province code, e.g. MAU')
    .option('--as-of <date>', 'as-of date YYYY-MM-DD (default: today in Asia/Ho_Chi_Minh)')
    .option('--out <dir>', 'where to write the files', '.')
    .option('--per-agency', 'one dispatch per agency (the default)')
    .option('--all', 'one dispatch to all the agencies, its tasks grouped by agency')
    .option('--agency <code>', 'only this lead agency')
    .option('--within <days>', 'tasks due within this many days count as due soon', days, DISPATCH_DUE_WITHIN_DAYS)
    .option('--number <text>', 'the dispatch number, e.g. 125/SKHCN-CĐS (default: left blank)')
    .option('--signer-name <text>', "the signer's name")
    .option('--signer-title <text>', 'the signer\'s title, e.g. "GIÁM ĐỐC" (a new line as \\n)')
    .action(async (flags: DispatchFlags) => {
      if (flags.asOf !== undefined && !isIsoDate(flags.asOf))
        throw new InvalidArgumentError(say(cliMessages.notADate('--as-of', flags.asOf)));
      if (flags.perAgency && flags.all) throw new InvalidArgumentError(say(dispatchMessages.bothModes()));
      const code = flags.province.trim().toUpperCase();
      const [{ readReminderTasks }, { systemClock, TIME_ZONE }] = await Promise.all([import('@dx/db'), import('@dx/status-engine')]);
      const asOf = flags.asOf ?? todayIn(TIME_ZONE, systemClock.now());
      await withDatabase(async ({ dataSource }) => {
        const read = await readReminderTasks(dataSource, code, asOf, flags.within);
        if (!read) throw new DomainError('PROVINCE_NOT_FOUND', orgMessages.provinceNotFound(code));
        const files = await buildReminderDispatches(
          { ...read, heading: read.heading as Partial<ReportHeading> | null },
          {
            mode: flags.all ? 'all' : 'per-agency',
            agency: flags.agency?.trim().toUpperCase(),
            number: flags.number,
            signerName: flags.signerName,
            signerTitle: flags.signerTitle?.replace(/\\n/g, '\n'),
          },
        );
        if (!files.length) return printLine(dispatchMessages.noneLate(asOf, flags.within));
        const dir = resolve(flags.out);
        mkdirSync(dir, { recursive: true });
        for (const f of files) {
          const path = join(dir, f.name);
          writeFileSync(path, f.bytes);
          const to = read.agencies.filter((a) => f.agency === null || a.code === f.agency);
          const [overdue, dueSoon] = [count(to, 'overdue'), count(to, 'dueSoon')];
          printLine(
            f.agency === null
              ? dispatchMessages.wroteAll(to.length, overdue, dueSoon, path)
              : dispatchMessages.wroteOne(to[0].name, overdue, dueSoon, path),
          );
        }
        printLine(dispatchMessages.summary(files.length, asOf));
      });
    });
}
