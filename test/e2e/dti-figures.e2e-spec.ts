import { INestApplication, Logger } from '@nestjs/common';
import { readFileSync } from 'fs';
import { join } from 'path';
import { loadDemoDataOnce } from '@dx/api/bootstrap/demo-data';
import { formatProvinceStatus } from '@dx/cli/commands/status-format';
import { applyReorganisation } from '@dx/db';
import { describeChange } from '@dx/domain';
import { parseReorganisation } from '@dx/plan-file';
import { RecomputeEngine } from '@dx/status-engine';
import { REPO } from '../factories/plan-file.factory';
import { as, createTestApp, signIn } from '../support/test-app';
import { createTestDatabase, TestDatabase } from '../support/test-database';

interface MapRow {
  code: string;
  name: string;
  value: string | null;
  rank: number | null;
  method: string;
  missing: { code: string; reason: string }[];
}
interface Peer {
  name: string;
  province: string | null;
  rank: number;
  score: string | null;
}

/** After the 2022 DTI (and the end of 2023-H2, Quảng Ninh's 81% online services). */
const AS_OF = '2024-01-15';

/**
 * A province's DTI figures are the DTI tables' (data/dti), whichever page asks: the
 * overview's DTI position and peers (`GET /dti/provinces/:code`) and the province
 * comparison of a DTI-fed indicator (`GET /indicators/:code/map`).
 */
