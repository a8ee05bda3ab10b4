import { Command } from 'commander';
import { SingleBar } from 'cli-progress';
import Table from 'cli-table3';
import { basename } from 'path';
import { userInfo } from 'os';
import type { ImportResult } from '@dx/db';
import { webItemLines } from '@dx/domain';
import { withDatabase } from '../cli-context';
import { cliLang, printError, say } from '../cli-lang';
import { cliMessages } from '../cli.messages';
import { loadPlanFile } from '@dx/plan-file';
import { readyToWrite } from './print-issues';

interface ImportFlags {
  prune?: boolean;
  dryRun?: boolean;
  actor?: string;
}

export function importCommand(): Command {
  return new Command('import')
    .description('validate a plan file, then write it in one transaction (rows matched by code)')
    .argument('<file>', 'plan file (YAML, dx-tracker/plan@1)')
    .option('--prune', 'remove rows of this province that the file no longer mentions (listed in the output)')
    .option('--dry-run', 'do everything, report what would change, then roll back')
    .option('--actor <name>', 'who is importing (stored with the import run)', safeUser())
    .action(async (file: string, flags: ImportFlags) => {
      const input = loadPlanFile(file);
      if (!readyToWrite(file, input.errors, input.warnings) || !input.plan) return;
      const validated = { bytes: input.bytes, plan: input.plan, warnings: input.warnings };
      printError(cliMessages.importing(file, input.warnings.length, input.plan.province.code));
      const { IMPORT_STAGES, PlanImporter } = await import('@dx/db');
      const bar = process.stderr.isTTY
        ? new SingleBar({ stream: process.stderr, format: say(cliMessages.importBar()), hideCursor: true })
        : null;
      bar?.start(IMPORT_STAGES.length, 0, { stage: say(cliMessages.stage('connecting')) });
      const result = await withDatabase((db) =>
        new PlanImporter(db.dataSource).run(validated, {
          fileName: basename(file),
          actor: flags.actor ?? safeUser(),
          prune: flags.prune ?? false,
          dryRun: flags.dryRun ?? false,
          now: new Date(),
          onProgress: (stage, name) => bar?.update(stage, { stage: say(cliMessages.stage(name)) }),
        }),
      ).finally(() => {
        bar?.update(IMPORT_STAGES.length, { stage: say(cliMessages.stage('done')) });
        bar?.stop();
      });
      process.stdout.write(await formatImportResult(result));
    });
}

export async function formatImportResult(result: ImportResult): Promise<string> {
  const { IMPORT_ENTITIES, isNoOp } = await import('@dx/db');
  const table = new Table({
    head: cliMessages.importHead().map(say),
    style: { head: [], border: [], compact: true },
  });
  for (const entity of IMPORT_ENTITIES) {
    const c = result.counts[entity];
    table.push([say(cliMessages.entity(entity)), c.created, c.updated, c.unchanged, c.removed, c.kept]);
  }
  const lines = [table.toString()];
  if (result.removed.length > 0) lines.push(say(cliMessages.removed(result.removed.join(', '))));
  // Tasks and goals added or edited in the web app (issue 19), in the reader's language.
  lines.push(...webItemLines(result.webItems, cliLang()));
  const noOp = isNoOp(result.counts);
  lines.push(
    say(result.dryRun ? cliMessages.dryRun(result.provinceCode, noOp) : cliMessages.imported(result.provinceCode, noOp, result.runId)),
  );
  return `${lines.join('\n')}\n`;
}

export function safeUser(): string {
  try {
    return userInfo().username;
  } catch {
    return 'cli';
  }
}
