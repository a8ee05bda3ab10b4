import { Command } from 'commander';
import { readFileSync } from 'fs';
import { parseReorganisation } from '@dx/plan-file';
import { withDatabase } from '../cli-context';
import { printLine } from '../cli-lang';
import { cliMessages } from '../cli.messages';
import { safeUser } from './import.command';
import { readyToWrite } from './print-issues';

/** `orgs apply FILE`: record a reorganisation (merges, splits, renames, a tier dissolved) with its effective date. */
export function orgsCommand(): Command {
  const orgs = new Command('orgs').description('org units over time: reorganisations of provinces and the units under them');
  orgs
    .command('apply')
    .description(
      'apply a reorganisation file (YAML dx-tracker/reorganisation@1): units that end get their last day, new provinces start on the effective date, ' +
        'succession links are recorded; nothing before the date changes. Applying the same file again changes nothing.',
    )
    .argument('<file>', 'reorganisation file (YAML)')
    .option(
      '--create-missing',
      'create the provinces the file names, and those the reference list keeps unchanged on that date, that this database lacks (data/provinces/)',
    )
    .option('--dry-run', 'check everything against the database, report what would change, then roll back')
    .option('--actor <name>', 'who applies it (stored with the reorganisation)', safeUser())
    .action(async (file: string, flags: { createMissing?: boolean; dryRun?: boolean; actor: string }) => {
      const bytes = readFileSync(file);
      const parsed = parseReorganisation(bytes);
      if (!readyToWrite(file, parsed.errors, parsed.warnings) || !parsed.value) return;
      const r = parsed.value;
      const { applyReorganisation } = await import('@dx/db');
      await withDatabase(async ({ dataSource }) => {
        const result = await applyReorganisation(dataSource, r, bytes, {
          actor: flags.actor,
          createMissing: flags.createMissing ?? false,
          dryRun: flags.dryRun ?? false,
          lineOf: parsed.lineOf,
        });
        if (result.alreadyApplied) {
          printLine(cliMessages.orgsAlreadyApplied(r.code, r.effective));
          return;
        }
        const list = (codes: string[]) => (codes.length ? codes.join(', ') : '—');
        if (result.referenceCreated.length) printLine(cliMessages.orgsReferenceCreated(r.effective, list(result.referenceCreated)));
        printLine(cliMessages.orgsCreated(r.effective, list(result.created)));
        printLine(cliMessages.orgsEnded(result.ended.length, list(result.ended)));
        printLine(cliMessages.orgsSuccessions(result.successions));
        printLine(result.dryRun ? cliMessages.orgsDryRun(r.code) : cliMessages.orgsApplied(r.code, r.title));
      });
    });
  return orgs;
}
