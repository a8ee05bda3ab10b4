import { PlanImporter } from '@dx/db';
import { DA_NANG_FILE, validPlanFile } from '../factories/plan-file.factory';
import { runCli } from '../support/run-built';
import { createTestDatabase, TestDatabase } from '../support/test-database';

const importOptions = { fileName: 't.yaml', actor: 'jest', prune: false, dryRun: false, now: new Date('2023-11-01T00:00:00Z') };

describe('cli reminders send and user:create --email (PostgreSQL)', () => {
  let db: TestDatabase;
  let env: Record<string, string>;
  const late = { id: '', code: '' };

  beforeAll(async () => {
    db = await createTestDatabase();
    env = { DATABASE_URL: db.url };
    await new PlanImporter(db.dataSource).run(validPlanFile(DA_NANG_FILE), importOptions);
    const [t] = await db.dataSource.query(
      `SELECT t.id, t.code FROM task t JOIN document d ON d.id = t.document_id JOIN org_unit p ON p.id = d.province_id
         JOIN org_unit o ON o.id = t.lead_id WHERE p.code = 'DNG' AND o.code = 'STTTT' ORDER BY t.code LIMIT 1`,
    );
    Object.assign(late, t);
    await db.dataSource.query(
      `UPDATE task SET due = CASE WHEN id = $1 THEN '2031-01-01'::date ELSE '2020-01-01'::date END,
                       status = CASE WHEN id = $1 THEN 'in_progress' ELSE 'done' END,
                       progress = CASE WHEN id = $1 THEN 50 ELSE 100 END`,
      [late.id],
    );
  });
  afterAll(async () => {
    await db?.drop();
  });

  it('creates accounts with an email address, unique regardless of case', () => {
    const created = runCli(
      [
        'user:create',
        '--username',
        'canbo.dng',
        '--role',
        'officer',
        '--province',
        'DNG',
        '--org',
        'STTTT',
        '--name',
        'Trần Thị Bình',
        '--email',
        'CanBo@DaNang.gov.vn',
      ],
      env,
    );
    expect(created.stderr).toBe('');
    expect(created.status).toBe(0);
    const reporter = runCli(
      ['user:create', '--username', 'bcv.dng', '--role', 'reporter', '--province', 'DNG', '--org', 'STTTT', '--email', 'bcv@danang.gov.vn'],
      env,
    );
    expect(reporter.status).toBe(0);
    const taken = runCli(
      ['user:create', '--username', 'khac', '--role', 'viewer', '--province', 'DNG', '--email', 'canbo@danang.gov.vn'],
      env,
    );
    expect(taken.status).not.toBe(0);
    expect(taken.stderr).toContain('Địa chỉ email canbo@danang.gov.vn đã được một tài khoản khác sử dụng');
    const bad = runCli(['user:create', '--username', 'khac2', '--role', 'viewer', '--province', 'DNG', '--email', 'khong-phai-email'], env);
    expect(bad.status).not.toBe(0);
    expect(bad.stderr).toContain('không phải là địa chỉ email');
  });

  it('sends the reminders of a date, saying to whom, and nothing new the second time', async () => {
    const first = runCli(['reminders', 'send', '--province', 'DNG', '--as-of', '2031-01-03'], env);
    expect(first.stderr).toBe('');
    expect(first.status).toBe(0);
    expect(first.stdout).toContain(`Nhiệm vụ quá hạn: ${late.code} quá hạn 2 ngày\n`);
    expect(first.stdout).toMatch(/ {2}trong ứng dụng: .*bcv\.dng.*\n/);
    expect(first.stdout).toContain('Trần Thị Bình (canbo.dng)');
    expect(first.stdout).toContain('  email: bcv@danang.gov.vn, CanBo@DaNang.gov.vn\n');
    expect(first.stdout).toContain('DNG, ngày 03/01/2031: 2 thông báo mới trong ứng dụng, 2 email và 0 lần gọi webhook cần gửi\n');
    // No SMTP_URL here: the emails wait (the SMTP tests of the email channel send them).
    expect(first.stdout).toContain('Chưa đặt SMTP_URL: email chưa được gửi');
    const rows = await db.dataSource.query(
      `SELECT count(*)::int AS n FROM notification_delivery WHERE status = 'pending' AND channel = 'email'`,
    );
    expect(rows[0].n).toBe(2);

    const second = runCli(['reminders', 'send', '--province', 'DNG', '--as-of', '2031-01-03'], env);
    expect(second.status).toBe(0);
    expect(second.stdout).toMatch(
      /^DNG, ngày 03\/01\/2031: không có nhắc việc mới nào để gửi \(các nhắc việc của ngày này đã được gửi trước đó, hoặc không có nhiệm vụ sắp đến hạn hay quá hạn\)\n/,
    );
    expect(second.stdout).not.toContain('trong ứng dụng:');
    expect((await db.dataSource.query(`SELECT count(*)::int AS n FROM notification`))[0].n).toBe(2);

    const unknown = runCli(['reminders', 'send', '--province', 'XYZ'], env);
    expect(unknown.status).not.toBe(0);
    expect(unknown.stderr).toContain('Không có tỉnh "XYZ" có kế hoạch');
  });
});
