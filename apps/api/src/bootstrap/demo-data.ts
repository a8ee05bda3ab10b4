import { Logger } from '@nestjs/common';
import { join } from 'path';
import { DataSource } from 'typeorm';
import { findRepoRoot } from '../../../../libs/config/src';
import { PlanImporter } from '../../../../libs/db/src';
import { formatIssue, loadPlanFile } from '../../../../libs/plan-file/src';

export const DEMO_PLAN_FILES = ['data/plans/quang-ninh.yaml'];

/**
 * Loads the Quảng Ninh demo plan on the first start of an empty database only
 * (no import has ever run), so restarts neither duplicate nor resurrect data.
 */
export async function loadDemoDataOnce(dataSource: DataSource, logger: Logger): Promise<boolean> {
  const [{ count }] = await dataSource.query('SELECT count(*)::int AS count FROM import_run');
  if (count > 0) return false;
  const root = findRepoRoot(__dirname);
  for (const relative of DEMO_PLAN_FILES) {
    const file = loadPlanFile(join(root, relative));
    if (!file.plan) throw new Error(`demo plan ${relative} is invalid:\n${file.errors.map(formatIssue).join('\n')}`);
    const result = await new PlanImporter(dataSource).run(
      { bytes: file.bytes, plan: file.plan, warnings: file.warnings },
      { fileName: relative, actor: 'demo', prune: false, dryRun: false, now: new Date() },
    );
    logger.log(`loaded demo plan ${relative} (${result.provinceCode}, ${file.warnings.length} warnings)`);
  }
  return true;
}
