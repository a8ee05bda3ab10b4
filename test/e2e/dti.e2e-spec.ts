import { INestApplication } from '@nestjs/common';
import { mkdtempSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { PlanImporter } from '@dx/db';
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
    // This suite reads the CLI in English (DX_LANG=en); the Vietnamese is checked where noted and in cli.e2e-spec.
    env = { DATABASE_URL: db.url, DX_LANG: 'en' };
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

  it("imports data/dti and shows Quảng Ninh's 2022 position, its change since 2021, pillars, indices, peers, the ministries as given, and the 'top 3 by 2025' goal from rank 3", async () => {
    const r = runCli(['dti', 'import', DTI], env);
    expect(r.status).toBe(0);
    // Quảng Ninh and the Đà Nẵng sample plan are provinces here.
    expect(r.stdout).toMatch(/imported DTI 2022 provinces: 3 row\(s\), 2 matched/);
    expect(r.stdout).toMatch(/2 framework\(s\), 8 table\(s\)/);
    const ranking = await leader.get('/api/v1/dti/2022').expect(200);
    expect(ranking.body.items.map((x: { name: string; rank: number }) => [x.name, x.rank])).toEqual([
      ['Đà Nẵng', 1],
      ['TP. Hồ Chí Minh', 2],
      ['Quảng Ninh', 3],
    ]);
    const qn = ranking.body.items.find((x: { province: string }) => x.province === 'QNI');
    expect(qn).toMatchObject({
      score: '0.7024',
      rankGiven: true,
      previous: { score: '0.4972', rank: 7 },
      scoreChange: '0.2052',
      rankChange: 4,
    });
    // Pillars as the articles give them: 0,7804 (#4, +1), 0,7187 (#9, +5), 0,6864 (#2, +1).
    expect(qn.pillars['Chính quyền số']).toEqual({ score: '0.7804', rank: 4, rankChange: 1, scoreChange: null });
    expect(qn.pillars['Kinh tế số']).toMatchObject({ score: '0.7187', rank: 9, rankChange: 5 });
    expect(qn.pillars['Xã hội số']).toMatchObject({ score: '0.6864', rank: 2, rankChange: 1 });
    expect(Object.fromEntries(Object.entries(qn.indices).map(([k, v]) => [k, (v as { rank: number }).rank]))).toEqual({
      'Thể chế số': 1,
      'Hoạt động xã hội số': 2,
      'Hoạt động chính quyền số': 3,
      'Hạ tầng số': 4,
    });

    const history = (await leader.get('/api/v1/dti/provinces/QNI').expect(200)).body;
    expect(history.years.map((y: { year: number; rank: number }) => [y.year, y.rank])).toEqual([
      [2021, 7],
      [2022, 3],
    ]);
    const y2022 = history.years[1];
    expect(y2022).toMatchObject({
      score: '0.7024',
      scoreChange: '0.2052',
      rankChange: 4,
      total: 63,
      framework: { components: 98, pillars: 3, indices: 9 },
    });
    expect(y2022.peers.map((p: { name: string; rank: number }) => [p.name, p.rank])).toEqual([
      ['Đà Nẵng', 1],
      ['TP. Hồ Chí Minh', 2],
      ['Quảng Ninh', 3],
    ]);
    await leader.get('/api/v1/dti/provinces/DNG').expect(403);

    const framework = (await leader.get('/api/v1/dti/2022/framework').expect(200)).body;
    expect(framework).toMatchObject({
      year: 2022,
      components: 98,
      crosswalk: [{ fromYear: 2021, parts: { total: 'total', government: 'government' } }],
    });
    expect(framework.pillars.map((p: { name: string }) => p.name)).toEqual(['Chính quyền số', 'Kinh tế số', 'Xã hội số']);
    expect(framework.indices).toHaveLength(9);
    await leader.get('/api/v1/dti/2019/framework').expect(404);

    const ministries = await leader.get('/api/v1/dti/2022?group=ministries').expect(200);
    expect(ministries.body.items[0]).toMatchObject({ name: 'Bộ Kế hoạch và Đầu tư', rank: 1, rankChange: 2 });
    expect(ministries.body.items.at(-1)).toMatchObject({ name: 'Bộ Tư pháp', rank: 17, rankChange: -5 });
    const others = await leader.get('/api/v1/dti/2022?group=ministries-no-services').expect(200);
    expect(others.body.items.map((x: { name: string; rank: number; rankChange: number }) => [x.name, x.rank, x.rankChange])).toEqual([
      ['Viện Hàn lâm Khoa học và Công nghệ Việt Nam', 1, 0],
      ['Ban Cơ yếu Chính phủ', 2, 6],
    ]);
    await leader.get('/api/v1/dti/1999').expect(400);
    await leader.get('/api/v1/dti/2030').expect(404);

    // The plan's dti-hang indicator is fed from the results: 09-NQ/TU's "top 3 by 2025" is met with rank 3.
    expect(runCli(['recompute', '--province', 'QNI'], env).status).toBe(0);
    const status = JSON.parse(runCli(['status', '--province', 'QNI', '--json'], env).stdout);
    const goal = status.documents
      .find((d: { code: string }) => d.code === '09-NQ/TU')
      .goalGroups.flatMap((g: { goals: unknown[] }) => g.goals)
      .find((g: { code: string }) => g.code === 'MT2.1');
    expect(goal).toMatchObject({ indicator: 'dti-hang', status: 'met', actual: '3', actualPeriod: '2022' });
  });

  it('the plan and the DTI results meet in either order; re-importing the plan keeps the DTI values and export leaves them out', async () => {
    const options = { fileName: 'qn.yaml', actor: 'jest', prune: true, dryRun: false, now: new Date() };
    const result = await new PlanImporter(db.dataSource).run(validPlanFile(QUANG_NINH_FILE), options);
    expect(result.removed ?? []).not.toContainEqual(expect.stringMatching(/observation 2022/));
    const values = await db.dataSource.query(
      `SELECT i.code, o.period, o.value::text AS value FROM observation o JOIN indicator i ON i.id = o.indicator_id JOIN org_unit u ON u.id = o.org_unit_id WHERE o.entered_by = 'dti' AND i.code = 'dti-hang' AND u.code = 'QNI' ORDER BY o.period`,
    );
    expect(values).toEqual([
      { code: 'dti-hang', period: '2021', value: '7' },
      { code: 'dti-hang', period: '2022', value: '3' },
    ]);
    const exported = runCli(['export', '--province', 'QNI'], env).stdout;
    expect(exported).toMatch(/dti: rank/);
    expect(exported).not.toMatch(/source: DTI 2022/);
    // A corrected table updates the fed values.
    runCli(['dti', 'import', csv('fix.csv', 'code,name,rank\nQNI,Quảng Ninh,2\n'), '--year', '2022'], env);
    const [fixed] = await db.dataSource.query(
      `SELECT o.value::text AS value FROM observation o JOIN indicator i ON i.id = o.indicator_id JOIN org_unit u ON u.id = o.org_unit_id WHERE o.entered_by = 'dti' AND i.code = 'dti-hang' AND u.code = 'QNI' AND o.period = '2022'`,
    );
    expect(fixed.value).toBe('2');
    expect(runCli(['dti', 'import', DTI], env).status).toBe(0);
  });

  it('a framework file with mistakes is refused with paths and lines, and nothing is written', async () => {
    const bad = csv(
      'fw.yaml',
      [
        'schema: dx-tracker/dti-frameworks@1',
        'frameworks:',
        '  - year: 2024',
        '    group: provinces',
        '    source: test',
        '    pillars:',
        '      - { code: government, name: Chính quyền số, weight: 0.5 }',
        '      - { code: government, name: Kinh tế số, weight: 0.2 }',
        '    indices:',
        '      - { code: x, name: X, pillar: nowhere }',
        '    crosswalk:',
        '      - { from_year: 2025, same: [total] }',
        '',
      ].join('\n'),
    );
    const r = runCli(['dti', 'framework', bad], env);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/frameworks\[0\]\.pillars\[1\]\.code: "government" is already used by pillars\[0\] \(line 8\)/);
    expect(r.stderr).toMatch(/frameworks\[0\]\.indices\[0\]\.pillar: "nowhere" is not one of this framework's pillars/);
    expect(r.stderr).toMatch(/frameworks\[0\]\.crosswalk\[0\]\.from_year: must be before 2024/);
    expect(r.stderr).toMatch(/frameworks\[0\]\.pillars: weights add up to 0\.7/);
    // In Vietnamese (the default).
    expect(runCli(['dti', 'framework', bad], { DATABASE_URL: db.url }).stderr).toMatch(
      /frameworks\[0\]\.pillars\[1\]\.code: "government" đã được dùng ở pillars\[0\] \(dòng 8\)/,
    );
    expect((await db.dataSource.query(`SELECT count(*)::int AS n FROM dti_framework WHERE year = 2024`))[0].n).toBe(0);
    expect(runCli(['dti', 'import', csv('x.csv', 'name,rank\nA,1\n')], env).stderr).toMatch(/--year is required/);
    expect(runCli(['dti', 'import', join(tmp, 'missing.csv'), '--year', '2022'], env).stderr).toMatch(
      /cannot read .*missing\.csv \(ENOENT\)/,
    );
  });

  it('a full 63-row table: ranks computed from scores share ties, names match with or without diacritics, movers against the year before', async () => {
    const rows = Array.from({ length: 63 }, (_, i) => `P${i + 1},Tỉnh số ${i + 1},"0,${String(900 - i * 10).padStart(3, '0')}"`);
    rows[11] = 'P12,Tỉnh số 12,"0,800"'; // ties with Tỉnh số 11 (0,800)
    const previous = Array.from({ length: 63 }, (_, i) => `P${i + 1},Tinh so ${i + 1},,${63 - i}`);
    expect(runCli(['dti', 'import', csv('2020.csv', `code,name,score,rank\n${previous.join('\n')}\n`), '--year', '2020'], env).status).toBe(
      0,
    );
    const r = runCli(
      ['dti', 'import', csv('2021.csv', `code,name,score\n${rows.join('\n')}\nQNI,Quang Ninh,"0,1"\n`), '--year', '2021'],
      env,
    );
    expect(r.stdout).toMatch(/64 row\(s\), 1 matched/);
    const ranking = (await leader.get('/api/v1/dti/2021').expect(200)).body.items as {
      name: string;
      rank: number;
      rankGiven: boolean;
      rankChange: number | null;
    }[];
    expect(ranking).toHaveLength(64);
    const rank = (name: string) => ranking.find((x) => x.name === name)!;
    expect([rank('Tỉnh số 1').rank, rank('Tỉnh số 11').rank, rank('Tỉnh số 12').rank, rank('Tỉnh số 13').rank]).toEqual([1, 11, 11, 13]);
    expect(rank('Tỉnh số 1').rankGiven).toBe(false);
    // "Tinh so 1" in 2020 is "Tỉnh số 1" in 2021: 63rd → 1st.
    expect(rank('Tỉnh số 1').rankChange).toBe(62);
    const movers = (await leader.get('/api/v1/dti/2021/movers?limit=2').expect(200)).body;
    expect(movers.risers.map((m: { name: string; change: number }) => [m.name, m.change])).toEqual([
      ['Tỉnh số 1', 62],
      ['Tỉnh số 2', 60],
    ]);
    expect(movers.fallers.map((m: { name: string }) => m.name)).toEqual(['Tỉnh số 63', 'Tỉnh số 62']);
  });

  it('malformed rows are reported by row number and nothing is written', async () => {
    const before = (await db.dataSource.query(`SELECT count(*)::int AS n FROM dti_result`))[0].n;
    const bad = csv('bad.csv', 'code,name,score,rank,colour\nA,Tỉnh A,abc,,\nB,,0.5,,\nC,Tỉnh C,,,\nD,Tỉnh A,0.4,0,\n');
    const r = runCli(['dti', 'import', bad, '--year', '2019'], env);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/nothing was written/);
    for (const line of [
      /row 2\.colour: unknown column/,
      /row 2\.score: "abc" is not a number/,
      /row 3\.name: is required/,
      /row 4\.score: give a score or a rank/,
      /row 5\.rank: "0" is not a rank/,
    ]) {
      expect(r.stderr).toMatch(line);
    }
    expect((await db.dataSource.query(`SELECT count(*)::int AS n FROM dti_result`))[0].n).toBe(before);
    const vi = runCli(['dti', 'import', bad, '--year', '2019'], { DATABASE_URL: db.url }).stderr;
    expect(vi).toMatch(/^lỗi: .*chưa ghi gì/m);
    expect(vi).toMatch(/row 2\.score: "abc" không phải là một số/);
    expect(vi).toMatch(/row 4\.score: ghi điểm \(score\) hoặc thứ hạng \(rank\)/);
    expect(runCli(['dti', 'import', csv('dup.csv', 'name,rank\nĐà Nẵng,1\nDa Nang,2\n'), '--year', '2019'], env).stderr).toMatch(
      /row 3\.name: "Da Nang" is already in row 2/,
    );
  });
});
