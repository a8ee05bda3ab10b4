import { INestApplication } from '@nestjs/common';
import { execFileSync } from 'child_process';
import JSZip from 'jszip';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import request from 'supertest';
import { PlanImporter } from '@dx/db';
import { REPO, validPlanFile } from '../factories/plan-file.factory';
import { runCli } from '../support/run-built';
import { as, createTestApp, signIn } from '../support/test-app';
import { createTestDatabase, TestDatabase } from '../support/test-database';

/** The illustrative province MAU: as of 25/04/2026 VPUBND, SCT and XA-AN-PHU have overdue tasks, VPUBND one due in 5 days. */
const MAU_FILE = join(REPO, 'data/plans/tinh-mau.yaml');
const AS_OF = '2026-04-25';
const VPUBND = 'Văn phòng Ủy ban nhân dân tỉnh';

const binary = (res: request.Response, done: (e: Error | null, body: unknown) => void) => {
  const stream = res as unknown as NodeJS.ReadableStream;
  const chunks: Buffer[] = [];
  stream.on('data', (c: Buffer) => chunks.push(c));
  stream.on('end', () => done(null, Buffer.concat(chunks)));
};

const tmp = mkdtempSync(join(tmpdir(), 'dx-dispatch-'));
let n = 0;
/** The PDF's text: `layout` keeps each table row on its line; otherwise whitespace runs collapsed. */
function pdfText(bytes: Buffer, layout = false): string {
  const file = join(tmp, `${++n}.pdf`);
  writeFileSync(file, bytes);
  const text = execFileSync('pdftotext', [...(layout ? ['-layout'] : []), file, '-'], { encoding: 'utf8' }).normalize('NFC');
  return layout ? text : text.replace(/\s+/g, ' ');
}
/** The table row (as laid out) of a task. */
const rowOf = (bytes: Buffer, code: string) =>
  pdfText(bytes, true)
    .split('\n')
    .find((l) => l.includes(` ${code} `))
    ?.replace(/\s+/g, ' ') ?? '';

