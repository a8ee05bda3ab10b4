import { Command } from 'commander';
import { loadPlanFile } from '@dx/plan-file';
import { printLine } from '../cli-lang';
import { cliMessages } from '../cli.messages';
import { printIssues } from './print-issues';

export function validateCommand(): Command {
  return new Command('validate')
    .description('check a plan file (dx-tracker/plan@1) without writing anything')
    .argument('<file>', 'plan file (YAML)')
    .action((file: string) => {
      const input = loadPlanFile(file);
      printIssues(input.errors, input.warnings);
      if (input.errors.length > 0) {
        printLine(cliMessages.invalidFile(file, input.errors.length, input.warnings.length));
        process.exitCode = 1;
        return;
      }
      printLine(cliMessages.validFile(file, input.warnings.length));
    });
}
