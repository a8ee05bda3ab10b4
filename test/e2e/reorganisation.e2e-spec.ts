import { INestApplication } from '@nestjs/common';
import { mkdtempSync, readFileSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { PlanImporter } from '@dx/db';
import { QUANG_NINH_FILE, REPO, validPlan, validPlanFile } from '../factories/plan-file.factory';
import { runCli } from '../support/run-built';
import { as, createTestApp, signIn } from '../support/test-app';
import { createTestDatabase, TestDatabase } from '../support/test-database';

/** A province with a ratio, a count and a score for 2024; `districts` adds district units holding their own figures. */
function provincePlan(
  code: string,
  figures: { ratio?: [number, number]; count?: number; score?: number },
  districts: Record<string, number> = {},
): string {
  const obs = (indicator: string, org: string, body: string) => `  - indicator: ${indicator}\n    org: ${org}\n    period: "2024"\n${body}`;
  const lines = [
    figures.ratio && obs('tr-ho-so', code, `    numerator: ${figures.ratio[0]}\n    denominator: ${figures.ratio[1]}\n`),
    figures.count !== undefined && obs('tr-diem-wifi', code, `    value: ${figures.count}\n`),
    figures.score !== undefined && obs('tr-diem-cds', code, `    value: ${figures.score}\n`),
    ...Object.entries(districts).map(([d, n]) => obs('tr-diem-wifi', d, `    value: ${n}\n`)),
  ].filter(Boolean);
  return `schema: dx-tracker/plan@1
province: { code: ${code}, name: Tỉnh ${code} }
agencies:
  - { code: STTTT, name: Sở Thông tin và Truyền thông, kind: department }
${Object.keys(districts)
  .map((d) => `  - { code: ${d}, name: Huyện ${d}, kind: district }\n`)
  .join('')}indicators:
  - { code: tr-ho-so, name: Tỷ lệ hồ sơ trực tuyến, unit: "%", kind: ratio, scale: 100, direction: up }
  - { code: tr-diem-wifi, name: Số điểm wifi công cộng, unit: điểm, kind: count, direction: up }
  - { code: tr-diem-cds, name: Điểm chuyển đổi số, unit: điểm, kind: score, direction: up }
documents:
  - code: 1/KH-UBND
    type: plan
    issuer: UBND tỉnh ${code}
    issued: 2024-01-10
    title: Kế hoạch chuyển đổi số năm 2024 của tỉnh ${code}
    goal_groups:
      - code: MT1
        name: Chính quyền số
        goals:
          - { code: MT1.1, title: Hồ sơ trực tuyến, indicator: tr-ho-so, target: { op: ">=", value: 50 }, due: 2024-12-31 }
observations:
${lines.join('')}`;
}

const MERGER = `schema: dx-tracker/reorganisation@1
code: TEST-2025
title: Sáp nhập thử nghiệm
effective: 2025-07-01
source: Nghị quyết thử nghiệm
changes:
  - merge: [TRA, TRB, TRC]
    into: { code: TRM, name: Tỉnh Mới }
  - dissolve: { kind: district }
`;

describe('reorganisations: three provinces merge into one, the district tier is removed', () => {
  let db: TestDatabase;
  let app: INestApplication;
  let env: Record<string, string>;
  const tmp = mkdtempSync(join(tmpdir(), 'dx-reorg-'));
  const file = (name: string, text: string) => {
    const path = join(tmp, name);
    writeFileSync(path, text);
    return path;
  };
  const unit = async (code: string) =>
    (
      await db.dataSource.query(`SELECT code, valid_from::text AS "validFrom", valid_to::text AS "validTo" FROM org_unit WHERE code = $1`, [
        code,
      ])
    )[0];

  beforeAll(async () => {
    db = await createTestDatabase();
    env = { DATABASE_URL: db.url };
    const options = { fileName: 't.yaml', actor: 'jest', prune: false, dryRun: false, now: new Date() };
    const importer = new PlanImporter(db.dataSource);
    // TRA publishes no provincial wifi count, only its two districts'.
    await importer.run(validPlan(provincePlan('TRA', { ratio: [500, 1000], score: 30 }, { 'TRA-H1': 40, 'TRA-H2': 60 })), options);
    await importer.run(validPlan(provincePlan('TRB', { ratio: [20, 200], count: 200, score: 60 })), options);
    await importer.run(validPlan(provincePlan('TRC', { ratio: [90, 900], count: 300, score: 90 })), options);
    await importer.run(validPlan(provincePlan('TRD', { ratio: [70, 100], count: 50, score: 40 })), options);
    app = await createTestApp(db);
  });
  afterAll(async () => {
    await app?.close();
    await db?.drop();
  });

  it('a file with mistakes is refused with paths and lines, and nothing is written', async () => {
    const bad = file('bad.yaml', MERGER.replace('[TRA, TRB, TRC]', '[TRA, TRX]').replace('{ kind: district }', '{ kind: county }'));
    const r = runCli(['orgs', 'apply', bad], env);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain(
      'changes[1].dissolve.kind: loại "county" không hợp lệ; chọn một trong: sở, ban, ngành (department), cấp huyện (district), cấp xã (commune), khác (other) (dòng 9)',
    );
    const unknown = runCli(['orgs', 'apply', file('unknown.yaml', MERGER.replace('[TRA, TRB, TRC]', '[TRA, TRX]'))], env);
    expect(unknown.status).toBe(2);
    expect(unknown.stderr).toMatch(/changes\[0\]\.merge\[1\]: không có tỉnh nào mang mã "TRX" \(dòng 7\)/);
    expect((await db.dataSource.query(`SELECT count(*)::int AS n FROM org_reorganisation`))[0].n).toBe(0);
    expect(await unit('TRA')).toEqual({ code: 'TRA', validFrom: null, validTo: null });
  });

  it('applies the merger once: the old units end the day before, the new province starts, nothing before is rewritten', async () => {
    const merger = file('merger.yaml', MERGER);
    const dry = runCli(['orgs', 'apply', merger, '--dry-run'], env);
    expect(dry.stdout).toMatch(/chạy thử: chưa áp dụng TEST-2025/);
    expect(await unit('TRM')).toBeUndefined();
    const r = runCli(['orgs', 'apply', merger], env);
    expect(r.stderr).toBe('');
    expect(r.stdout).toMatch(/tỉnh mới từ ngày 01\/07\/2025: TRM/);
    expect(r.stdout).toMatch(/5 liên kết kế thừa/);
    for (const code of ['TRA', 'TRB', 'TRC', 'TRA-H1', 'TRA-H2']) expect((await unit(code)).validTo).toBe('2025-06-30');
    expect(await unit('TRM')).toEqual({ code: 'TRM', validFrom: '2025-07-01', validTo: null });
    expect(await unit('TRD')).toEqual({ code: 'TRD', validFrom: null, validTo: null });
    // Plans stay with the province that issued them.
    const docs = await db.dataSource.query(`SELECT p.code FROM document d JOIN org_unit p ON p.id = d.province_id ORDER BY 1`);
    expect(docs.map((d: { code: string }) => d.code)).toEqual(['TRA', 'TRB', 'TRC', 'TRD']);
    expect(runCli(['orgs', 'apply', merger], env).stdout).toMatch(/đã được áp dụng từ tệp này; không có gì thay đổi/);
    const other = runCli(['orgs', 'apply', file('other.yaml', MERGER.replace('Sáp nhập thử nghiệm', 'Khác'))], env);
    expect(other.status).toBe(3);
    expect(other.stderr).toMatch(/Đợt sắp xếp TEST-2025 đã được áp dụng lúc .* từ một tệp khác/);
  });

  it('re-aggregates 2024 onto the post-merger map: ratio of sums, counts summed (districts where the province has none), scores per predecessor', async () => {
    const admin = as(app, (await signIn(app, db, 'admin')).token);
    const ratio = (await admin.get('/api/v1/indicators/tr-ho-so/map?period=2024&map=2025-07-01').expect(200)).body;
    expect(ratio).toMatchObject({ period: '2024', map: '2025-07-01', reaggregated: true, ranked: 2 });
    const trm = ratio.rows.find((r: { code: string }) => r.code === 'TRM');
    // (500 + 20 + 90) / (1000 + 200 + 900) × 100 = 29.047619…, not the average of 50, 10 and 10 (23.3).
    expect(trm).toMatchObject({ numerator: '610', denominator: '2100', value: '29.047619', method: 'ratio-of-sums', rank: 2 });
    expect(trm.parts.map((p: { code: string }) => p.code)).toEqual(['TRA', 'TRB', 'TRC']);
    expect(ratio.rows.find((r: { code: string }) => r.code === 'TRD')).toMatchObject({ value: '70', method: 'as-recorded', rank: 1 });

    const count = (await admin.get('/api/v1/indicators/tr-diem-wifi/map?period=2024&map=2025-07-01').expect(200)).body;
    const merged = count.rows.find((r: { code: string }) => r.code === 'TRM');
    expect(merged).toMatchObject({ value: '600', method: 'sum' });
    expect(merged.parts[0]).toMatchObject({ code: 'TRA', from: 'district', value: '100' });

    const score = (await admin.get('/api/v1/indicators/tr-diem-cds/map?period=2024&map=2025-07-01').expect(200)).body;
    expect(score.rows.find((r: { code: string }) => r.code === 'TRM')).toMatchObject({ value: null, method: 'per-predecessor' });
    expect(score.rows.find((r: { code: string }) => r.code === 'TRM').parts.map((p: { value: string }) => p.value)).toEqual([
      '30',
      '60',
      '90',
    ]);

    // By default a year's data is shown on that year's map.
    const asRecorded = (await admin.get('/api/v1/indicators/tr-ho-so/map?period=2024').expect(200)).body;
    expect(asRecorded).toMatchObject({ map: '2024-12-31', reaggregated: false });
    expect(asRecorded.rows.map((r: { code: string; value: string }) => [r.code, r.value])).toEqual([
      ['TRA', '50'],
      ['TRB', '10'],
      ['TRC', '10'],
      ['TRD', '70'],
    ]);

    await admin.get('/api/v1/indicators/tr-ho-so/map?period=2024&map=2024-06-30').expect(400);
    await admin.get('/api/v1/indicators/tr-ho-so/map?period=2024&map=2025-02-30').expect(400);
    await admin.get('/api/v1/indicators/tr-ho-so/map?period=2024-Q9').expect(400);
    await admin.get('/api/v1/indicators/khong-co/map?period=2024').expect(404);
  });

  it("the new province's people see its predecessors with their plans, and read them; not other provinces", async () => {
    const leader = as(app, (await signIn(app, db, 'leader', 'TRM')).token);
    const trm = (await leader.get('/api/v1/provinces/TRM').expect(200)).body;
    expect(trm.predecessors.map((p: { code: string; kind: string; validTo: string }) => [p.code, p.kind, p.validTo])).toEqual([
      ['TRA', 'merge', '2025-06-30'],
      ['TRB', 'merge', '2025-06-30'],
      ['TRC', 'merge', '2025-06-30'],
    ]);
    expect(trm.predecessors[0].documents).toEqual([{ code: '1/KH-UBND', title: 'Kế hoạch chuyển đổi số năm 2024 của tỉnh TRA' }]);
    const tra = (await leader.get('/api/v1/provinces/TRA').expect(200)).body;
    expect(tra.successors.map((s: { code: string }) => s.code)).toEqual(['TRM']);
    await leader.get('/api/v1/provinces/TRD').expect(403);
    // Reads by id too: a predecessor's goal, not another province's.
    const goalOf = async (code: string) =>
      (
        await db.dataSource.query(
          `SELECT g.id FROM goal g JOIN document d ON d.id = g.document_id JOIN org_unit p ON p.id = d.province_id WHERE p.code = $1`,
          [code],
        )
      )[0].id;
    await leader.get(`/api/v1/goals/${await goalOf('TRA')}/status?as_of=2024-12-31`).expect(200);
    await leader.get(`/api/v1/goals/${await goalOf('TRD')}/status?as_of=2024-12-31`).expect(403);
    const own = (await leader.get('/api/v1/indicators/tr-ho-so/map?period=2024&map=2025-07-01&province=TRM').expect(200)).body;
    expect(own.rows.map((r: { code: string }) => r.code)).toEqual(['TRM']);
    await leader.get('/api/v1/indicators/tr-ho-so/map?period=2024&map=2025-07-01').expect(403);
    await leader.get('/api/v1/indicators/tr-ho-so/map?period=2024&province=TRD').expect(403);
  });

  it('the 2025 merger of 63 provinces into 34 applies from data/reorganisations, creating the provinces this database lacks', async () => {
    await new PlanImporter(db.dataSource).run(validPlanFile(QUANG_NINH_FILE), {
      fileName: 'qn.yaml',
      actor: 'jest',
      prune: false,
      dryRun: false,
      now: new Date(),
    });
    const real = join(REPO, 'data/reorganisations/2025-07-01-sap-xep-tinh.yaml');
    const refused = runCli(['orgs', 'apply', real], env);
    expect(refused.status).toBe(2);
    expect(refused.stderr).toMatch(/--create-missing/);
    const r = runCli(['orgs', 'apply', real, '--create-missing'], env);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/tỉnh mới từ ngày 01\/07\/2025: HUE/);
    expect(r.stdout).toMatch(/đơn vị kết thúc vào ngày hôm trước \(30\)/);
    // Quảng Ninh is unchanged; Hồ Chí Minh continues and takes in Bình Dương and Bà Rịa - Vũng Tàu.
    expect(await unit('QNI')).toEqual({ code: 'QNI', validFrom: '1963-10-30', validTo: null });
    const hcm = await db.dataSource.query(
      `SELECT p.code, p.name FROM org_succession s JOIN org_unit p ON p.id = s.predecessor_id JOIN org_unit u ON u.id = s.successor_id WHERE u.code = 'HCM' ORDER BY 1`,
    );
    expect(hcm).toEqual([
      { code: 'BDG', name: 'Bình Dương' },
      { code: 'BRV', name: 'Bà Rịa - Vũng Tàu' },
    ]);
    const [official] = await db.dataSource.query(`SELECT official_code FROM org_unit WHERE code IN ('QNI') `);
    expect(official.official_code).toBe('22');

    // 2024 values of the three, re-aggregated onto the post-2025 map: the ratio of the sums.
    for (const [code, numerator, denominator] of [
      ['HCM', 900, 1000],
      ['BDG', 300, 600],
      ['BRV', 10, 400],
    ] as const) {
      await db.dataSource.query(
        `INSERT INTO observation (indicator_id, org_unit_id, period, period_kind, period_start, period_end, numerator, denominator, entered_by)
         SELECT i.id, u.id, '2024', 'year', '2024-01-01', '2024-12-31', $2, $3, 'jest' FROM indicator i, org_unit u WHERE i.code = 'tr-ho-so' AND u.code = $1`,
        [code, numerator, denominator],
      );
    }
    const admin = as(app, (await signIn(app, db, 'admin')).token);
    const after = (await admin.get('/api/v1/indicators/tr-ho-so/map?period=2024&map=2025-07-01').expect(200)).body;
    expect(after.rows.find((r: { code: string }) => r.code === 'HCM')).toMatchObject({
      numerator: '1210',
      denominator: '2000',
      value: '60.5',
      method: 'ratio-of-sums',
      missing: [],
    });
    const before = (await admin.get('/api/v1/indicators/tr-ho-so/map?period=2024').expect(200)).body;
    expect(
      before.rows
        .filter((r: { code: string }) => ['HCM', 'BDG', 'BRV'].includes(r.code))
        .map((r: { code: string; value: string }) => [r.code, r.value]),
    ).toEqual([
      ['BDG', '50'],
      ['BRV', '2.5'],
      ['HCM', '90'],
    ]);
  });
});

