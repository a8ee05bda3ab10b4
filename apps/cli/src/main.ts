import 'reflect-metadata';
import { Command } from 'commander';
import { reportCliError } from './cli-errors';
import { localiseCommands } from './cli-help';
import { tokenCreateCommand, tokenRevokeCommand, userCreateCommand, userResetPasswordCommand } from './commands/account.command';
import { dtiCommand } from './commands/dti.command';
import { orgsCommand } from './commands/orgs.command';
import { backupCommand, restoreCommand } from './commands/backup.command';
import { exportCommand } from './commands/export.command';
import { importCommand } from './commands/import.command';
import { migrateCommand } from './commands/migrate.command';
import { recomputeCommand } from './commands/recompute.command';
import { reportCommand } from './commands/report.command';
import { remindersDispatchCommand } from './commands/reminders-dispatch.command';
import { remindersSendCommand } from './commands/reminders-send.command';
import { statusCommand } from './commands/status.command';
import { validateCommand } from './commands/validate.command';

const program = new Command('dx-tracker')
  .description(
    'dx-tracker command line: plan files and the database.\nUses DATABASE_URL, or the embedded database under DX_DATA_DIR (default ./.dx-data).',
  )
  .addCommand(validateCommand())
  .addCommand(importCommand())
  .addCommand(exportCommand())
  .addCommand(migrateCommand())
  .addCommand(recomputeCommand())
  .addCommand(statusCommand())
  .addCommand(reportCommand())
  .addCommand(
    new Command('reminders')
      .description('reminders to the agencies: notifications sent now, official dispatches')
      .addCommand(remindersSendCommand())
      .addCommand(remindersDispatchCommand()),
  )
  .addCommand(dtiCommand())
  .addCommand(orgsCommand())
  .addCommand(backupCommand())
  .addCommand(restoreCommand())
  .addCommand(userCreateCommand())
  .addCommand(userResetPasswordCommand())
  .addCommand(tokenCreateCommand())
  .addCommand(tokenRevokeCommand());

localiseCommands(program);

program.parseAsync(process.argv).catch(reportCliError);
