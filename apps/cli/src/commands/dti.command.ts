import { Command, InvalidArgumentError } from 'commander';
import { readFileSync } from 'fs';
import { basename } from 'path';
import { DTI_GROUPS, DtiGroup, importDti } from '../../../../libs/db/src';
import { withDatabase } from '../cli-context';

const year = (v: string) => {
  if (!/^\d{4}$/.test(v)) throw new InvalidArgumentError('a year, e.g. 2022');
  return Number(v);
};
const group = (v: string): DtiGroup => {
  if (!(DTI_GROUPS as readonly string[]).includes(v)) throw new InvalidArgumentError(DTI_GROUPS.join(', '));
  return v as DtiGroup;
};

/** `dti import FILE --year 2022 --group provinces`: a year's DTI table from CSV, all or nothing. */
export function dtiCommand(): Command {
  const dti = new Command('dti').description('DTI (digital-transformation index) results');
  dti
    .command('import')
    .description('import a year\'s DTI table (CSV: code,name,score,rank,government_score,…; name and score or rank required); replaces that year and group')
    .argument('<file>', 'CSV file, UTF-8')
    .requiredOption('--year <year>', 'the DTI year', year)
    .option('--group <group>', DTI_GROUPS.join(', '), group, 'provinces' as DtiGroup)
    .action(async (file: string, flags: { year: number; group: DtiGroup }) => {
      const bytes = readFileSync(file);
      await withDatabase(async ({ dataSource }) => {
        const result = await importDti(dataSource, bytes, { year: flags.year, group: flags.group, source: basename(file) });
        process.stdout.write(`imported DTI ${result.year} ${result.group}: ${result.rows} row(s), ${result.matched} matched to provinces here\n`);
      });
    });
  return dti;
}
