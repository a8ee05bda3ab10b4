import 'reflect-metadata';
import { Command } from 'commander';
import { setFlagsFromString } from 'v8';
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

// Without DATABASE_URL a command opens the embedded database (PostgreSQL compiled to WebAssembly) for its one run.
// V8 would spend more CPU optimising that module's hot functions than so short a run gets back: its baseline code only.
// Measured on the demo data: an export 3.9 -> 2.8 CPU-s, a recompute 4.5 -> 2.7. No effect without WebAssembly.
setFlagsFromString('--liftoff-only');

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
