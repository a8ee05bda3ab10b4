import { Command } from 'commander';
import { DomainError, isIsoDate } from '@dx/domain';
import { withDatabase } from '../cli-context';
import { printError } from '../cli-lang';
import { cliMessages } from '../cli.messages';
import { formatProvinceStatus } from './status-format';

export function statusCommand(): Command {
  return new Command('status')
    .description("print a province's plan tree with statuses, rollups, reconciliation and KPIs (in Vietnamese)")
    .requiredOption('--province <code>', 'province code, e.g. QNI')
    .option('--as-of <date>', 'as-of date YYYY-MM-DD (default: today in Asia/Ho_Chi_Minh)')
    .option('--json', 'print the summary as JSON instead')
    .action(async (flags: { province: string; asOf?: string; json?: boolean }) => {
      if (flags.asOf !== undefined && !isIsoDate(flags.asOf))
        throw new DomainError('INVALID_DATE', cliMessages.notADate('--as-of', flags.asOf));
      const code = flags.province.trim().toUpperCase();
      const { readProvinceSummary, RecomputeEngine, StatusRepository, systemClock } = await import('@dx/status-engine');
      const summary = await withDatabase(async ({ dataSource }) => {
        const engine = new RecomputeEngine(dataSource, systemClock);
        const asOf = flags.asOf ?? engine.today();
        let result = await readProvinceSummary(dataSource, code, asOf);
        if (result && !result.computedAt) {
          // Nothing computed for this date yet (e.g. a past date): compute it, as the worker would.
          const id = await new StatusRepository(dataSource.manager).provinceIdByCode(code);
          await engine.recompute({ provinceId: id!, asOf, trigger: 'cli:status' });
          result = await readProvinceSummary(dataSource, code, asOf);
        }
        return result;
      });
      if (!summary) {
        printError(cliMessages.noProvince(code));
        process.exitCode = 1;
        return;
      }
      process.stdout.write(flags.json ? `${JSON.stringify(summary, null, 2)}\n` : formatProvinceStatus(summary));
    });
}
