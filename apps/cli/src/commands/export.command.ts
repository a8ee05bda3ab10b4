import { Command } from 'commander';
import { writeFileSync } from 'fs';
import { readPlan } from '@dx/db';
import { serializePlanFile } from '@dx/plan-file';
import { withDatabase } from '../cli-context';

export function exportCommand(): Command {
  return new Command('export')
    .description('write a province back as a plan file (dx-tracker/plan@1)')
    .requiredOption('--province <code>', 'province code, e.g. QNI')
    .option('--out <file>', 'output file (default: standard output)')
    .action(async (flags: { province: string; out?: string }) => {
      const code = flags.province.trim().toUpperCase();
      const plan = await withDatabase((db) => readPlan(db.dataSource, code));
      if (!plan) {
        process.stderr.write(`no province with code "${code}"\n`);
        process.exitCode = 1;
        return;
      }
      const text = serializePlanFile(plan, `Exported by dx-tracker on ${new Date().toISOString()}`);
      if (flags.out) {
        writeFileSync(flags.out, text);
        process.stderr.write(`wrote ${flags.out} (${plan.documents.length} documents, ${plan.observations.length} observations)\n`);
      } else {
        process.stdout.write(text);
      }
    });
}
