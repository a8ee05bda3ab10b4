import { Command } from 'commander';
import { writeFileSync } from 'fs';
import { serializePlanFile } from '@dx/plan-file';
import { withDatabase } from '../cli-context';
import { printError, say } from '../cli-lang';
import { cliMessages } from '../cli.messages';

export function exportCommand(): Command {
  return new Command('export')
    .description('write a province back as a plan file (dx-tracker/plan@1)')
    .requiredOption('--province <code>', 'province code, e.g. QNI')
    .option('--out <file>', 'output file (default: standard output)')
    .action(async (flags: { province: string; out?: string }) => {
      const code = flags.province.trim().toUpperCase();
      const { readPlan } = await import('@dx/db');
      const plan = await withDatabase((db) => readPlan(db.dataSource, code));
      if (!plan) {
        printError(cliMessages.noProvince(code));
        process.exitCode = 1;
        return;
      }
      const text = serializePlanFile(plan, say(cliMessages.exportedHeader(new Date())));
      if (flags.out) {
        writeFileSync(flags.out, text);
        printError(cliMessages.exported(flags.out, plan.documents.length, plan.observations.length));
      } else {
        process.stdout.write(text);
      }
    });
}
