import { INestApplication } from '@nestjs/common';
import { mkdtempSync, readFileSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { importDtiDirectory } from '@dx/db';
import { RecomputeEngine } from '@dx/status-engine';
import { DA_NANG_FILE, DTI_DIRECTORY, importPlanFiles, QUANG_NINH_FILE } from '../factories/plan-file.factory';
import { runCli } from '../support/run-built';
import { as, createTestApp, signIn } from '../support/test-app';
import { createTestDatabase, TestDatabase } from '../support/test-database';

/**
 * Every row of every table as PostgreSQL renders it, per table (order-free): what "exactly" means.
 * Summary and work stamps are left out: derived state (triggers set them as the restored rows go in).
 */
async function contents(db: TestDatabase): Promise<Record<string, string>> {
  const tables: { table_name: string }[] = await db.dataSource.query(
    `SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE' AND table_name NOT IN ('schema_migration', 'summary_stamp', 'work_stamp', 'work_stamp_due') ORDER BY 1`,
  );
  const out: Record<string, string> = {};
  for (const { table_name: t } of tables) {
    const [{ n, digest }] = await db.dataSource.query(
      `SELECT count(*)::int AS n, md5(coalesce(string_agg(row_to_json(x)::text, E'\\n' ORDER BY row_to_json(x)::text), '')) AS digest FROM "${t}" x`,
    );
    out[t] = `${n} ${digest}`;
  }
  return out;
}

describe('cli backup / cli restore', () => {
  let source: TestDatabase;
  let target: TestDatabase;
  let app: INestApplication;
  const tmp = mkdtempSync(join(tmpdir(), 'dx-backup-'));
  const file = join(tmp, 'dx.jsonl.gz');

  beforeAll(async () => {
    source = await createTestDatabase();
    target = await createTestDatabase({ migrate: false });
    await importPlanFiles(source.dataSource, QUANG_NINH_FILE, DA_NANG_FILE);
    await importDtiDirectory(source.dataSource, DTI_DIRECTORY);
    // Writes through the API: audit rows, versions, an outbox row, a directive, accounts and tokens.
    app = await createTestApp(source);
    const officer = as(app, (await signIn(app, source, 'officer', 'QNI', 'STTTT')).token);
    const [task] = await source.dataSource.query(
      `SELECT t.id, t.version FROM task t JOIN document d ON d.id = t.document_id JOIN org_unit p ON p.id = d.province_id WHERE p.code = 'QNI' LIMIT 1`,
    );
    if (task)
      await officer
        .patch(`/api/v1/tasks/${task.id}`)
        .set('If-Match', `"${task.version}"`)
        .send({ status: 'in_progress', progress: 35.5, comment: 'Đang triển khai' })
        .expect(200);
    await officer
      .post('/api/v1/observations')
      .send({ indicator: 'dvc-toan-trinh', province: 'QNI', period: '2024-01', value: '88.123456789' })
      .expect(201);
    const id = await source.dataSource.query(`SELECT id FROM org_unit WHERE code = 'QNI'`);
    await new RecomputeEngine(source.dataSource, { now: () => new Date('2023-11-15T00:00:00Z') }).recompute({
      provinceId: id[0].id,
      asOf: '2023-10-31',
      trigger: 'test',
    });
    // A stored report: bytes (bytea) must come back exactly too.
    expect(
      runCli(['report', '--province', 'QNI', '--document', 'CDS-2023-QG', '--period', '2023', '--as-of', '2023-10-31', '--out', tmp], {
        DATABASE_URL: source.url,
      }).status,
    ).toBe(0);
  });
  afterAll(async () => {
    await app?.close();
    await source?.drop();
    await target?.drop();
  });

  it('round-trips the whole database exactly into an empty one, and a province exports the same', async () => {
    const backup = runCli(['backup', '--out', file], { DATABASE_URL: source.url });
    expect(backup.stderr).toMatch(/đã sao lưu org_unit: \d+ dòng/);
    expect(backup.status).toBe(0);
    const restored = runCli(['restore', file], { DATABASE_URL: target.url });
    expect(restored.stderr).toMatch(/đã khôi phục audit_log: [1-9]\d* dòng/);
    expect(restored.status).toBe(0);
    const before = await contents(source);
    expect(Object.keys(before).length).toBeGreaterThan(30);
    expect(Number(before.report.split(' ')[0])).toBeGreaterThan(0);
    expect(await contents(target)).toEqual(before);
    // The export's first line says when it was made.
    const exported = (db: TestDatabase) =>
      runCli(['export', '--province', 'QNI'], { DATABASE_URL: db.url }).stdout.replace(/^# Xuất từ dx-tracker lúc .*\n/, '');
    expect(exported(target)).toEqual(exported(source));
    // Identity sequences continue after the restored ids.
    const [{ max }] = await target.dataSource.query(`SELECT max(id)::int AS max FROM audit_log`);
    const [{ id }] = await target.dataSource.query(
      `INSERT INTO audit_log (actor, action, entity_kind) VALUES ($$jest$$, $$restore-check$$, $$task$$) RETURNING id`,
    );
    expect(max).toBeGreaterThan(0);
    expect(Number(id)).toBe(max + 1);
  });

  it('refuses a database that holds data, and a damaged file, writing nothing', async () => {
    const again = runCli(['restore', file], { DATABASE_URL: target.url });
    expect(again.status).toBe(3);
    expect(again.stderr).toMatch(/đã có dữ liệu .* hãy khôi phục vào một cơ sở dữ liệu trống/);
    const empty = await createTestDatabase({ migrate: false });
    try {
      const damaged = join(tmp, 'damaged.jsonl.gz');
      const bytes = readFileSync(file);
      writeFileSync(damaged, bytes.subarray(0, Math.floor(bytes.length / 2)));
      const r = runCli(['restore', damaged], { DATABASE_URL: empty.url });
      expect(r.status).toBe(2);
      expect(r.stderr).toMatch(/bị hỏng|không đầy đủ/);
      expect((await empty.dataSource.query(`SELECT count(*)::int AS n FROM org_unit`))[0].n).toBe(0);
      const notBackup = join(tmp, 'x.gz');
      writeFileSync(notBackup, 'not gzip');
      expect(runCli(['restore', notBackup], { DATABASE_URL: empty.url }).stderr).toMatch(/bị hỏng|Không phải là bản sao lưu dx-tracker/);
      expect(runCli(['restore', join(tmp, 'missing.gz')], { DATABASE_URL: empty.url }).stderr).toMatch(
        /không đọc được .*missing\.gz \(ENOENT\)/,
      );
    } finally {
      await empty.drop();
    }
  });
});
