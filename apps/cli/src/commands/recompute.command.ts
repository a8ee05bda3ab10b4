import { Command } from 'commander';
import { SingleBar } from 'cli-progress';
import { DomainError, isIsoDate } from '@dx/domain';
import { withDatabase } from '../cli-context';
import { printLine, say } from '../cli-lang';
import { cliMessages } from '../cli.messages';

interface RecomputeFlags {
  province?: string;
  document?: string;
  asOf?: string;
  force?: boolean;
}

export function recomputeCommand(): Command {
  return new Command('recompute')
    .description('recompute statuses, rollups, KPI comparisons and reconciliations now (the worker does this after every write)')
    .option('--province <code>', 'only this province (default: every province)')
    .option('--document <code>', "only this document's province (documents are recomputed with their province)")
    .option('--as-of <date>', 'as-of date YYYY-MM-DD (default: today in Asia/Ho_Chi_Minh)')
    .option('--force', 'recompute even where the inputs are unchanged since the last run')
    .action(async (flags: RecomputeFlags) => {
      if (flags.asOf !== undefined && !isIsoDate(flags.asOf))
        throw new DomainError('INVALID_DATE', cliMessages.notADate('--as-of', flags.asOf));
      const [{ DocumentRepository }, { RecomputeEngine, StatusRepository, systemClock }] = await Promise.all([
        import('@dx/db'),
        import('@dx/status-engine'),
      ]);
      await withDatabase(async ({ dataSource }) => {
        const repo = new StatusRepository(dataSource.manager);
        let ids: string[] | null = null;
        if (flags.province || flags.document) {
          const code = (flags.province ?? '').trim().toUpperCase();
          const rows: { id: string }[] = flags.document
            ? (await new DocumentRepository(dataSource).provinceIdsWithDocument(flags.document, code)).map((id) => ({ id }))
            : [{ id: (await repo.provinceIdByCode(code)) ?? '' }].filter((r) => r.id);
          if (rows.length === 0)
            throw new DomainError(
              flags.document ? 'DOCUMENT_NOT_FOUND' : 'PROVINCE_NOT_FOUND',
              flags.document ? cliMessages.noDocument(flags.document, code) : cliMessages.noProvince(code),
            );
          ids = rows.map((r) => r.id);
        }
        const engine = new RecomputeEngine(dataSource, systemClock);
        const bar = process.stderr.isTTY
          ? new SingleBar({ stream: process.stderr, format: say(cliMessages.recomputeBar()), hideCursor: true })
          : null;
        const outcomes = await engine
          .recomputeMany(ids, { asOf: flags.asOf, trigger: 'cli', force: flags.force }, (done, total) => {
            if (done === 1) bar?.start(total, 0);
            bar?.update(done);
          })
          .finally(() => bar?.stop());
        const changed = outcomes.filter((o) => !o.skipped);
        printLine(
          cliMessages.recomputed({
            provinces: outcomes.length,
            asOf: outcomes[0]?.asOf ?? flags.asOf ?? engine.today(),
            changed: changed.length,
            rows: changed.reduce((n, o) => n + o.rowsChanged, 0),
            events: changed.reduce((n, o) => n + o.events, 0),
          }),
        );
      });
    });
}
