import { mkdtempSync, rmSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { runCli, startBuiltApi } from '../support/run-built';
import { waitFor } from '../support/wait-for';

/**
 * The README's first command on a fresh machine: no DATABASE_URL, no REDIS_URL.
 * The API must start on the embedded database, load the Quảng Ninh plans once,
 * and keep them (without duplicating) across a restart.
 */
describe('npm start with no DATABASE_URL (embedded PostgreSQL, jobs on PostgreSQL)', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'dx-embedded-'));
  const env = { DX_DATA_DIR: dataDir, PORT: '0', NODE_ENV: 'development' };
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  /** The demo accounts printed once at the first start: `  <username> <role> <password>`. */
  const demoPasswords = (output: string) =>
    new Map([...output.matchAll(/^ {2}(\S+)\s+(admin|officer|reporter|leader|viewer)\s+(\S+)$/gm)].map((m) => [m[1], m[3]]));
  let token = '';
  const signIn = async (url: string, username: string, password: string) => {
    const res = await fetch(`${url}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ username, password }),
    });
    expect(res.status).toBe(200);
    token = ((await res.json()) as { accessToken: string }).accessToken;
  };
  const get = (url: string) => fetch(url, { headers: { Authorization: `Bearer ${token}` } });
  const documents = async (url: string) => {
    const res = await get(`${url}/api/v1/documents?province=QNI`);
    expect(res.status).toBe(200);
    return (await res.json()) as { total: number; items: { code: string; scope: string }[] };
  };

  it('loads the demo data on first start, serves it, and keeps it once across a restart', async () => {
    const first = await startBuiltApi(env);
    let province: unknown;
    let leaderPassword: string;
    try {
      expect(first.output()).toMatch(/loaded demo plan data\/plans\/quang-ninh\.yaml/);
      const passwords = demoPasswords(first.output());
      expect([...passwords.keys()].sort()).toEqual([
        'admin',
        'lanhdao.mau',
        'lanhdao.qni',
        'skhcn.mau',
        'stttt.qni',
        'syt.mau',
        'vpubnd.qni',
        'xem.mau',
        'xem.qni',
      ]);
      leaderPassword = passwords.get('lanhdao.qni')!;
      // The Vietnamese start banner comes last, after Nest's route lines, with the address and the passwords.
      const output = first.output();
      const banner = output.indexOf(`dx-tracker đã sẵn sàng: ${first.url}`);
      expect(output.lastIndexOf(' route')).toBeGreaterThan(0);
      expect(banner).toBeGreaterThan(output.lastIndexOf(' route'));
      expect(output.indexOf(`  lanhdao.qni  leader    ${leaderPassword}`)).toBeGreaterThan(banner);
      expect((await fetch(`${first.url}/api/v1/documents?province=QNI`)).status).toBe(401);
      await signIn(first.url, 'lanhdao.qni', leaderPassword);
      const list = await documents(first.url);
      expect(list.total).toBe(3);
      expect(list.items.map((d) => d.code)).toEqual(expect.arrayContaining(['09-NQ/TU', '37/KH-UBND']));
      expect(list.items.some((d) => d.scope === 'national')).toBe(true);
      const health = (await (await fetch(`${first.url}/health`)).json()) as {
        status: string;
        info: { queue: { oldestWaitingMs: unknown } };
      };
      expect(health.status).toBe('ok');
      // Idle connections are kept longer than Node's 5 s (a client reusing one must not find it just closed).
      expect((await fetch(`${first.url}/health`)).headers.get('keep-alive')).toBe('timeout=65');
      const waited = health.info.queue.oldestWaitingMs;
      expect(waited === null || typeof waited === 'number').toBe(true);
      expect(health.info).toEqual({ database: { status: 'up' }, queue: { status: 'up', backend: 'postgres', oldestWaitingMs: waited } });
      province = await (await get(`${first.url}/api/v1/provinces/QNI`)).json();

      // The worker runs in the same process: the import's outbox row becomes computed statuses.
      const summary = await waitFor('the in-process worker to compute the demo data', async () => {
        const s = (await (await get(`${first.url}/api/v1/provinces/QNI/summary`)).json()) as {
          computedAt: string | null;
          documents: { scope: string; claims: { reconciliation: { verdict: string } | null }[] }[];
        };
        return s.computedAt ? s : null;
      });
      const national = summary.documents.find((d) => d.scope === 'national')!;
      expect(national.claims[0].reconciliation?.verdict).toBe('self_inconsistent');

      // The CLI attaches to the running server's embedded database instead of opening it twice.
      const exported = runCli(['export', '--province', 'QNI'], { DX_DATA_DIR: dataDir });
      expect(exported.status).toBe(0);
      expect(exported.stdout).toContain('code: 37/KH-UBND');
    } finally {
      expect(await first.stop('SIGTERM')).toBe(0);
    }

    const second = await startBuiltApi(env);
    try {
      expect(second.output()).not.toMatch(/loaded demo plan/);
      expect(demoPasswords(second.output()).size).toBe(0);
      await signIn(second.url, 'lanhdao.qni', leaderPassword);
      expect((await documents(second.url)).total).toBe(3);
      expect(await (await get(`${second.url}/api/v1/provinces/QNI`)).json()).toEqual(province);
    } finally {
      await second.stop('SIGTERM');
    }
  }, 120_000);

  it('the CLI works on the embedded database when no server is running', () => {
    const again = runCli(['import', join(__dirname, '../../data/plans/quang-ninh.yaml')], { DX_DATA_DIR: dataDir });
    expect(again.stderr).not.toMatch(/^lỗi/m);
    expect(again.status).toBe(0);
    expect(again.stdout).toMatch(/đã nhập QNI: không có gì thay đổi/);
  }, 60_000);

  it('backs the embedded database up and restores it into a new embedded database, exactly', () => {
    const file = join(dataDir, '..', 'embedded-backup.jsonl.gz');
    const backup = runCli(['backup', '--out', file], { DX_DATA_DIR: dataDir });
    expect(backup.stderr).not.toMatch(/^lỗi/m);
    expect(backup.stdout).toMatch(/đã ghi .*embedded-backup\.jsonl\.gz: \d+ bảng/);
    const fresh = mkdtempSync(join(tmpdir(), 'dx-embedded-restore-'));
    const restored = runCli(['restore', file], { DX_DATA_DIR: fresh });
    expect(restored.stderr).not.toMatch(/^lỗi/m);
    expect(restored.status).toBe(0);
    // Same row counts as the backup said, and the province exports the same.
    const rows = (out: string) => out.match(/: (\d+) bảng, (\d+) dòng/)!.slice(1);
    expect(rows(restored.stdout)).toEqual(rows(backup.stdout));
    const exported = (dir: string) =>
      runCli(['export', '--province', 'QNI'], { DX_DATA_DIR: dir }).stdout.replace(/^# Xuất từ dx-tracker lúc .*\n/, '');
    expect(exported(fresh)).toEqual(exported(dataDir));
    rmSync(fresh, { recursive: true, force: true });
  }, 120_000);
});