describe('the 2025 merger on a database holding only Quảng Ninh', () => {
  let db: TestDatabase;
  let app: INestApplication;
  const reference = (file: string) =>
    readFileSync(join(REPO, 'data/provinces', file), 'utf8')
      .trim()
      .split('\n')
      .slice(1)
      .map((line) => line.split(','));

  beforeAll(async () => {
    db = await createTestDatabase();
    await new PlanImporter(db.dataSource).run(validPlanFile(QUANG_NINH_FILE), {
      fileName: 'qn.yaml',
      actor: 'jest',
      prune: false,
      dryRun: false,
      now: new Date(),
    });
    app = await createTestApp(db);
  });
  afterAll(async () => {
    await app?.close();
    await db?.drop();
  });

  it('leaves exactly the 34 provinces of 1 July 2025 current, with their statistical codes; the 63 of the day before end or continue', async () => {
    const r = runCli(['orgs', 'apply', join(REPO, 'data/reorganisations/2025-07-01-sap-xep-tinh.yaml'), '--create-missing'], {
      DATABASE_URL: db.url,
    });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const provincesOn = (date: string) =>
      db.dataSource.query(
        `SELECT code, official_code AS "officialCode", valid_to::text AS "validTo" FROM org_unit
          WHERE kind = 'province' AND (valid_from IS NULL OR valid_from <= $1) AND (valid_to IS NULL OR valid_to >= $1) ORDER BY code`,
        [date],
      );
    // The reference list's 2025 map: [code, short_code, …].
    const map2025 = reference('provinces-2025.csv').map(([code, shortCode]) => ({ code: shortCode, officialCode: code, validTo: null }));
    const current = await provincesOn('2025-07-01');
    expect(current).toHaveLength(34);
    expect(current).toEqual(map2025.sort((a, b) => a.code.localeCompare(b.code)));
    const byCode = new Map(current.map((p: { code: string; officialCode: string }) => [p.code, p.officialCode]));
    expect([byCode.get('HNI'), byCode.get('THA'), byCode.get('QNI'), byCode.get('HCM'), byCode.get('BNH'), byCode.get('HUE')]).toEqual([
      '01',
      '38',
      '22',
      '79',
      '24',
      '46',
    ]);

    // The day before: the 63 of the 2004 map; 30 of them end there, the 33 others go on as the same unit.
    const before = await provincesOn('2025-06-30');
    expect(before.map((p: { code: string }) => p.code).sort()).toEqual(
      reference('provinces-2004.csv')
        .map(([, shortCode]) => shortCode)
        .sort(),
    );
    expect(before.filter((p: { validTo: string | null }) => p.validTo === '2025-06-30')).toHaveLength(30);
    expect(
      await db.dataSource.query(`SELECT valid_from::text AS "validFrom", valid_to::text AS "validTo" FROM org_unit WHERE code = 'THA'`),
    ).toEqual([{ validFrom: null, validTo: null }]);

    // What the API lists: 34 current provinces among all it knows.
    const admin = as(app, (await signIn(app, db, 'admin')).token);
    const listed = (await admin.get('/api/v1/provinces').expect(200)).body.items as { code: string; validTo: string | null }[];
    expect(listed.filter((p) => p.validTo === null)).toHaveLength(34);
    expect((await admin.get('/api/v1/provinces/BNH').expect(200)).body.officialCode).toBe('24');
  });
});
