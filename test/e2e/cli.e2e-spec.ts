import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { AccountRepository, PlanImporter } from '@dx/db';
import { DA_NANG_FILE, QUANG_NINH_FILE, REPO, validPlanFile } from '../factories/plan-file.factory';
import { runCli } from '../support/run-built';
import { createTestDatabase, snapshot, TestDatabase } from '../support/test-database';

const INVALID = join(REPO, 'test/fixtures/plans/invalid');
const ISSUE_LINE = /^\S.*: .+ \(dòng \d+\)$/;

describe('cli against PostgreSQL (DATABASE_URL)', () => {
  let db: TestDatabase;
  let env: Record<string, string>;
  const tmp = mkdtempSync(join(tmpdir(), 'dx-cli-'));

  beforeAll(async () => {
    db = await createTestDatabase();
    env = { DATABASE_URL: db.url };
  });
  afterAll(async () => {
    await db.drop();
    rmSync(tmp, { recursive: true, force: true });
  });

  it('every command has --help', () => {
    for (const command of [
      'validate',
      'import',
      'export',
      'migrate',
      'recompute',
      'status',
      'user:create',
      'user:reset-password',
      'token:create',
      'token:revoke',
    ]) {
      const r = runCli([command, '--help'], env);
      expect(r.status).toBe(0);
      expect(r.stdout).toMatch(/^Cách dùng: dx-tracker/);
    }
  });

  it('validate: exit 0 with warnings for the Quảng Ninh file, in Vietnamese', () => {
    const r = runCli(['validate', QUANG_NINH_FILE], env);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/: hợp lệ, \d+ cảnh báo\n$/);
    expect(r.stderr).toMatch(/cảnh báo: documents\[1\]\.goal_groups\[0\]\.declared_count: văn bản ghi 7 mục tiêu, tệp có/);
    expect(r.stderr).toMatch(/tự mâu thuẫn: 6 đạt \+ 4 chưa đạt ≠ 9/);
  });

  it('speaks Vietnamese by default and English with DX_LANG=en', () => {
    const file = join(INVALID, '11-bad-enum-status-op.yaml');
    const vi = runCli(['validate', file], env);
    expect(vi.status).toBe(1);
    expect(vi.stdout).toBe(`${file}: không hợp lệ, 3 lỗi, 1 cảnh báo\n`);
    expect(vi.stderr).toContain(
      'documents[0].task_groups[0].tasks[0].status: trạng thái "finished" không hợp lệ; chọn một trong: chưa bắt đầu (not_started), đang thực hiện (in_progress), hoàn thành (done), đã hủy (cancelled) (dòng 41)\n',
    );
    expect(vi.stderr).toMatch(
      /^cảnh báo: documents\[0\]\.goal_groups\[0\]\.goals\[0\]\.reported_as_of: có reported_as_of nhưng thiếu reported_status \(dòng 33\)$/m,
    );
    const en = runCli(['validate', file], { ...env, DX_LANG: 'en' });
    expect(en.status).toBe(1);
    expect(en.stdout).toBe(`${file}: invalid, 3 error(s), 1 warning(s)\n`);
    expect(en.stderr).toContain(
      'documents[0].task_groups[0].tasks[0].status: "finished" is not one of not_started | in_progress | done | cancelled (line 41)\n',
    );
    expect(en.stderr).toMatch(/^warning: .*reported_as_of: is given without reported_status \(line 33\)$/m);
    expect(runCli(['validate', '--help'], { ...env, DX_LANG: 'en' }).stdout).toMatch(/^Usage: dx-tracker validate/);
    // Commander's own errors too.
    expect(runCli(['report', '--province', 'QNI'], env).stderr).toMatch(/^lỗi: thiếu tùy chọn bắt buộc '--document <code>'$/m);
    expect(runCli(['report', '--province', 'QNI'], { ...env, DX_LANG: 'en' }).stderr).toMatch(
      /^error: required option '--document <code>' not specified$/m,
    );
  });

  it('validate: every error of a malformed file on stderr as PATH: MESSAGE (line N), exit 1', () => {
    const cases: { file: string; errors: { path: string; line: number }[] }[] = JSON.parse(
      readFileSync(join(INVALID, 'cases.json'), 'utf8'),
    );
    const several = cases.find((c) => c.errors.length >= 4)!;
    const r = runCli(['validate', join(INVALID, several.file)], env);
    expect(r.status).toBe(1);
    const errors = r.stderr.split('\n').filter((l) => l && !l.startsWith('cảnh báo:'));
    expect(errors).toHaveLength(several.errors.length);
    for (const line of errors) expect(line).toMatch(ISSUE_LINE);
    for (const e of several.errors) expect(errors.some((l) => l.startsWith(`${e.path}: `) && l.endsWith(`(dòng ${e.line})`))).toBe(true);
  });

  it('refuses non-UTF-8 bytes and an oversized file with a clear message', () => {
    const latin1 = join(tmp, 'latin1.yaml');
    writeFileSync(
      latin1,
      Buffer.concat([
        Buffer.from('schema: dx-tracker/plan@1\nprovince:\n  code: QNI\n  name: Qu'),
        Buffer.from([0xe1]),
        Buffer.from('ng Ninh\n'),
      ]),
    );
    const r1 = runCli(['validate', latin1], env);
    expect(r1.status).toBe(1);
    expect(r1.stderr).toMatch(/^\(file\): không phải văn bản UTF-8 hợp lệ .* \(dòng 4\)$/m);

    const huge = join(tmp, 'huge.yaml');
    writeFileSync(huge, Buffer.alloc(50 * 1024 * 1024, 0x20));
    const r2 = runCli(['validate', huge], env);
    expect(r2.status).toBe(1);
    expect(r2.stderr).toMatch(/tệp nặng 50\.0 MiB; tệp kế hoạch chỉ được tối đa 20 MiB/);

    const r3 = runCli(['validate', join(tmp, 'missing.yaml')], env);
    expect(r3.status).toBe(1);
    expect(r3.stderr).toMatch(/không đọc được tệp: ENOENT/);
  });

  it('import twice: everything unchanged the second time', () => {
    const first = runCli(['import', QUANG_NINH_FILE, '--actor', 'e2e'], env);
    expect(first.status).toBe(0);
    expect(first.stdout).toMatch(/đã nhập QNI: đã ghi các thay đổi/);
    const second = runCli(['import', QUANG_NINH_FILE], env);
    expect(second.status).toBe(0);
    expect(second.stdout).toMatch(/đã nhập QNI: không có gì thay đổi/);
    expect(second.stdout).toMatch(/tạo mới\s+│ cập nhật\s+│ không đổi\s+│ đã xóa/);
    expect(second.stdout).toMatch(/văn bản\s+│ 0\s+│ 0\s+│ 3\s+│ 0\s+│ 0/);
  });

  it('export then import of the export changes nothing', () => {
    const out = join(tmp, 'qni.yaml');
    const exported = runCli(['export', '--province', 'qni', '--out', out], env);
    expect(exported.status).toBe(0);
    expect(readFileSync(out, 'utf8')).toContain('schema: dx-tracker/plan@1');
    expect(readFileSync(out, 'utf8')).toMatch(/^# Xuất từ dx-tracker lúc \d{2}:\d{2} ngày \d{2}\/\d{2}\/\d{4}\n/);
    expect(exported.stderr).toMatch(/^đã ghi .*qni\.yaml \(3 văn bản, \d+ số liệu\)$/m);
    const reimport = runCli(['import', out], env);
    expect(reimport.status).toBe(0);
    expect(reimport.stdout).toMatch(/không có gì thay đổi/);
    expect(runCli(['export', '--province', 'XXX'], env)).toMatchObject({
      status: 1,
      stderr: expect.stringMatching(/không có tỉnh mã "XXX"/),
    });
  });

  it('status prints the plan tree in Vietnamese, with the national targets reconciled', () => {
    const r = runCli(['status', '--province', 'QNI', '--as-of', '2023-10-31'], env);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('Quảng Ninh (QNI) — tình trạng tại ngày 31/10/2023');
    expect(r.stdout).toContain('Báo cáo ngày 31/10/2023: 6/9 đạt, còn 4 chưa đạt — tính được 5/9 đạt — đối chiếu: BÁO CÁO TỰ MÂU THUẪN');
    expect(r.stdout).toContain('Báo cáo tự mâu thuẫn: 6 đạt + 4 chưa đạt ≠ 9');
    expect(r.stdout).toContain('MT1 Phát triển dữ liệu số: 0/0 đạt · 0/7 mục tiêu đã nhập');
    expect(r.stdout).toMatch(/NV9 Phát triển kinh tế số — Nhiệm vụ: 0\/14 nhiệm vụ đã nhập/);
  });

  it('recompute with a progress summary, then status shows the KPIs against their targets', () => {
    const r = runCli(['recompute', '--province', 'QNI', '--as-of', '2024-01-15'], env);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/đã tính lại 1 tỉnh, tính đến ngày 15\/01\/2024: 1 tỉnh thay đổi/);
    const again = runCli(['recompute', '--as-of', '2024-01-15'], env);
    expect(again.stdout).toMatch(/không đổi/);
    const s = runCli(['status', '--province', 'QNI', '--as-of', '2024-01-15'], env);
    expect(s.stdout).toContain('dvc-toan-trinh: 81% (2023-H2) · chỉ tiêu quốc gia >= 80: đạt, chênh +1, mức đạt 101,25%');
    expect(s.stdout).toContain('thu-nsnn-khong-tien-mat: 99,2% (2023-H2) · chưa có chỉ tiêu');
    expect(runCli(['recompute', '--as-of', '2024-02-30'], env)).toMatchObject({
      status: 2,
      stderr: expect.stringMatching(/không phải là ngày dạng YYYY-MM-DD/),
    });
    expect(runCli(['status', '--province', 'XYZ'], env)).toMatchObject({ status: 1, stderr: expect.stringMatching(/không có tỉnh mã/) });
  });

  it('a malformed file: every error reported, exit 1, the database exactly as it was', async () => {
    const before = await snapshot(db.dataSource);
    const bad = readFileSync(DA_NANG_FILE, 'utf8')
      .replace(/progress: 100/, 'progress: 150')
      .replace(/kind: department/, 'kind: ministry');
    const file = join(tmp, 'bad.yaml');
    writeFileSync(file, bad);
    const r = runCli(['import', file], env);
    expect(r.status).toBe(1);
    const errors = r.stderr.split('\n').filter((l) => ISSUE_LINE.test(l) && !l.startsWith('cảnh báo:'));
    expect(errors.length).toBeGreaterThanOrEqual(2);
    expect(r.stderr).toMatch(/lỗi; chưa ghi gì/);
    expect(await snapshot(db.dataSource)).toEqual(before);
  });

  it('import --dry-run writes nothing; a second province imports beside the first', async () => {
    const before = await snapshot(db.dataSource);
    const dry = runCli(['import', DA_NANG_FILE, '--dry-run'], env);
    expect(dry.status).toBe(0);
    expect(dry.stdout).toMatch(/chạy thử cho DNG: các thay đổi ở trên đã được hoàn tác/);
    expect(await snapshot(db.dataSource)).toEqual(before);
    expect(runCli(['import', DA_NANG_FILE], env).status).toBe(0);
    const [{ count }] = await db.dataSource.query(`SELECT count(*)::int AS count FROM org_unit WHERE kind = 'province'`);
    expect(count).toBe(2);
  });
});

