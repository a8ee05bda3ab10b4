import { Command } from 'commander';
import { withDatabase } from '../cli-context';
import { printLine } from '../cli-lang';
import { cliMessages } from '../cli.messages';

export function migrateCommand(): Command {
  return new Command('migrate')
    .description('apply pending database migrations (or revert the last one)')
    .option('--revert', 'revert the most recent migration')
    .action(async (flags: { revert?: boolean }) => {
      await withDatabase(
        async ({ dataSource }) => {
          if (flags.revert) {
            await dataSource.undoLastMigration({ transaction: 'each' });
            printLine(cliMessages.reverted());
            return;
          }
          const applied = await dataSource.runMigrations({ transaction: 'each' });
          printLine(applied.length ? cliMessages.applied(applied.map((m) => m.name)) : cliMessages.upToDate());
        },
        { migrations: 'ignore' },
      );
    });
}
