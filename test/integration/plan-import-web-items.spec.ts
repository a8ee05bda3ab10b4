import { isNoOp, PlanImporter, PlanItemRepository } from '@dx/db';
import { webItemLines } from '@dx/domain';
import { DA_NANG_FILE, validPlanFile } from '../factories/plan-file.factory';
import { createTestDatabase, TestDatabase } from '../support/test-database';

const options = { fileName: 'da-nang.yaml', actor: 'jest', prune: false, dryRun: false, now: new Date('2023-11-01T00:00:00Z') };

/** Tasks and goals added or edited in the web app (issue 19), then a plan file imported again. */
describe('plan import after web edits', () => {
  let db: TestDatabase;
  let importer: PlanImporter;
  let items: PlanItemRepository;
  const task = async (code: string) =>
    (await db.dataSource.query(`SELECT id, title, due, status, origin, web_edited_at, cancel_reason FROM task WHERE code = $1`, [code]))[0];
  const goal = async (code: string) =>
    (await db.dataSource.query(`SELECT id, title, origin, web_edited_at, cancelled_at FROM goal WHERE code = $1`, [code]))[0];

  beforeAll(async () => {
    db = await createTestDatabase();
    importer = new PlanImporter(db.dataSource);
    items = new PlanItemRepository(db.dataSource);
    await importer.run(validPlanFile(DA_NANG_FILE), options);
  });
  afterAll(() => db.drop());

  it('keeps a task and a goal added on the web when the file leaves them out, and lists them in the summary', async () => {
    const [dng] = await db.dataSource.query(`SELECT id FROM org_unit WHERE code = 'DNG' AND kind = 'province'`);
    const doc = (await items.document(dng.id, '05-NQ/TU'))!;
    const taskCtx = await items.context(doc, 'task');
    await items.insertTask({
      documentId: doc.id,
      groupId: taskCtx.groups.find((g) => g.code === 'T1')!.id,
      code: 'T1.3',
      title: 'Nhiệm vụ thêm trên web',
      leadId: taskCtx.agencies.find((a) => a.code === 'STTTT')!.id,
      supportIds: [],
      due: '2024-06-30',
      status: 'not_started',
      progress: null,
      by: 'officer',
    });
    const goalCtx = await items.context(doc, 'goal');
    await items.insertGoal({
      documentId: doc.id,
      groupId: goalCtx.groups.find((g) => g.code === 'G1')!.id,
      code: 'G1.9',
      title: 'Mục tiêu thêm trên web',
      indicatorId: null,
      target: null,
      due: '2025-12-31',
    });

    const result = await importer.run(validPlanFile(DA_NANG_FILE), options);
    expect(result.webItems).toMatchObject({ keptTasks: ['T1.3'], keptGoals: ['G1.9'], replacedTasks: [], replacedGoals: [] });
    expect(result.counts.tasks.kept).toBe(1);
    expect(webItemLines(result.webItems, 'vi')).toEqual([
      'giữ lại 1 nhiệm vụ thêm trên web (T1.3)',
      'giữ lại 1 mục tiêu thêm trên web (G1.9)',
    ]);
    expect(await task('T1.3')).toMatchObject({ title: 'Nhiệm vụ thêm trên web', origin: 'web' });
    expect(await goal('G1.9')).toMatchObject({ origin: 'web' });
  });

  it('puts back the file’s version of a task and a goal edited or cancelled on the web, and says so', async () => {
    const t = await task('T1.1');
    await items.updateTask(t.id, { title: 'Tên sửa trên web', due: '2025-01-31', web_edited_at: new Date() }, 'officer');
    const g = await goal('G1.1');
    await items.updateGoal(g.id, { cancelled_at: new Date(), cancel_reason: 'trùng', web_edited_at: new Date() });

    const result = await importer.run(validPlanFile(DA_NANG_FILE), options);
    expect(result.webItems.replacedTasks).toEqual(['T1.1']);
    expect(result.webItems.replacedGoals).toEqual(['G1.1']);
    expect(webItemLines(result.webItems, 'vi')).toContain('1 nhiệm vụ sửa trên web được cập nhật theo tệp (T1.1)');
    expect(await task('T1.1')).toMatchObject({
      title: 'Tuyên truyền, phổ biến về chuyển đổi số trên các phương tiện thông tin đại chúng',
      due: '2023-12-31',
      origin: 'import',
      web_edited_at: null,
    });
    expect(await goal('G1.1')).toMatchObject({ cancelled_at: null, web_edited_at: null });
    // The web task is kept again, and nothing else changes.
    const again = await importer.run(validPlanFile(DA_NANG_FILE), options);
    expect(isNoOp(again.counts)).toBe(true);
    expect(again.webItems).toMatchObject({ keptTasks: ['T1.3'], replacedTasks: [], replacedGoals: [] });
  });

  it('removes the web-added rows with --prune and lists them', async () => {
    const result = await importer.run(validPlanFile(DA_NANG_FILE), { ...options, prune: true });
    expect(result.webItems).toMatchObject({ removedTasks: ['T1.3'], removedGoals: ['G1.9'], keptTasks: [] });
    expect(result.removed).toEqual(expect.arrayContaining(['task T1.3', 'goal G1.9']));
    expect(await task('T1.3')).toBeUndefined();
  });
});