describe('cli migrate on an empty PostgreSQL database', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase({ migrate: false });
  });
  afterAll(() => db.drop());

  it('import refuses until migrated; migrate applies, reverts and re-applies', () => {
    const env = { DATABASE_URL: db.url };
    const refused = runCli(['import', QUANG_NINH_FILE], env);
    expect(refused.status).toBe(2);
    expect(refused.stderr).toMatch(/hãy chạy `npm run cli -- migrate` trước/);
    expect(runCli(['migrate'], env).stdout).toMatch(
      /đã áp dụng \d+ migration: CreatePlanSchema\d+, CreateStatusTables\d+, SplitKpiRecompute\d+, CreateAccountsAndAudit\d+, CreateWorkflow\d+, CreateReports\d+, CreateDti\d+, DtiFrameworks\d+, OrgReorganisations\d+, KpiComparisonLatestIndex\d+, ReportJobId\d+, SummaryStamp\d+, TaskStateAsOf\d+, DtiResultSummaryStamp\d+/,
    );
    expect(runCli(['migrate'], env).stdout).toMatch(/lược đồ cơ sở dữ liệu đã là mới nhất/);
    expect(runCli(['migrate', '--revert'], env).stdout).toMatch(/đã hoàn tác/);
    expect(runCli(['migrate'], env).stdout).toMatch(/đã áp dụng 1 migration/);
    expect(runCli(['import', QUANG_NINH_FILE], env).status).toBe(0);
  });

  it('a bad DATABASE_URL is a configuration error, not a crash', () => {
    const r = runCli(['export', '--province', 'QNI'], { DATABASE_URL: 'mysql://nope' });
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/^lỗi: cấu hình không hợp lệ:\n {2}- DATABASE_URL phải là địa chỉ postgres:\/\/ hoặc postgresql:\/\/$/m);
  });

  it('a database that cannot be reached is named in one line, without a stack trace', () => {
    // Port 1 on this machine: nothing listens there, so the connection is refused at once.
    const r = runCli(['status', '--province', 'QNI'], { DATABASE_URL: 'postgres://postgres@127.0.0.1:1/x' });
    expect(r.status).toBe(2);
    expect(r.stderr).toBe(
      'lỗi: không kết nối được cơ sở dữ liệu ở 127.0.0.1:1 (ECONNREFUSED): kiểm tra DATABASE_URL và máy chủ PostgreSQL\n',
    );
  });
});

