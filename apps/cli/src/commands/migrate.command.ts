import { Command } from 'commander';
import { withDatabase } from '../cli-context';

export function migrateCommand(): Command {
  return new Command('migrate')
    .description('apply pending database migrations (or revert the last one)')
    .option('--revert', 'revert the most recent migration')
    .action(async (flags: { revert?: boolean }) => {
      await withDatabase(
        async ({ dataSource }) => {
          if (flags.revert) {
            await dataSource.undoLastMigration({ transaction: 'each' });
            process.stdout.write('reverted the last migration\n');
            return;
          }
          const applied = await dataSource.runMigrations({ transaction: 'each' });
          process.stdout.write(
            applied.length
              ? `applied ${applied.length} migration(s): ${applied.map((m) => m.name).join(', ')}\n`
              : 'schema is up to date\n',
          );
        },
        { migrations: 'ignore' },
      );
    });
}
