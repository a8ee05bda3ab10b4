import { Command } from 'commander';
import { SingleBar } from 'cli-progress';
import { DocumentRepository } from '@dx/db';
import { isIsoDate } from '@dx/domain';
import { RecomputeEngine, StatusRepository, systemClock } from '@dx/status-engine';
import { withDatabase } from '../cli-context';

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
      if (flags.asOf !== undefined && !isIsoDate(flags.asOf)) throw new Error(`--as-of: "${flags.asOf}" is not a date YYYY-MM-DD`);
      await withDatabase(async ({ dataSource }) => {
        const repo = new StatusRepository(dataSource.manager);
        let ids: string[] | null = null;
        if (flags.province || flags.document) {
          const code = (flags.province ?? '').trim().toUpperCase();
          const rows: { id: string }[] = flags.document
            ? (await new DocumentRepository(dataSource).provinceIdsWithDocument(flags.document, code)).map((id) => ({ id }))
            : [{ id: (await repo.provinceIdByCode(code)) ?? '' }].filter((r) => r.id);
          if (rows.length === 0)
            throw new Error(
              flags.document ? `no document "${flags.document}"${code ? ` in ${code}` : ''}` : `no province with code "${code}"`,
            );
          ids = rows.map((r) => r.id);
        }
        const engine = new RecomputeEngine(dataSource, systemClock);
        const bar = process.stderr.isTTY
          ? new SingleBar({ stream: process.stderr, format: 'recomputing [{bar}] {percentage}% ({value}/{total} steps)', hideCursor: true })
          : null;
        const outcomes = await engine
          .recomputeMany(ids, { asOf: flags.asOf, trigger: 'cli', force: flags.force }, (done, total) => {
            if (done === 1) bar?.start(total, 0);
            bar?.update(done);
          })
          .finally(() => bar?.stop());
        const changed = outcomes.filter((o) => !o.skipped);
        process.stdout.write(
          `recomputed ${outcomes.length} province(s) as of ${outcomes[0]?.asOf ?? flags.asOf ?? engine.today()}: ` +
            `${changed.length} changed (${changed.reduce((n, o) => n + o.rowsChanged, 0)} rows, ${changed.reduce((n, o) => n + o.events, 0)} status events), ` +
            `${outcomes.length - changed.length} unchanged\n`,
        );
      });
    });
}