describe('cli accounts and API tokens', () => {
  let db: TestDatabase;
  let env: Record<string, string>;

  beforeAll(async () => {
    db = await createTestDatabase();
    env = { DATABASE_URL: db.url };
    await new PlanImporter(db.dataSource).run(validPlanFile(QUANG_NINH_FILE), {
      fileName: 'qn.yaml',
      actor: 'jest',
      prune: false,
      dryRun: false,
      now: new Date(),
    });
  });
  afterAll(() => db.drop());

  it('user:create prints a generated password that signs in; duplicates, missing provinces and short passwords are refused', async () => {
    const r = runCli(
      ['user:create', '--username', 'Can.Bo', '--role', 'officer', '--province', 'qni', '--org', 'STTTT', '--name', 'Cán bộ Sở'],
      env,
    );
    expect(r.stderr).toBe('');
    expect(r.stdout).toMatch(/^đã tạo tài khoản officer "can.bo" thuộc QNI\/STTTT\nmật khẩu: (\S{20})\n$/);
    const password = /mật khẩu: (\S+)/.exec(r.stdout)![1];
    const accounts = new AccountRepository(db.dataSource);
    expect(await accounts.authenticate('can.bo', password, new Date())).toMatchObject({
      role: 'officer',
      provinceCode: 'QNI',
      orgUnitCode: 'STTTT',
      displayName: 'Cán bộ Sở',
    });
    const again = runCli(['user:create', '--username', 'can.bo', '--role', 'viewer', '--province', 'QNI'], env);
    expect(again.status).toBe(3);
    expect(again.stderr).toMatch(/^lỗi: Tài khoản "can.bo" đã tồn tại/m);
    const noProvince = runCli(['user:create', '--username', 'bc', '--role', 'reporter'], env);
    expect(noProvince.status).toBe(2);
    expect(noProvince.stderr).toMatch(/cần có tỉnh \(province\)/);
    const badRole = runCli(['user:create', '--username', 'bc', '--role', 'boss'], env);
    expect(badRole.status).not.toBe(0);
    expect(badRole.stderr).toMatch(/một trong admin, officer/);
    const short = runCli(
      ['user:create', '--username', 'bc', '--role', 'viewer', '--province', 'QNI', '--password-stdin'],
      env,
      undefined,
      'short\n',
    );
    expect(short.status).toBe(2);
    expect(short.stderr).toMatch(/Mật khẩu phải có ít nhất 10 ký tự/);
    const given = runCli(
      ['user:create', '--username', 'admin2', '--role', 'admin', '--password-stdin'],
      env,
      undefined,
      'mot-mat-khau-dai\n',
    );
    expect(given.stdout).toBe('đã tạo tài khoản admin "admin2"\n');
    await expect(accounts.authenticate('admin2', 'mot-mat-khau-dai', new Date())).resolves.toMatchObject({ role: 'admin' });
    const [{ n }] = await db.dataSource.query(`SELECT count(*)::int AS n FROM audit_log WHERE action = 'user.create' AND actor = 'cli'`);
    expect(n).toBe(2);
  });

  it('user:reset-password replaces the password; token:create makes a scoped token that token:revoke ends', async () => {
    const accounts = new AccountRepository(db.dataSource);
    runCli(
      ['user:create', '--username', 'bao.cao', '--role', 'reporter', '--province', 'QNI', '--org', 'VPUBND', '--password-stdin'],
      env,
      undefined,
      'mat-khau-cu-123\n',
    );
    const reset = runCli(['user:reset-password', '--username', 'bao.cao'], env);
    expect(reset.stdout).toMatch(/mật khẩu: \S{20}/);
    await expect(accounts.authenticate('bao.cao', 'mat-khau-cu-123', new Date())).rejects.toThrow(/wrong username or password/);
    expect(runCli(['user:reset-password', '--username', 'khong-co'], env).status).toBe(2);

    const created = runCli(['token:create', '--username', 'bao.cao', '--name', 'Cổng dữ liệu', '--scopes', 'observations:write,read'], env);
    expect(created.status).toBe(0);
    const [, id, token] = /^token (\S+) cho "bao.cao" \(observations:write, read\)\n(dxt_\S+)\n$/.exec(created.stdout)!;
    expect(await accounts.principalForApiToken(token, new Date())).toMatchObject({
      role: 'reporter',
      scopes: ['observations:write', 'read'],
    });
    expect(runCli(['token:create', '--username', 'bao.cao', '--name', 'x', '--scopes', 'everything'], env).status).not.toBe(0);
    expect(runCli(['token:revoke', id], env).stdout).toBe(`đã thu hồi token ${id}\n`);
    expect(await accounts.principalForApiToken(token, new Date())).toBeNull();
    expect(runCli(['token:revoke', id], env).status).toBe(2);
  });
});
