import { Command } from 'commander';
import { createReadStream, createWriteStream, renameSync, rmSync } from 'fs';
import { withDatabase } from '../cli-context';
import { printError, printLine } from '../cli-lang';
import { cliMessages } from '../cli.messages';

const stamp = () => new Date().toISOString().replace(/[-:]/g, '').replace(/\..*/, '').replace('T', '-');

/** `backup [--out FILE]`: every table, from one consistent snapshot, as gzip'd JSON lines. */
export function backupCommand(): Command {
  return new Command('backup')
    .description(
      "write a backup of the whole database (embedded or PostgreSQL) from one consistent snapshot: gzip'd JSON lines, exact values",
    )
    .option('--out <file>', 'where to write it', `dx-backup-${stamp()}.jsonl.gz`)
    .action(async (flags: { out: string }) => {
      // Written next to the target and renamed at the end: a failed backup never looks like a good one.
      const partial = `${flags.out}.partial`;
      const { writeBackup } = await import('@dx/db');
      try {
        const counts = await withDatabase(({ dataSource }) =>
          writeBackup(dataSource, createWriteStream(partial), (t) => printError(cliMessages.backedUpTable(t.table, t.rows))),
        );
        renameSync(partial, flags.out);
        printLine(
          cliMessages.backupWritten(
            flags.out,
            counts.length,
            counts.reduce((s, c) => s + c.rows, 0),
          ),
        );
      } catch (error) {
        rmSync(partial, { force: true });
        throw error;
      }
    });
}

/** `restore FILE`: into an empty database, in one transaction. */
export function restoreCommand(): Command {
  return new Command('restore')
    .description('restore a backup made by `backup` into an empty database (migrated first), all in one transaction')
    .argument('<file>', 'backup file (.jsonl.gz)')
    .action(async (file: string) => {
      const { restoreBackup } = await import('@dx/db');
      const input = createReadStream(file);
      await new Promise((resolve, reject) => input.once('open', resolve).once('error', reject));
      const counts = await withDatabase(
        ({ dataSource }) => restoreBackup(dataSource, input, (t) => printError(cliMessages.restoredTable(t.table, t.rows))),
        { migrations: 'ignore' },
      );
      printLine(
        cliMessages.restored(
          file,
          counts.length,
          counts.reduce((s, c) => s + c.rows, 0),
        ),
      );
    });
}
