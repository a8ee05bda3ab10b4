import { isNoOp, PlanImporter, readPlan } from '@dx/db';
import { DomainError } from '@dx/domain';
import { parsePlanFile, serializePlanFile } from '@dx/plan-file';
import { DA_NANG_FILE, QUANG_NINH_FILE, smallPlanText, validPlan, validPlanFile } from '../factories/plan-file.factory';
import { createTestDatabase, snapshot, TestDatabase } from '../support/test-database';

const options = { fileName: 'test.yaml', actor: 'jest', prune: false, dryRun: false, now: new Date('2023-11-01T00:00:00Z') };

describe('PlanImporter against PostgreSQL', () => {
  let db: TestDatabase;
  let importer: PlanImporter;

  beforeAll(async () => {
    db = await createTestDatabase();
    importer = new PlanImporter(db.dataSource);
  });
  afterAll(() => db.drop());

  it('imports the Quảng Ninh dataset, then reports everything unchanged on the second import', async () => {
    const file = validPlanFile(QUANG_NINH_FILE);
    const first = await importer.run(file, options);
    expect(first.counts.documents.created).toBe(3);
    expect(first.counts.goal_groups.created + first.counts.task_groups.created).toBeGreaterThanOrEqual(15);
    expect(first.counts.observations.created).toBe(file.plan.observations.length);

    const second = await importer.run(file, options);
    expect(isNoOp(second.counts)).toBe(true);
    expect(second.counts.observations.unchanged).toBe(file.plan.observations.length);
    expect(second.counts.goals.unchanged).toBe(first.counts.goals.created);
  });

  it('stores the 37/KH-UBND groups with their declared counts and the national claim as written', async () => {
    const groups: { code: string; declared_count: number }[] = await db.dataSource.query(
      `SELECT g.code, g.declared_count FROM goal_group g JOIN document d ON d.id = g.document_id
        WHERE d.code = '37/KH-UBND' ORDER BY g.position`,
    );
    expect(groups.map((g) => g.declared_count)).toEqual([7, 15, 8, 14]);
    const tasks: { declared_count: number }[] = await db.dataSource.query(
      `SELECT g.declared_count FROM task_group g JOIN document d ON d.id = g.document_id WHERE d.code = '37/KH-UBND' ORDER BY g.position`,
    );
    expect(tasks.map((g) => g.declared_count)).toEqual([8, 8, 9, 7, 12, 7, 8, 11, 14, 8]);
    const [claim] = await db.dataSource.query(
      `SELECT c.met, c."of", c.open, d.scope FROM reported_claim c JOIN document d ON d.id = c.document_id WHERE d.scope = 'national'`,
    );
    expect(claim).toEqual({ met: 6, of: 9, open: 4, scope: 'national' });
  });

  it('keeps measured values exact (numeric, not float)', async () => {
    const rows: { value: string }[] = await db.dataSource.query(
      `SELECT o.value::text AS value FROM observation o JOIN indicator i ON i.id = o.indicator_id WHERE i.code = 'thu-nsnn-khong-tien-mat' AND o.period = '2023-H2'`,
    );
    expect(rows).toEqual([{ value: '99.2' }]);
  });

  it('round-trips: export then import changes nothing, and the exported plan equals the file', async () => {
    const original = validPlanFile(QUANG_NINH_FILE).plan;
    const exported = await readPlan(db.dataSource, 'QNI');
    expect(exported).toEqual(original);
    const reimport = await importer.run(validPlan(serializePlanFile(exported!)), options);
    expect(isNoOp(reimport.counts)).toBe(true);
  });

  it('imports a second province written from the spec alone, next to the first', async () => {
    const result = await importer.run(validPlanFile(DA_NANG_FILE), options);
    expect(result.provinceCode).toBe('DNG');
    expect(result.counts.tasks.created).toBeGreaterThan(0);
    const provinces: { code: string }[] = await db.dataSource.query(`SELECT code FROM org_unit WHERE kind = 'province' ORDER BY code`);
    expect(provinces.map((p) => p.code)).toEqual(['DNG', 'QNI']);
    expect(await readPlan(db.dataSource, 'DNG')).toEqual(validPlanFile(DA_NANG_FILE).plan);
  });

  it('updates only edited rows and bumps their version', async () => {
    await importer.run(validPlan(smallPlanText('EDT')), options);
    const edited = await importer.run(validPlan(smallPlanText('EDT', { goalTitle: 'Tiêu đề đã sửa' })), options);
    expect(edited.counts.goals).toMatchObject({ updated: 1, unchanged: 1, created: 0 });
    expect(edited.counts.tasks).toMatchObject({ updated: 0, unchanged: 1 });
    const [goal] = await db.dataSource.query(`SELECT title, version FROM goal WHERE code = 'MT1.1' AND title = 'Tiêu đề đã sửa'`);
    expect(goal).toEqual({ title: 'Tiêu đề đã sửa', version: 2 });
  });

  it('keeps rows a file no longer mentions, and removes them with prune, saying what it removed', async () => {
    const full = smallPlanText('PRN', { agencies: '  - code: SNV\n    name: Sở Nội vụ\n    kind: department\n' });
    await importer.run(validPlan(full), options);
    const withoutGoal = smallPlanText('PRN')
      .replace(/ {10}- code: MT1\.2\n(.*\n){3}/, '')
      .replace(/observations:\n(.*\n)*/, '');
    const kept = await importer.run(validPlan(withoutGoal), options);
    expect(kept.counts.goals.kept).toBe(1);
    expect(kept.counts.agencies.kept).toBe(1);
    expect(kept.counts.observations.kept).toBe(1);
    const pruned = await importer.run(validPlan(withoutGoal), { ...options, prune: true });
    expect(pruned.counts.goals.removed).toBe(1);
    expect(pruned.counts.agencies.removed).toBe(1);
    expect(pruned.removed).toEqual(expect.arrayContaining(['goal MT1.2', 'agency SNV', 'observation 2023-10']));
    const exported = await readPlan(db.dataSource, 'PRN');
    expect(exported).toEqual(validPlan(withoutGoal).plan);
  });

  it('a dry run reports the changes and writes nothing', async () => {
    const before = await snapshot(db.dataSource);
    const result = await importer.run(validPlan(smallPlanText('DRY')), { ...options, dryRun: true });
    expect(result.counts.provinces.created).toBe(1);
    expect(result.runId).toBeNull();
    expect(await snapshot(db.dataSource)).toEqual(before);
  });

  it('refuses to redefine an indicator another province uses, and leaves everything as it was', async () => {
    const before = await snapshot(db.dataSource);
    const redefined = smallPlanText('RDF').replace('kind: ratio\n    scale: 100', 'kind: percent');
    await expect(importer.run(validPlan(redefined), options)).rejects.toThrow(DomainError);
    await expect(importer.run(validPlan(redefined), options)).rejects.toThrow(
      /"dvc-toan-trinh" với loại chỉ số \(kind\) "percent", nhưng danh mục chỉ số quốc gia ghi loại chỉ số \(kind\) "ratio" theo tệp test\.yaml của [A-Z]{3}.* \(các tỉnh đang dùng: .*(EDT|PRN|TST)/,
    );
    expect(await snapshot(db.dataSource)).toEqual(before);
  });

  it('records each import run with checksum, actor, counts and warnings', async () => {
    const runs: { actor: string; checksum: string; counts: Record<string, unknown>; warnings: unknown[] }[] = await db.dataSource.query(
      `SELECT actor, checksum, counts, warnings FROM import_run WHERE province_code = 'QNI' ORDER BY started_at, finished_at`,
    );
    expect(runs.length).toBeGreaterThanOrEqual(3);
    expect(runs[0].checksum).toMatch(/^[0-9a-f]{64}$/);
    expect(runs[0].actor).toBe('jest');
    expect(runs[0].counts).toHaveProperty('documents.created', 3);
    expect((runs[0].warnings as { path: string }[]).some((w) => w.path.includes('declared_count'))).toBe(true);
  });

  it("another province's label for a shared indicator leaves this province's export as its file", async () => {
    const [{ count }] = await db.dataSource.query(
      `SELECT count(*)::int AS count FROM province_indicator pi JOIN indicator i ON i.id = pi.indicator_id WHERE i.code = 'dvc-toan-trinh'`,
    );
    expect(count).toBeGreaterThanOrEqual(3);
    const names: { name: string }[] = await db.dataSource.query(
      `SELECT DISTINCT pi.name FROM province_indicator pi JOIN indicator i ON i.id = pi.indicator_id WHERE i.code = 'dvc-toan-trinh'`,
    );
    expect(names.length).toBeGreaterThan(1);
    expect(await readPlan(db.dataSource, 'QNI')).toEqual(validPlanFile(QUANG_NINH_FILE).plan);
  });

  it('normalises decomposed Vietnamese to NFC before storing it', async () => {
    const text = smallPlanText('NFC').normalize('NFD');
    expect(parsePlanFile(Buffer.from(text)).errors).toEqual([]);
    await importer.run(validPlan(text), options);
    const [row] = await db.dataSource.query(`SELECT name FROM org_unit WHERE code = 'NFC'`);
    expect(row.name).toBe('Tỉnh Thử Nghiệm'.normalize('NFC'));
  });
});
