import { INestApplication } from '@nestjs/common';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { readPlan } from '@dx/db';
import { QUANG_NINH_FILE, REPO, validPlanFile } from '../factories/plan-file.factory';
import { runCli } from '../support/run-built';
import { as, createTestApp, signIn } from '../support/test-app';
import { createTestDatabase, snapshot, TestDatabase } from '../support/test-database';

/** Hà Nội written from the plan format alone: dti-hang and dvc-toan-trinh without `dti:`, `scale:` or a national target. */
const HA_NOI_FILE = join(REPO, 'test/fixtures/plans/valid/ha-noi-from-format.yaml');

interface Catalogue {
  code: string;
  unit: string;
  kind: string;
  scale: string | null;
  direction: string;
  dti: string | null;
}
const catalogue = (db: TestDatabase): Promise<Catalogue[]> =>
  db.dataSource.query(
    `SELECT code, unit, kind, trim_scale(scale)::text AS scale, direction, dti_figure AS dti FROM indicator WHERE code IN ('dti-hang', 'dvc-toan-trinh') ORDER BY code`,
  );
const labels = (db: TestDatabase): Promise<{ province: string; indicator: string; name: string }[]> =>
  db.dataSource.query(
    `SELECT p.code AS province, i.code AS indicator, pi.name FROM province_indicator pi JOIN indicator i ON i.id = pi.indicator_id
       JOIN org_unit p ON p.id = pi.province_id WHERE i.code = 'dti-hang' ORDER BY 1`,
  );