describe('DTI figures: one source for every page', () => {
  let db: TestDatabase;
  let app: INestApplication;
  let admin: ReturnType<typeof as>;
  let leader: ReturnType<typeof as>;

  beforeAll(async () => {
    db = await createTestDatabase();
    // What `npm start` loads on an empty database: the Quảng Ninh plan, then data/dti.
    expect(await loadDemoDataOnce(db.dataSource, new Logger('demo'))).toBe(true);
    app = await createTestApp(db);
    admin = as(app, (await signIn(app, db, 'admin')).token);
    leader = as(app, (await signIn(app, db, 'leader', 'QNI')).token);
  });
  afterAll(async () => {
    await app?.close();
    await db?.drop();
  });

  const map = async (indicator: string, period: string) =>
    (await admin.get(`/api/v1/indicators/${indicator}/map?period=${period}`).expect(200)).body as { ranked: number; rows: MapRow[] };
  const peers2022 = async (province: string, as = leader) =>
    ((await as.get(`/api/v1/dti/provinces/${province}`).expect(200)).body.years as { year: number; total: number; peers: Peer[] }[]).find(
      (y) => y.year === 2022,
    )!;

  it("the demo's comparison by province of the DTI rank 2022 lists the table's provinces with the table's ranks, as the overview's peers do", async () => {
    const { peers, total } = await peers2022('QNI');
    expect(peers.map((p) => [p.name, p.rank])).toEqual([
      ['Đà Nẵng', 1],
      ['TP. Hồ Chí Minh', 2],
      ['Quảng Ninh', 3],
    ]);
    const rank = await map('dti-hang', '2022');
    // Đà Nẵng and TP Hồ Chí Minh have no plan here: their rows come from the DTI table alone.
    const byName = (name: string) => rank.rows.find((r) => r.name === name);
    for (const p of peers) expect([p.name, byName(p.name)?.value, byName(p.name)?.rank]).toEqual([p.name, String(p.rank), p.rank]);
    expect(byName('Đà Nẵng')).toMatchObject({ code: 'DNG', method: 'as-recorded' });
    expect(rank.ranked).toBe(total);
    // The score and a pillar's rank come from the same table; a rank is the table's, not the place among the rows shown.
    const score = await map('dti-diem', '2022');
    expect(score.rows.map((r) => [r.code, r.value, r.rank])).toEqual([
      ['DNG', '0.8002', 1],
      ['HCM', '0.7163', 2],
      ['QNI', '0.7024', 3],
    ]);
    expect((await map('dti-hang', '2021')).rows.map((r) => [r.code, r.value, r.rank])).toEqual([
      ['DNG', '1', 1],
      ['QNI', '7', 7],
    ]);
    expect((await map('dti-cqs-hang', '2022')).rows.map((r) => [r.code, r.value, r.rank])).toEqual([['QNI', '4', 4]]);
    // Quảng Ninh's people see their own row, the same figure.
    const own = (await leader.get('/api/v1/indicators/dti-hang/map?period=2022&province=QNI').expect(200)).body;
    expect(own.rows.map((r: MapRow) => [r.code, r.value, r.rank])).toEqual([['QNI', '3', 3]]);
    expect(own.ranked).toBe(total);
  });

  it("the overview's KPI tiles and `cli status` give the DTI rank's change as places climbed and its rank out of the year's map, not among the provinces here", async () => {
    const [{ id }] = await db.dataSource.query(`SELECT id FROM org_unit WHERE code = 'QNI'`);
    await new RecomputeEngine(db.dataSource, { now: () => new Date() }).recompute({ provinceId: id, asOf: AS_OF, trigger: 'test' });
    const dashboard = (await leader.get(`/api/v1/provinces/QNI/dashboard?as_of=${AS_OF}`).expect(200)).body;
    const tile = dashboard.kpis.find((k: { indicator: { code: string } }) => k.indicator.code === 'dti-hang');
    // Rank 7 in 2021, 3 in 2022: the number fell by 4, Quảng Ninh climbed four places.
    expect(tile).toMatchObject({
      indicator: { kind: 'rank', direction: 'down' },
      period: '2022',
      value: '3',
      previous: { period: '2021', change: '-4' },
    });
    expect(describeChange(tile.indicator, tile.previous.change).text).toBe('▲4 bậc');
    // Quảng Ninh is the only province here with the figure: the rank is the table's (3/63), as in its DTI position.
    const { total } = await peers2022('QNI');
    expect(tile.rank).toMatchObject({ rank: 3, of: total, source: 'dti' });
    const comparison = (await leader.get('/api/v1/indicators/dti-hang/comparison?province=QNI&period=2022').expect(200)).body;
    expect(comparison).toMatchObject({ value: '3', previous: { change: '-4' }, rank: { rank: 3, of: total, source: 'dti' } });
    const summary = (await leader.get(`/api/v1/provinces/QNI/summary?as_of=${AS_OF}`).expect(200)).body;
    const line = formatProvinceStatus(summary)
      .split('\n')
      .find((l) => l.startsWith('  dti-hang:'));
    expect(line).toContain('so với kỳ trước 2021: ▲4 bậc');
    // Out of every province on the 2022 map, not "tỉnh có số liệu" as a rank among the provinces here reads.
    expect(line).toContain(`xếp thứ 3/${total} tỉnh, thành phố`);
    expect(line).not.toMatch(/có số liệu/);
    // A rank among the one province with data says nothing and is left out.
    const dvc = formatProvinceStatus(summary)
      .split('\n')
      .find((l) => l.startsWith('  dvc-toan-trinh:'));
    expect(summary.kpis.find((k: { indicator: { code: string } }) => k.indicator.code === 'dvc-toan-trinh').rank).toMatchObject({
      rank: 1,
      of: 1,
    });
    expect(dvc).not.toMatch(/xếp thứ/);
  });

  it('after the 2025 reorganisation creates the other provinces, Đà Nẵng is still first on the 2022 map and has its own DTI position', async () => {
    const file = join(REPO, 'data/reorganisations/2025-07-01-sap-xep-tinh.yaml');
    const bytes = readFileSync(file);
    const parsed = parseReorganisation(bytes);
    await applyReorganisation(db.dataSource, parsed.value!, bytes, {
      actor: 'jest',
      createMissing: true,
      dryRun: false,
      lineOf: parsed.lineOf,
    });
    const rank = await map('dti-hang', '2022');
    const row = (code: string) => rank.rows.find((r) => r.code === code)!;
    expect([row('DNG'), row('HCM'), row('QNI')].map((r) => [r.code, r.value, r.rank, r.missing])).toEqual([
      ['DNG', '1', 1, []],
      ['HCM', '2', 2, []],
      ['QNI', '3', 3, []],
    ]);
    // Every other province of the 2022 map is there, without a figure.
    expect(rank.rows).toHaveLength(63);
    expect(row('HNI')).toMatchObject({ value: null, rank: null });
    // Đà Nẵng's own people read the same rank in its DTI position as on the map.
    const dng = as(app, (await signIn(app, db, 'leader', 'DNG')).token);
    const position = await peers2022('DNG', dng);
    expect(position.peers.find((p) => p.province === 'DNG')).toMatchObject({ rank: 1, score: '0.8002' });
  });
});
