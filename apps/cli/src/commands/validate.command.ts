import { Command } from 'commander';
import { loadPlanFile } from '@dx/plan-file';
import { printIssues } from './print-issues';

export function validateCommand(): Command {
  return new Command('validate')
    .description('check a plan file (dx-tracker/plan@1) without writing anything')
    .argument('<file>', 'plan file (YAML)')
    .action((file: string) => {
      const input = loadPlanFile(file);
      printIssues(input.errors, input.warnings);
      if (input.errors.length > 0) {
        process.stdout.write(`${file}: invalid, ${input.errors.length} error(s), ${input.warnings.length} warning(s)\n`);
        process.exitCode = 1;
        return;
      }
      process.stdout.write(`${file}: valid, ${input.warnings.length} warning(s)\n`);
    });
}