describe('reminder dispatch (công văn đôn đốc): API and CLI on the MAU data', () => {
  let db: TestDatabase;
  let app: INestApplication;
  const tokens: Record<string, string> = {};

  beforeAll(async () => {
    db = await createTestDatabase();
    await new PlanImporter(db.dataSource).run(validPlanFile(MAU_FILE), {
      fileName: 'tinh-mau.yaml',
      actor: 'jest',
      prune: false,
      dryRun: false,
      now: new Date(),
    });
    app = await createTestApp(db);
    tokens.officer = (await signIn(app, db, 'officer', 'MAU', 'SKHCN')).token;
    tokens.reporter = (await signIn(app, db, 'reporter', 'MAU', 'VPUBND')).token;
    tokens.leader = (await signIn(app, db, 'leader', 'MAU')).token;
  });
  afterAll(async () => {
    await app?.close();
    await db?.drop();
    rmSync(tmp, { recursive: true, force: true });
  });

  const dispatch = (role: string, body: Record<string, unknown>) =>
    as(app, tokens[role]).post('/api/v1/reminders/dispatch').set('Accept-Language', 'vi').send(body).buffer(true).parse(binary);

  it('refuses reporters and leaders (403)', async () => {
    for (const role of ['reporter', 'leader']) {
      const res = await as(app, tokens[role]).post('/api/v1/reminders/dispatch').send({ province: 'MAU', asOf: AS_OF });
      expect([role, res.status]).toEqual([role, 403]);
    }
  });

  it("one agency's PDF: Kính gửi, the number and signer, its late tasks with the days late and the one due soon", async () => {
    const res = await dispatch('officer', {
      province: 'MAU',
      asOf: AS_OF,
      agency: 'VPUBND',
      number: '125/SKHCN-CĐS',
      signerName: 'Trần Thị Bình',
    }).expect(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    expect(res.headers['content-disposition']).toContain('cong-van-don-doc-MAU-VPUBND-2026-04-25.pdf');
    const text = pdfText(res.body);
    expect(text).toContain('SỞ KHOA HỌC VÀ CÔNG NGHỆ');
    expect(text).toContain('Số: 125/SKHCN-CĐS');
    expect(text).toContain('V/v đôn đốc thực hiện nhiệm vụ chuyển đổi số');
    expect(text).toContain(`Kính gửi: ${VPUBND}.`);
    expect(text).toContain(`tính đến ngày 25/04/2026, ${VPUBND} còn 1 nhiệm vụ đã quá hạn và 1 nhiệm vụ sắp đến hạn (trong 7 ngày tới)`);
    expect(text).toContain('Trần Thị Bình');
    expect(rowOf(res.body, 'NV01.3')).toMatch(/NV01\.3 Sửa đổi quy chế .* 58\/KH-UBND 30\/03\/2026 26 ngày/);
    expect(rowOf(res.body, 'NV04.4')).toMatch(/NV04\.4 .* 30\/04\/2026 còn 5 ngày/);
    for (const other of ['NV07.1', 'NV10.2', 'NV08.4']) expect(text).not.toContain(other);
  });

  it('per agency for all: a ZIP with one PDF per agency with late tasks; all: one PDF to every agency', async () => {
    const res = await dispatch('officer', { province: 'MAU', asOf: AS_OF }).expect(200);
    expect(res.headers['content-type']).toBe('application/zip');
    const zip = await JSZip.loadAsync(res.body);
    const names = Object.keys(zip.files).sort();
    expect(names).toEqual(['SCT', 'VPUBND', 'XA-AN-PHU'].map((a) => `cong-van-don-doc-MAU-${a}-2026-04-25.pdf`));
    const sct = await zip.file(names[0])!.async('nodebuffer');
    expect(pdfText(sct)).toContain('Kính gửi: Sở Công Thương.');
    expect(rowOf(sct, 'NV07.1')).toMatch(/30\/01\/2026 85 ngày/);
    const commune = await zip.file(names[2])!.async('nodebuffer');
    expect(pdfText(commune)).toContain('Kính gửi: Ủy ban nhân dân xã An Phú.');
    expect(rowOf(commune, 'NV10.2')).toMatch(/28\/02\/2026 56 ngày/);

    const all = await dispatch('officer', { province: 'MAU', asOf: AS_OF, mode: 'all' }).expect(200);
    expect(all.headers['content-type']).toBe('application/pdf');
    const text = pdfText(all.body);
    expect(text).toContain(`Kính gửi: - Sở Công Thương; - ${VPUBND}; - Ủy ban nhân dân xã An Phú.`);
    expect(text).toContain('các cơ quan, đơn vị còn 3 nhiệm vụ đã quá hạn và 1 nhiệm vụ sắp đến hạn');
  });

  it('nothing late: 404 saying so in Vietnamese', async () => {
    const res = await as(app, tokens.officer)
      .post('/api/v1/reminders/dispatch')
      .set('Accept-Language', 'vi')
      .send({ province: 'MAU', asOf: '2025-06-01' })
      .expect(404);
    expect(JSON.stringify(res.body)).toContain('Tính đến ngày 01/06/2025, không có cơ quan nào có nhiệm vụ quá hạn hoặc sắp đến hạn');
  });

  it('CLI: `reminders dispatch` writes one PDF per agency (or one for all) to --out and lists them in Vietnamese', () => {
    const out = join(tmp, 'out');
    const r = runCli(['reminders', 'dispatch', '--province', 'MAU', '--as-of', AS_OF, '--out', out], { DATABASE_URL: db.url });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(readdirSync(out).sort()).toEqual(['SCT', 'VPUBND', 'XA-AN-PHU'].map((a) => `cong-van-don-doc-MAU-${a}-2026-04-25.pdf`));
    expect(r.stdout).toContain(
      `Đã ghi công văn đôn đốc gửi ${VPUBND} (1 nhiệm vụ quá hạn, 1 sắp đến hạn): ${join(out, 'cong-van-don-doc-MAU-VPUBND-2026-04-25.pdf')}`,
    );
    expect(r.stdout).toContain('3 công văn đôn đốc, số liệu tính đến ngày 25/04/2026.');
    const sct = readFileSync(join(out, 'cong-van-don-doc-MAU-SCT-2026-04-25.pdf'));
    expect(rowOf(sct, 'NV07.1')).toMatch(/30\/01\/2026 85 ngày/);

    const one = runCli(
      ['reminders', 'dispatch', '--province', 'MAU', '--as-of', AS_OF, '--all', '--out', join(tmp, 'all'), '--number', '7/SKHCN-CĐS'],
      {
        DATABASE_URL: db.url,
      },
    );
    expect(one.status).toBe(0);
    expect(one.stdout).toContain('Đã ghi công văn đôn đốc gửi 3 cơ quan (3 nhiệm vụ quá hạn, 1 sắp đến hạn)');
    expect(pdfText(readFileSync(join(tmp, 'all', 'cong-van-don-doc-MAU-2026-04-25.pdf')))).toContain('Số: 7/SKHCN-CĐS');
  });
});