describe('two provinces whose plans share national indicators, in one database', () => {
  const tmp = mkdtempSync(join(tmpdir(), 'dx-shared-'));
  const databases: TestDatabase[] = [];
  const database = async () => {
    const db = await createTestDatabase();
    databases.push(db);
    return db;
  };
  const importFile = (db: TestDatabase, file: string) => runCli(['import', file], { DATABASE_URL: db.url });
  afterAll(async () => {
    for (const db of databases) await db.drop();
    rmSync(tmp, { recursive: true, force: true });
  });

  const NATIONAL: Catalogue[] = [
    { code: 'dti-hang', unit: 'hạng', kind: 'rank', scale: null, direction: 'down', dti: 'rank' },
    { code: 'dvc-toan-trinh', unit: '%', kind: 'ratio', scale: '100', direction: 'up', dti: null },
  ];

  it.each([
    ['Quảng Ninh first, then Hà Nội', [QUANG_NINH_FILE, HA_NOI_FILE]],
    ['Hà Nội first, then Quảng Ninh', [HA_NOI_FILE, QUANG_NINH_FILE]],
  ])("%s: both import; keys a file leaves out are the national ones, labels stay each province's own", async (_order, files) => {
    const db = await database();
    // The DTI table of a year with both provinces: dti-hang is fed from it, for Hà Nội too once the catalogue says so.
    const table = join(tmp, 'dti-2023.csv');
    writeFileSync(table, 'code,name,score,rank\nHNI,Hà Nội,"0,6500",9\nQNI,Quảng Ninh,"0,7000",3\n');
    expect(runCli(['dti', 'import', table, '--year', '2023'], { DATABASE_URL: db.url }).status).toBe(0);
    for (const file of files) {
      const r = importFile(db, file);
      expect(r.stderr).not.toMatch(/^lỗi:/m);
      expect(r.status).toBe(0);
    }
    expect(await catalogue(db)).toEqual(NATIONAL);
    const fromDti = await db.dataSource.query(
      `SELECT u.code, o.period, o.value::text AS value FROM observation o JOIN org_unit u ON u.id = o.org_unit_id JOIN indicator i ON i.id = o.indicator_id
        WHERE i.code = 'dti-hang' AND o.entered_by = 'dti' ORDER BY 1`,
    );
    expect(fromDti).toEqual([
      { code: 'HNI', period: '2023', value: '9' },
      { code: 'QNI', period: '2023', value: '3' },
    ]);
    expect(await labels(db)).toEqual([
      { province: 'HNI', indicator: 'dti-hang', name: 'Xếp hạng DTI của thành phố' },
      {
        province: 'QNI',
        indicator: 'dti-hang',
        name: 'Thứ hạng chỉ số chuyển đổi số cấp tỉnh (DTI) trong nhóm tỉnh, thành phố trực thuộc Trung ương',
      },
    ]);
    // Either file again changes nothing; Quảng Ninh's export is still its file.
    for (const file of files) expect(importFile(db, file).stdout).toMatch(/: không có gì thay đổi/);
    expect(await readPlan(db.dataSource, 'QNI')).toEqual(validPlanFile(QUANG_NINH_FILE).plan);
    // Hà Nội's export states the national meaning it inherited, and imports as no change.
    const exported = join(tmp, `hni-${databases.length}.yaml`);
    expect(runCli(['export', '--province', 'HNI', '--out', exported], { DATABASE_URL: db.url }).status).toBe(0);
    expect(readFileSync(exported, 'utf8')).toMatch(/code: dti-hang\n(.*\n)*?\s+dti: rank\n/);
    expect(importFile(db, exported).stdout).toMatch(/: không có gì thay đổi/);
  });

  describe('a file that contradicts the national meaning', () => {
    let db: TestDatabase;
    let app: INestApplication;
    const contradiction = () => {
      const text = readFileSync(HA_NOI_FILE, 'utf8').replace('    unit: hạng\n', '    unit: thứ hạng\n');
      const file = join(tmp, 'ha-noi-thu-hang.yaml');
      writeFileSync(file, text);
      return { file, text };
    };

    beforeAll(async () => {
      db = await database();
      expect(importFile(db, QUANG_NINH_FILE).status).toBe(0);
      app = await createTestApp(db);
    });
    afterAll(async () => {
      await app?.close();
    });

    it('is refused by the CLI with a message in Vietnamese naming both files (the refused one and the one the catalogue follows), both values and the provinces using it; nothing is written', async () => {
      const before = await snapshot(db.dataSource);
      const r = importFile(db, contradiction().file);
      expect(r.status).toBe(3);
      expect(r.stderr).toMatch(
        /lỗi: tệp ha-noi-thu-hang\.yaml \(HNI\) ghi chỉ số dùng chung "dti-hang" với đơn vị \(unit\) "thứ hạng", nhưng danh mục chỉ số quốc gia ghi đơn vị \(unit\) "hạng" theo tệp quang-ninh\.yaml của QNI \(các tỉnh đang dùng: QNI\)/,
      );
      expect(r.stderr).not.toMatch(/dvc-toan-trinh/);
      expect(await snapshot(db.dataSource)).toEqual(before);
    });

    it('is refused by the API with 409 and the same explanation', async () => {
      const admin = as(app, (await signIn(app, db, 'admin')).token);
      const before = await snapshot(db.dataSource);
      const refused = await admin
        .post('/api/v1/plans/import?file=ha-noi-thu-hang.yaml')
        .set('Content-Type', 'application/yaml')
        .set('Accept-Language', 'vi')
        .send(Buffer.from(contradiction().text))
        .expect(409);
      expect(refused.body).toMatchObject({ code: 'IMPORT_CONFLICT', title: 'Xung đột dữ liệu' });
      expect(refused.body.detail).toMatch(
        /^tệp ha-noi-thu-hang\.yaml \(HNI\) ghi chỉ số dùng chung "dti-hang" với đơn vị \(unit\) "thứ hạng", nhưng danh mục chỉ số quốc gia ghi đơn vị \(unit\) "hạng" theo tệp quang-ninh\.yaml của QNI/,
      );
      expect(refused.body.conflicts).toEqual([
        {
          indicator: 'dti-hang',
          attribute: 'unit',
          national: 'hạng',
          stated: 'thứ hạng',
          provinces: ['QNI'],
          files: [{ province: 'QNI', file: 'quang-ninh.yaml' }],
        },
      ]);
      expect(await snapshot(db.dataSource)).toEqual(before);
    });
  });
});
