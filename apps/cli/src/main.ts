import 'reflect-metadata';
import { Command } from 'commander';
import { validateCommand } from './commands/validate.command';

const program = new Command('dx-tracker')
  .description('dx-tracker command line: plan files, database and demo data')
  .showHelpAfterError()
  .addCommand(validateCommand());

program.parseAsync(process.argv).catch((error: unknown) => {
  process.stderr.write(`error: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 2;
});
