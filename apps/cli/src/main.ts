import 'reflect-metadata';
import { Command } from 'commander';
import { ConfigError } from '@dx/config';
import { DomainError, inLang, Localised } from '@dx/domain';
import { tokenCreateCommand, tokenRevokeCommand, userCreateCommand, userResetPasswordCommand } from './commands/account.command';
import { dtiCommand } from './commands/dti.command';
import { orgsCommand } from './commands/orgs.command';
import { backupCommand, restoreCommand } from './commands/backup.command';
import { exportCommand } from './commands/export.command';
import { importCommand } from './commands/import.command';
import { migrateCommand } from './commands/migrate.command';
import { recomputeCommand } from './commands/recompute.command';
import { reportCommand } from './commands/report.command';
import { statusCommand } from './commands/status.command';
import { validateCommand } from './commands/validate.command';

const program = new Command('dx-tracker')
  .description(
    'dx-tracker command line: plan files and the database.\nUses DATABASE_URL, or the embedded database under DX_DATA_DIR (default ./.dx-data).',
  )
  .showHelpAfterError()
  .addCommand(validateCommand())
  .addCommand(importCommand())
  .addCommand(exportCommand())
  .addCommand(migrateCommand())
  .addCommand(recomputeCommand())
  .addCommand(statusCommand())
  .addCommand(reportCommand())
  .addCommand(dtiCommand())
  .addCommand(orgsCommand())
  .addCommand(backupCommand())
  .addCommand(restoreCommand())
  .addCommand(userCreateCommand())
  .addCommand(userResetPasswordCommand())
  .addCommand(tokenCreateCommand())
  .addCommand(tokenRevokeCommand());

program.parseAsync(process.argv).catch((error: unknown) => {
  if (error instanceof ConfigError || error instanceof DomainError) {
    process.stderr.write(`error: ${error.message}\n`);
    // Field and row problems, one per line.
    const problems =
      error instanceof DomainError
        ? (error.details?.errors as { path: string; messages: (string | Localised)[] }[] | undefined)
        : undefined;
    for (const p of problems ?? []) process.stderr.write(`  ${p.path}: ${p.messages.map((m) => inLang(m, 'en')).join('; ')}\n`);
    process.exitCode = error instanceof DomainError && (error.code === 'IMPORT_CONFLICT' || error.code === 'USER_EXISTS') ? 3 : 2;
    return;
  }
  const fsError = error as NodeJS.ErrnoException;
  if (fsError?.code === 'ENOENT' || fsError?.code === 'EACCES' || fsError?.code === 'EISDIR') {
    process.stderr.write(`error: cannot read ${fsError.path ?? 'the file'} (${fsError.code})\n`);
    process.exitCode = 2;
    return;
  }
  process.stderr.write(`error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exitCode = 2;
});
