import { readFileSync } from 'fs';
import { join } from 'path';
import { DataSource } from 'typeorm';
import { PlanImporter, ValidatedPlanFile } from '@dx/db';
import { formatIssue, parsePlanFile } from '@dx/plan-file';

export const REPO = join(__dirname, '../..');
export const QUANG_NINH_FILE = join(REPO, 'data/plans/quang-ninh.yaml');
export const DA_NANG_FILE = join(REPO, 'test/fixtures/plans/valid/da-nang-sample.yaml');
/** The DTI frameworks and results of the demo: Quảng Ninh's dti-* indicators take their figures from these. */
export const DTI_DIRECTORY = join(REPO, 'data/dti');

/** Parses plan text that must be valid; fails the test with the errors otherwise. */
export function validPlan(source: string | Buffer): ValidatedPlanFile {
  const bytes = typeof source === 'string' ? Buffer.from(source, 'utf8') : source;
  const parsed = parsePlanFile(bytes);
  if (!parsed.plan) throw new Error(`fixture is invalid:\n${parsed.errors.map(formatIssue).join('\n')}`);
  return { bytes, plan: parsed.plan, warnings: parsed.warnings };
}

export function validPlanFile(path: string): ValidatedPlanFile {
  return validPlan(readFileSync(path));
}

/** A small valid plan for province `code`, for tests that need their own rows. */
export function smallPlanText(code = 'TST', extra: { goalTitle?: string; agencies?: string } = {}): string {
  return `schema: dx-tracker/plan@1
province:
  code: ${code}
  name: Tỉnh Thử Nghiệm
agencies:
  - code: STTTT
    name: Sở Thông tin và Truyền thông
    kind: department
${extra.agencies ?? ''}indicators:
  - code: dvc-toan-trinh
    name: Tỷ lệ dịch vụ công trực tuyến toàn trình
    unit: "%"
    kind: ratio
    scale: 100
    direction: up
documents:
  - code: 1/KH-UBND
    type: plan
    issuer: UBND tỉnh
    issued: 2023-01-10
    title: Kế hoạch chuyển đổi số năm 2023
    goal_groups:
      - code: MT1
        name: Chính quyền số
        declared_count: 2
        goals:
          - code: MT1.1
            title: ${extra.goalTitle ?? 'Dịch vụ công trực tuyến toàn trình'}
            indicator: dvc-toan-trinh
            target: { op: ">=", value: 80 }
            due: 2023-12-31
          - code: MT1.2
            title: Ban hành danh mục cơ sở dữ liệu
            milestone: true
            due: 2023-11-30
    task_groups:
      - code: NV1
        name: Nhận thức số
        tasks:
          - code: NV1.1
            title: Tuyên truyền về chuyển đổi số
            lead: STTTT
            status: in_progress
            progress: 40
observations:
  - indicator: dvc-toan-trinh
    org: ${code}
    period: 2023-10
    value: 81
    numerator: 810
    denominator: 1000
`;
}

/** A small plan whose one task group holds `tasks` tasks (alternately led by STTTT and VPUBND), for concurrency tests. */
export function manyTasksPlanText(code: string, tasks: number): string {
  const list = Array.from(
    { length: tasks },
    (_, i) => `          - code: NV1.${i + 1}
            title: Nhiệm vụ số ${i + 1} về chuyển đổi số
            lead: ${i % 2 === 0 ? 'STTTT' : 'VPUBND'}
            due: 2030-12-31
            status: not_started
            progress: 0
`,
  ).join('');
  return smallPlanText(code, { agencies: '  - code: VPUBND\n    name: Văn phòng Ủy ban nhân dân tỉnh\n    kind: department\n' }).replace(
    / {8}tasks:\n[\s\S]*?observations:/,
    `        tasks:\n${list}observations:`,
  );
}

/** Imports plan files (paths) in order, as `jest` at the current time. */
export async function importPlanFiles(dataSource: DataSource, ...paths: string[]): Promise<void> {
  const options = { fileName: 't.yaml', actor: 'jest', prune: false, dryRun: false, now: new Date() };
  for (const path of paths) await new PlanImporter(dataSource).run(validPlanFile(path), options);
}
