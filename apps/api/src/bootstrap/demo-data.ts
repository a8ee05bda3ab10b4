import { Logger } from '@nestjs/common';
import { join } from 'path';
import { DataSource } from 'typeorm';
import { findRepoRoot } from '@dx/config';
import { AccountRepository, importDtiDirectory, PlanImporter, ProvinceRepository } from '@dx/db';
import type { Role } from '@dx/domain';
import { formatIssue, loadPlanFile } from '@dx/plan-file';

/**
 * Quảng Ninh (real figures from public sources, but no individual tasks) and the illustrative province Tỉnh Mẫu
 * (invented, labelled "dữ liệu minh họa" in its name and titles: 40 tasks, late and done ones, two years of values).
 */
export const DEMO_PLAN_FILES = ['data/plans/quang-ninh.yaml', 'data/plans/tinh-mau.yaml'];
/** The illustrative province's code. */
export const ILLUSTRATIVE_PROVINCE = 'MAU';
/** The DTI frameworks and results the source articles state (the plan's dti-* indicators take their figures from these). */
export const DEMO_DTI_DIRECTORY = 'data/dti';

/**
 * Loads the Quảng Ninh demo plan and the DTI results on the first start of an empty
 * database only (no import has ever run), so restarts neither duplicate nor resurrect data.
 */
export async function loadDemoDataOnce(dataSource: DataSource, logger: Logger): Promise<boolean> {
  if (await new ProvinceRepository(dataSource).anyImportRun()) return false;
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
  const dti = await importDtiDirectory(dataSource, join(root, DEMO_DTI_DIRECTORY));
  logger.log(`loaded demo DTI results from ${DEMO_DTI_DIRECTORY} (${dti.frameworks} frameworks, ${dti.tables.length} tables)`);
  return true;
}

/**
 * One account per role for trying dx-tracker out, in each demo province: the department in charge of digital
 * transformation (Sở KH&CN since 1/3/2025; Quảng Ninh's plan file keeps its agency code STTTT), an agency's reporter,
 * the leadership, a viewer.
 */
export const DEMO_ACCOUNTS: { username: string; displayName: string; role: Role; province?: string; orgUnit?: string }[] = [
  { username: 'admin', displayName: 'Quản trị hệ thống', role: 'admin' },
  { username: 'stttt.qni', displayName: 'Cán bộ Sở KH&CN Quảng Ninh', role: 'officer', province: 'QNI', orgUnit: 'STTTT' },
  { username: 'vpubnd.qni', displayName: 'Báo cáo viên Văn phòng UBND tỉnh', role: 'reporter', province: 'QNI', orgUnit: 'VPUBND' },
  { username: 'lanhdao.qni', displayName: 'Lãnh đạo UBND tỉnh Quảng Ninh', role: 'leader', province: 'QNI' },
  { username: 'xem.qni', displayName: 'Người xem', role: 'viewer', province: 'QNI' },
  { username: 'skhcn.mau', displayName: 'Cán bộ Sở KH&CN Tỉnh Mẫu (minh họa)', role: 'officer', province: 'MAU', orgUnit: 'SKHCN' },
  { username: 'syt.mau', displayName: 'Báo cáo viên Sở Y tế Tỉnh Mẫu (minh họa)', role: 'reporter', province: 'MAU', orgUnit: 'SYT' },
  { username: 'lanhdao.mau', displayName: 'Lãnh đạo UBND Tỉnh Mẫu (minh họa)', role: 'leader', province: 'MAU' },
  { username: 'xem.mau', displayName: 'Người xem Tỉnh Mẫu (minh họa)', role: 'viewer', province: 'MAU' },
];

/**
 * Creates the demo accounts with generated passwords (there is no default password) and
 * returns them so start-up can print them once; accounts that exist are left alone.
 */
export async function createDemoAccounts(dataSource: DataSource): Promise<{ username: string; role: Role; password: string }[]> {
  const created: { username: string; role: Role; password: string }[] = [];
  const accounts = new AccountRepository(dataSource);
  for (const a of DEMO_ACCOUNTS) {
    if (await accounts.findByUsername(a.username)) continue;
    const { password } = await accounts.create(a);
    created.push({ username: a.username, role: a.role, password });
  }
  return created;
}
