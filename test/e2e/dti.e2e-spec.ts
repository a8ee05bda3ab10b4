import { INestApplication } from '@nestjs/common';
import { mkdtempSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { PlanImporter } from '../../libs/db/src';
import { DA_NANG_FILE, QUANG_NINH_FILE, REPO, validPlanFile } from '../factories/plan-file.factory';
import { runCli } from '../support/run-built';
import { as, createTestApp, signIn } from '../support/test-app';
import { createTestDatabase, TestDatabase } from '../support/test-database';

const DTI = join(REPO, 'data/dti');

describe('DTI results', () => {
  let db: TestDatabase;
  let app: INestApplication;
  let leader: ReturnType<typeof as>;
  let env: Record<string, string>;
  const tmp = mkdtempSync(join(tmpdir(), 'dx-dti-'));
  const csv = (name: string, text: string) => {
    const file = join(tmp, name);
    writeFileSync(file, text);
    return file;
  };

  beforeAll(async () => {
    db = await createTestDatabase();
    env = { DATABASE_URL: db.url };
    const options = { fileName: 't.yaml', actor: 'jest', prune: false, dryRun: false, now: new Date() };
    await new PlanImporter(db.dataSource).run(validPlanFile(QUANG_NINH_FILE), options);
    await new PlanImporter(db.dataSource).run(validPlanFile(DA_NANG_FILE), options);
    app = await createTestApp(db);
    leader = as(app, (await signIn(app, db, 'leader', 'QNI')).token);
  });
  afterAll(async () => {
    await app?.close();
    await db?.drop();
  });

  it("imports data/dti and shows Quảng Ninh's 2022 position, its change since 2021, pillars, and the ministries as given", async () => {
    for (const [file, year, group] of [['2021-provinces.csv', '2021', 'provinces'], ['2022-provinces.csv', '2022', 'provinces'], ['2022-ministries.csv', '2022', 'ministries']]) {
      const r = runCli(['dti', 'import', join(DTI, file), '--year', year, '--group', group], env);
      expect(r.stderr).toBe('');
      expect(r.status).toBe(0);
    }
    const ranking = await leader.get('/api/v1/dti/2022').expect(200);
    expect(ranking.body.items.map((r: { name: string; rank: number }) => [r.name, r.rank])).toEqual([['Đà Nẵng', 1], ['TP. Hồ Chí Minh', 2], ['Quảng Ninh', 3]]);
    const qn = ranking.body.items.find((r: { province: string }) => r.province === 'QNI');
    expect(qn).toMatchObject({ score: '0.7024', rankGiven: true, previous: { score: '0.4972', rank: 7 }, scoreChange: '0.2052', rankChange: 4 });
    expect(qn.pillars['Chính quyền số']).toEqual({ score: '0.7804', rank: 4 });
    expect(qn.pillars['Xã hội số']).toEqual({ score: '0.6864', rank: 2 });
    const history = await leader.get('/api/v1/dti/provinces/QNI').expect(200);
    expect(history.body.years.map((y: { year: number; rank: number }) => [y.year, y.rank])).toEqual([[2021, 7], [2022, 3]]);
    await leader.get('/api/v1/dti/provinces/DNG').expect(403);
    const ministries = await leader.get('/api/v1/dti/2022?group=ministries').expect(200);
    expect(ministries.body.items[0]).toMatchObject({ name: 'Bộ Kế hoạch và Đầu tư', rank: 1 });
    expect(ministries.body.items.at(-1)).toMatchObject({ name: 'Bộ Tư pháp', rank: 17 });
    await leader.get('/api/v1/dti/1999').expect(400);
    await leader.get('/api/v1/dti/2030').expect(404);
  });

  it('a full 63-row table: ranks computed from scores share ties, names match with or without diacritics, movers against the year before', async () => {
    const rows = Array.from({ length: 63 }, (_, i) => `P${i + 1},Tỉnh số ${i + 1},"0,${String(900 - i * 10).padStart(3, '0')}"`);
    rows[11] = 'P12,Tỉnh số 12,"0,800"'; // ties with Tỉnh số 11 (0,800)
    const previous = Array.from({ length: 63 }, (_, i) => `P${i + 1},Tinh so ${i + 1},,${63 - i}`);
    expect(runCli(['dti', 'import', csv('2020.csv', `code,name,score,rank\n${previous.join('\n')}\n`), '--year', '2020'], env).status).toBe(0);
    const r = runCli(['dti', 'import', csv('2021.csv', `code,name,score\n${rows.join('\n')}\nQNI,Quang Ninh,"0,1"\n`), '--year', '2021'], env);
    expect(r.stdout).toMatch(/64 row\(s\), 1 matched/);
    const ranking = (await leader.get('/api/v1/dti/2021').expect(200)).body.items as { name: string; rank: number; rankGiven: boolean; rankChange: number | null }[];
    expect(ranking).toHaveLength(64);
    const rank = (name: string) => ranking.find((x) => x.name === name)!;
    expect([rank('Tỉnh số 1').rank, rank('Tỉnh số 11').rank, rank('Tỉnh số 12').rank, rank('Tỉnh số 13').rank]).toEqual([1, 11, 11, 13]);
    expect(rank('Tỉnh số 1').rankGiven).toBe(false);
    // "Tinh so 1" in 2020 is "Tỉnh số 1" in 2021: 63rd → 1st.
    expect(rank('Tỉnh số 1').rankChange).toBe(62);
    const movers = (await leader.get('/api/v1/dti/2021/movers?limit=2').expect(200)).body;
    expect(movers.risers.map((m: { name: string; change: number }) => [m.name, m.change])).toEqual([['Tỉnh số 1', 62], ['Tỉnh số 2', 60]]);
    expect(movers.fallers.map((m: { name: string }) => m.name)).toEqual(['Tỉnh số 63', 'Tỉnh số 62']);
  });

  it('malformed rows are reported by row number and nothing is written', async () => {
    const before = (await db.dataSource.query(`SELECT count(*)::int AS n FROM dti_result`))[0].n;
    const bad = csv('bad.csv', 'code,name,score,rank,colour\nA,Tỉnh A,abc,,\nB,,0.5,,\nC,Tỉnh C,,,\nD,Tỉnh A,0.4,0,\n');
    const r = runCli(['dti', 'import', bad, '--year', '2019'], env);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/nothing was written/);
    for (const line of [/row 2\.colour: unknown column/, /row 2\.score: "abc" is not a number/, /row 3\.name: is required/, /row 4\.score: give a score or a rank/, /row 5\.rank: "0" is not a rank/]) {
      expect(r.stderr).toMatch(line);
    }
    expect((await db.dataSource.query(`SELECT count(*)::int AS n FROM dti_result`))[0].n).toBe(before);
    expect(runCli(['dti', 'import', csv('dup.csv', 'name,rank\nĐà Nẵng,1\nDa Nang,2\n'), '--year', '2019'], env).stderr).toMatch(/row 3\.name: "Da Nang" is already in row 2/);
  });
});
