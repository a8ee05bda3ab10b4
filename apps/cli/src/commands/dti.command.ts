import { Command, InvalidArgumentError } from 'commander';
import { readFileSync, statSync } from 'fs';
import { basename } from 'path';
import { DomainError, DTI_GROUPS, DtiGroup, kpiMessages } from '@dx/domain';
import { issueMessageIn, parseDtiFrameworks } from '@dx/plan-file';
import { withDatabase } from '../cli-context';
import { printError, printLine, say } from '../cli-lang';
import { cliMessages } from '../cli.messages';

const year = (v: string) => {
  if (!/^\d{4}$/.test(v)) throw new InvalidArgumentError(say(cliMessages.aYear()));
  return Number(v);
};
const group = (v: string): DtiGroup => {
  if (!(DTI_GROUPS as readonly string[]).includes(v)) throw new InvalidArgumentError(DTI_GROUPS.join(', '));
  return v as DtiGroup;
};

/**
 * `dti import FILE --year 2022 --group provinces` (one table) or `dti import data/dti/` (a
 * directory: frameworks.yaml and YEAR-GROUP.csv tables); `dti framework FILE`.
 */
export function dtiCommand(): Command {
  const dti = new Command('dti').description('DTI (digital-transformation index) frameworks and results');
  dti
    .command('import')
    .description(
      "import a year's DTI table (CSV: code,name,score,rank,government_score,…; name and score or rank required), replacing that year and group; " +
        'or a directory like data/dti/ (frameworks.yaml and YEAR-GROUP.csv tables), all in one transaction',
    )
    .argument('<path>', 'CSV file (UTF-8), or a directory')
    .option('--year <year>', 'the DTI year (required for a file)', year)
    .option('--group <group>', DTI_GROUPS.join(', '), group, 'provinces' as DtiGroup)
    .action(async (path: string, flags: { year?: number; group: DtiGroup }) => {
      const directory = statSync(path).isDirectory();
      if (!directory && flags.year === undefined) throw new DomainError('INVALID_INPUT', kpiMessages.yearRequired());
      const { importDti, importDtiDirectory } = await import('@dx/db');
      await withDatabase(async ({ dataSource }) => {
        if (directory) {
          const result = await importDtiDirectory(dataSource, path, (file) => printError(cliMessages.dtiImportingFile(file)));
          for (const t of result.tables) printLine(cliMessages.dtiImported(t, t.file));
          printLine(cliMessages.dtiDirectory(result.frameworks, result.tables.length));
          return;
        }
        const result = await importDti(dataSource, readFileSync(path), { year: flags.year!, group: flags.group, source: basename(path) });
        printLine(cliMessages.dtiImported(result));
      });
    });
  dti
    .command('framework')
    .description(
      "record DTI frameworks (YAML dx-tracker/dti-frameworks@1: pillars, main indices, components, weights, crosswalk), replacing those years'",
    )
    .argument('<file>', 'YAML file')
    .action(async (file: string) => {
      const parsed = parseDtiFrameworks(readFileSync(file));
      if (!parsed.value) {
        throw new DomainError('INVALID_INPUT', kpiMessages.dtiProblems(parsed.errors.length, file), {
          errors: parsed.errors.map((e) => ({
            path: e.path,
            line: e.line,
            messages: [{ vi: issueMessageIn(e, 'vi'), en: issueMessageIn(e, 'en') }],
          })),
        });
      }
      const { DtiFrameworkRepository } = await import('@dx/db');
      await withDatabase(async ({ dataSource }) => {
        const saved = await dataSource.transaction((m) => new DtiFrameworkRepository(m).save(parsed.value!));
        printLine(cliMessages.dtiFrameworks(saved.created, saved.updated));
      });
    });
  return dti;
}
