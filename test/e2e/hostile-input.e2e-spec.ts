import { INestApplication } from '@nestjs/common';
import { getMetadataStorage } from 'class-validator';
import ExcelJS from 'exceljs';
import fc from 'fast-check';
import request from 'supertest';
import { routeTable } from '@dx/api/openapi/openapi';
import { AccountRepository, ReportRepository } from '@dx/db';
import { DA_NANG_FILE, importPlanFiles, QUANG_NINH_FILE, smallPlanText } from '../factories/plan-file.factory';
import { FuzzRun } from '../support/fuzz';
import {
  deepJson,
  FORMULAS,
  headerValue,
  hostileString,
  hostileValue,
  PATH_TRAVERSAL,
  SQL_INJECTION,
  urlPart,
  wellFormed,
} from '../support/hostile-input';
import { createTestApp, signIn } from '../support/test-app';
import { createTestDatabase, TestDatabase, writeMarks } from '../support/test-database';

/**
 * Issue 10 §2, hostile input over HTTP: every route of the app's own route table, the CSV, Excel
 * and JSON bulk uploads and plan files, with generated paths, queries, headers and bodies (SQL
 * injection, path traversal, formulas, malformed UTF-8, huge and non-finite numbers, deep and
 * oversized bodies). Every answer is below 500; every refusal is a problem document and leaves
 * every table as it was (write marks after each request); an accepted upload writes exactly what
 * it reports. Seeded (FUZZ_SEED) and counted: at least 5,000 requests.
 */
describe('hostile input over HTTP (fast-check, seeded)', () => {
  const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
  const NO_ID = '00000000-0000-4000-8000-000000000000';
  const run = new FuzzRun({ shrink: false });
  let db: TestDatabase;
  let app: INestApplication;
  const tokens: Record<string, string | null> = {};
  let pools: Record<string, string[]>;
  let report: { id: string; pdf: Buffer; xlsx: Buffer };
  let marks: Record<string, string>;
  /** Answers per route and status, e.g. `POST /api/v1/plans/import 200`. */
  const statuses = new Map<string, number>();
  const answered = (prefix: string, status: number) =>
    [...statuses].filter(([k]) => k.startsWith(prefix) && k.endsWith(` ${status}`)).reduce((n, [, c]) => n + c, 0);

  beforeAll(async () => {
    db = await createTestDatabase();
    await importPlanFiles(db.dataSource, DA_NANG_FILE, QUANG_NINH_FILE);
    app = await createTestApp(db);
    const officer = await signIn(app, db, 'officer', 'DNG', 'STTTT');
    Object.assign(tokens, {
      admin: (await signIn(app, db, 'admin')).token,
      officer: officer.token,
      reporter: (await signIn(app, db, 'reporter', 'DNG', 'STTTT')).token,
      viewer: (await signIn(app, db, 'viewer', 'DNG')).token,
      anonymous: null,
      forged: `${officer.token.slice(0, -4)}AAAA`,
      apiToken: (await new AccountRepository(db.dataSource).createApiToken(officer.username, 'fuzz', ['read', 'observations:write'], null))
        .token,
    });
    const ids = async (sql: string) => (await db.dataSource.query(sql)).map((r: { id: string }) => r.id as string);
    const [dng] = await db.dataSource.query(
      `SELECT p.id AS "provinceId", d.id AS "documentId" FROM document d JOIN org_unit p ON p.id = d.province_id WHERE p.code = 'DNG' LIMIT 1`,
    );
    report = { id: '', pdf: Buffer.from('%PDF-1.4 fuzz'), xlsx: Buffer.from('PK fuzz') };
    report.id = (await new ReportRepository(db.dataSource).insert({
      ...dng,
      period: '2023',
      asOf: '2023-12-31',
      formats: ['pdf', 'xlsx'],
      checksum: 'x',
      data: {},
      pdf: report.pdf,
      xlsx: report.xlsx,
      scheduleId: null,
      tick: null,
      createdBy: 'jest',
    }))!;
    pools = {
      id: [
        ...(await ids(`SELECT id FROM task ORDER BY code LIMIT 5`)),
        ...(await ids(`SELECT id FROM goal ORDER BY code LIMIT 5`)),
        report.id,
        NO_ID,
      ],
      code: ['DNG', 'QNI', 'dvc-toan-trinh', 'dti-diem'],
      year: ['2022', '2021', '0', '99999'],
      query: [
        'DNG',
        'QNI',
        '1',
        '0',
        '-1',
        'true',
        'pdf',
        'xlsx',
        '2023',
        '2023-10-31',
        'done',
        'task',
        'code',
        'dvc-toan-trinh',
        'STTTT',
        NO_ID,
      ],
    };
    marks = await writeMarks(db.dataSource);
  });
  afterAll(async () => {
    await app?.close();
    await db?.drop();
  });

  interface Req {
    method: string;
    url: string;
    who: string;
    body?: string | Buffer;
    type?: string;
    headers?: Record<string, string>;
    /** Keep the answer's bytes as a Buffer (files). */
    binary?: boolean;
  }
  const bytesOf = (res: request.Response, done: (error: Error | null, body: Buffer) => void) => {
    const chunks: Buffer[] = [];
    res.on('data', (c: Buffer) => chunks.push(c));
    res.on('end', () => done(null, Buffer.concat(chunks)));
  };

  /** Sends one request and checks what every answer must satisfy; returns the answer for further checks. */
  async function send(r: Req, route = r.url.split('?')[0]): Promise<request.Response> {
    let req = (request(app.getHttpServer()) as unknown as Record<string, (url: string) => request.Test>)[r.method.toLowerCase()](r.url);
    if (tokens[r.who]) req = req.set('Authorization', `Bearer ${tokens[r.who]}`);
    for (const [k, v] of Object.entries(r.headers ?? {})) req = req.set(k, v);
    if (r.body !== undefined) req = req.set('Content-Type', r.type ?? 'application/json').send(r.body);
    if (r.binary) req = req.buffer(true).parse(bytesOf as unknown as Parameters<request.Test['parse']>[0]);
    const res = await req;
    statuses.set(`${route} ${res.status}`, (statuses.get(`${route} ${res.status}`) ?? 0) + 1);
    expect(res.status).toBeLessThan(500);
    if (res.status >= 400 && res.status !== 431) {
      const text = Buffer.isBuffer(res.body) ? res.body.toString('utf8') : (res.text ?? '');
      // Never a stack trace or a database error (the body is ours, not stored data, so any such text is a leak).
      expect(text).not.toMatch(/\n\s+at \S+ \(|node_modules|QueryFailedError/);
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(JSON.parse(text).status).toBe(res.status);
    }
    const after = await writeMarks(db.dataSource);
    if (res.status >= 400) {
      // By design a failed sign-in counts against the account, and an API token records its last use.
      const exempt = [
        ...(r.url.startsWith('/api/v1/auth/') ? ['app_user', 'refresh_token'] : []),
        ...(r.who === 'apiToken' ? ['api_token'] : []),
      ];
      const changed = Object.keys(after).filter((t) => after[t] !== marks[t] && !exempt.includes(t));
      expect({ request: `${r.method} ${r.url.slice(0, 200)} as ${r.who} → ${res.status}`, changed }).toEqual({
        request: expect.any(String),
        changed: [],
      });
    }
    marks = after;
    return res;
  }

  const who = fc.constantFrom('admin', 'officer', 'officer', 'reporter', 'viewer', 'anonymous', 'forged', 'apiToken');

  it('every route in the route table: generated path parameters, queries, headers and JSON bodies', async () => {
    const routes = routeTable(app);
    const fields = (paramTypes: unknown[]) => [
      ...new Set(
        paramTypes.flatMap((t) =>
          typeof t === 'function'
            ? getMetadataStorage()
                .getTargetValidationMetadatas(t, '', true, false)
                .map((m) => m.propertyName)
            : [],
        ),
      ),
    ];
    const value = (name: string) =>
      fc.oneof({ weight: 2, arbitrary: fc.constantFrom(...(pools[name] ?? pools.query)) }, { weight: 3, arbitrary: urlPart });
    const jsonBody = (names: string[]) =>
      fc.oneof(
        {
          weight: 5,
          arbitrary: fc
            .dictionary(fc.constantFrom(...names, '__proto__', 'constructor', 'extra'), hostileValue, { maxKeys: 6 })
            .map((o) => JSON.stringify(o)),
        },
        { weight: 1, arbitrary: deepJson },
        { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 4 }).map((v) => JSON.stringify(v) ?? 'null') },
        { weight: 1, arbitrary: hostileString.map(wellFormed) },
      );
    const requestFor = (route: (typeof routes)[number]) => {
      const names = fields(route.paramTypes);
      const params = [...route.path.matchAll(/:(\w+)/g)].map((m) => m[1]);
      return fc
        .record({
          who,
          params: fc.tuple(...params.map((p) => value(p))),
          query: fc.array(fc.tuple(fc.oneof(fc.constantFrom(...names, 'province', 'format', 'file', 'page'), urlPart), value('query')), {
            maxLength: 5,
          }),
          body: route.method === 'GET' || route.method === 'DELETE' ? fc.constant(undefined) : jsonBody(names.length ? names : ['x']),
          type: fc.oneof(
            { weight: 8, arbitrary: fc.constant('application/json') },
            {
              weight: 1,
              arbitrary: fc.constantFrom('text/plain', 'application/yaml', 'text/csv', XLSX, 'application/json; charset=latin1'),
            },
          ),
          headers: fc.dictionary(
            fc.constantFrom('If-Match', 'If-None-Match', 'Idempotency-Key', 'Accept-Language', 'X-Request-Id', 'X-Forwarded-For'),
            headerValue,
            { maxKeys: 3 },
          ),
        })
        .map((g) => {
          let i = 0;
          const path = route.path.replace(/:(\w+)/g, () => g.params[i++]);
          const query = g.query.map(([k, v]) => `${k}=${v}`).join('&');
          return {
            route: `${route.method} ${route.path}`,
            method: route.method,
            url: query ? `${path}?${query}` : path,
            who: g.who,
            body: g.body,
            type: g.type,
            headers: g.headers,
          };
        });
    };
    await run.check(
      fc.asyncProperty(fc.constantFrom(...routes).chain(requestFor), async (r) => {
        const res = await send({ ...r, binary: r.route === 'GET /api/v1/reports/:id/file' }, r.route);
        if (r.route === 'GET /api/v1/reports/:id/file' && res.status === 200) {
          // Path traversal in `format` (or anything else) never serves another file: only the stored report's bytes.
          const format = new URL(r.url, 'http://x').searchParams.get('format');
          expect(['pdf', 'xlsx']).toContain(format);
          expect(res.body).toEqual(report[format as 'pdf' | 'xlsx']);
        }
      }),
      3_200,
    );
    // Every route was reached, and past authentication at least once.
    for (const r of routes)
      expect(answered(`${r.method} ${r.path} `, 401) + answered(`${r.method} ${r.path} `, 403)).toBeLessThan(
        [...statuses].filter(([k]) => k.startsWith(`${r.method} ${r.path} `)).reduce((n, [, c]) => n + c, 0),
      );
  }, 300_000);

  it('report download: format= is pdf or xlsx and serves that stored file; traversal and anything else are 400', async () => {
    const format = fc.oneof(
      fc.constantFrom('pdf', 'xlsx'),
      fc.constantFrom(...PATH_TRAVERSAL, 'PDF', 'pdf ', 'pdf%00', 'pdf/../xlsx', 'xlsx.pdf', '../xlsx'),
      hostileString.map((t) => wellFormed(t).slice(0, 2000)),
    );
    await run.check(
      fc.asyncProperty(format, fc.constantFrom('officer', 'viewer', 'admin'), async (f, as) => {
        const res = await send(
          { method: 'GET', url: `/api/v1/reports/${report.id}/file?format=${encodeURIComponent(f)}`, who: as, binary: true },
          'GET /api/v1/reports/:id/file (format)',
        );
        if (f === 'pdf' || f === 'xlsx') {
          expect(res.status).toBe(200);
          expect(res.body).toEqual(report[f]);
          expect(res.headers['content-disposition']).toBe(`attachment; filename="bao-cao-DNG-05-NQ-TU-2023.${f}"`);
        } else {
          expect(res.status).toBe(400);
        }
      }),
      100,
    );
  }, 300_000);

  const COLUMNS = ['indicator', 'province', 'org', 'period', 'value', 'numerator', 'denominator', 'source', 'note'];
  const numberText = fc.oneof(
    fc.integer({ min: -5, max: 120 }).map(String),
    fc.constantFrom(
      '1e400',
      '-1e400',
      '999999999999999999999',
      '0.0000000000001',
      'NaN',
      'Infinity',
      '-Infinity',
      '-0',
      '1,5',
      ' 81 ',
      '0x10',
      '81%',
      ...FORMULAS,
    ),
    fc.double().map(String),
  );
  const cells = {
    indicator: fc.oneof({ weight: 6, arbitrary: fc.constantFrom('dvc-toan-trinh', 'khong-co') }, { weight: 1, arbitrary: hostileString }),
    province: fc.oneof({ weight: 6, arbitrary: fc.constantFrom('DNG', 'dng', 'QNI') }, { weight: 1, arbitrary: hostileString }),
    org: fc.oneof({ weight: 6, arbitrary: fc.constantFrom('DNG', 'STTTT', 'SNV') }, { weight: 1, arbitrary: hostileString }),
    period: fc.oneof(
      {
        weight: 6,
        arbitrary: fc
          .tuple(fc.integer({ min: 2100, max: 2900 }), fc.integer({ min: 1, max: 12 }))
          .map(([y, m]) => `${y}-${String(m).padStart(2, '0')}`),
      },
      { weight: 1, arbitrary: hostileString },
    ),
    value: numberText,
    numerator: numberText,
    denominator: numberText,
    source: fc.oneof(fc.constantFrom('a', 'b'), hostileString),
    note: fc.oneof(
      hostileString,
      fc.constantFrom(...FORMULAS, ...SQL_INJECTION),
      fc.integer({ min: 1000, max: 120_000 }).map((n) => 'đ'.repeat(n)),
    ),
  };
  const uploadRows = fc.record(cells, { requiredKeys: ['indicator', 'period'] });
  /** A row's own value for a column (a header may name `__proto__`). */
  const cell = <T>(row: Record<string, T>, column: string): T | undefined => (Object.hasOwn(row, column) ? row[column] : undefined);
  const header: fc.Arbitrary<string[]> = fc.oneof(
    { weight: 6, arbitrary: fc.constant<string[]>(['indicator', 'org', 'period', 'value', 'note']) },
    { weight: 2, arbitrary: fc.shuffledSubarray(COLUMNS, { minLength: 1 }) },
    { weight: 1, arbitrary: fc.constant<string[]>(['indicator', 'indicator', '__proto__', 'constructor', 'value']) },
  );

  /** Checks an answered upload: refused → nothing written (send); accepted → what it reports is what was written. */
  async function upload(r: Req, expected?: number) {
    const count = async () =>
      (await db.dataSource.query(`SELECT (SELECT count(*)::int FROM observation) AS o, (SELECT count(*)::int FROM submission) AS s`))[0];
    const before = await count();
    const res = await send(r, `POST /api/v1/observations/bulk (${r.type})`);
    if (expected !== undefined) expect(res.status).toBe(expected);
    if (res.status === 200) {
      const after = await count();
      expect(res.body.accepted).toBe(res.body.created + res.body.updated + res.body.submitted);
      expect(after.o - before.o).toBe(res.body.created);
      expect(after.s - before.s).toBe(res.body.submitted);
      if (!r.url.includes('partial=true')) expect(res.body.rejected).toBe(0);
    }
  }
  const bulkUrl = fc
    .tuple(fc.boolean(), fc.constantFrom('DNG', 'QNI', '..%2F..', "'%3B--"))
    .map(([partial, province]) => `/api/v1/observations/bulk?province=${province}&partial=${partial}`);
  const uploader = fc.constantFrom('officer', 'officer', 'reporter', 'admin', 'viewer');

  it('CSV uploads: malformed UTF-8, huge and non-finite numbers, formulas, long cells, broken quoting; whole or nothing', async () => {
    const quote = (c: string) => (/[",\r\n]/.test(c) ? `"${c.replace(/"/g, '""')}"` : c);
    const csv = fc
      .record({
        header,
        rows: fc.array(uploadRows, { maxLength: 10 }),
        crlf: fc.boolean(),
        bom: fc.boolean(),
        raw: fc.boolean(),
        bad: fc.option(
          fc.tuple(fc.nat(), fc.constantFrom([0xff], [0xc3], [0xed, 0xa0, 0x80], [0xc0, 0x80], [0xf8, 0x88, 0x80, 0x80, 0x80])),
          { freq: 4 },
        ),
      })
      .map((c) => {
        const lines = [
          c.header.join(','),
          ...c.rows.map((row) => c.header.map((h) => (c.raw ? (cell(row, h) ?? '') : quote(cell(row, h) ?? ''))).join(',')),
        ];
        let bytes = Buffer.from(`${c.bom ? '\uFEFF' : ''}${lines.join(c.crlf ? '\r\n' : '\n')}\n`);
        if (c.bad)
          bytes = Buffer.concat([
            bytes.subarray(0, c.bad[0] % (bytes.length + 1)),
            Buffer.from(c.bad[1]),
            bytes.subarray(c.bad[0] % (bytes.length + 1)),
          ]);
        return { bytes, malformed: c.bad !== null };
      });
    await run.check(
      fc.asyncProperty(csv, bulkUrl, uploader, async ({ bytes, malformed }, url, as) => {
        // Bytes that are not UTF-8 are refused as a whole (a viewer is refused before the body is read).
        await upload(
          { method: 'POST', url, who: as, body: bytes, type: 'text/csv' },
          malformed ? (as === 'viewer' ? 403 : 400) : undefined,
        );
      }),
      700,
    );
  }, 300_000);

  it('Excel uploads: any cell type, hostile text and numbers, corrupted zips; whole or nothing', async () => {
    const cellValue = (text: fc.Arbitrary<string>) =>
      fc.oneof(
        { weight: 5, arbitrary: text },
        { weight: 2, arbitrary: fc.oneof(fc.double(), fc.integer(), fc.constantFrom(-1, 1e308, -1e308, 81.5)) },
        {
          weight: 1,
          arbitrary: fc.constantFrom<ExcelJS.CellValue>(
            true,
            new Date('2023-10-31T00:00:00Z'),
            { formula: '1+1', result: 2 } as ExcelJS.CellFormulaValue,
            { formula: 'HYPERLINK("http://x","y")', result: 'y' } as ExcelJS.CellFormulaValue,
            { richText: [{ text: '=1+1' }] },
            { error: '#N/A' } as ExcelJS.CellErrorValue,
          ),
        },
      );
    const sheet = fc.record({
      header,
      rows: fc.array(
        fc.record(Object.fromEntries(COLUMNS.map((c) => [c, cellValue(cells[c as keyof typeof cells])])), { requiredKeys: [] }),
        { maxLength: 8 },
      ),
      corrupt: fc.option(fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 })), { minLength: 1, maxLength: 4 }), { freq: 6 }),
    });
    await run.check(
      fc.asyncProperty(sheet, bulkUrl, uploader, async (s, url, as) => {
        const workbook = new ExcelJS.Workbook();
        const ws = workbook.addWorksheet('Số liệu');
        ws.addRow(s.header);
        for (const row of s.rows) ws.addRow(s.header.map((h) => cell(row, h) ?? null));
        const bytes = Buffer.from(await workbook.xlsx.writeBuffer());
        for (const [at, byte] of s.corrupt ?? []) bytes[at % bytes.length] = byte;
        await upload({ method: 'POST', url, who: as, body: bytes, type: XLSX });
      }),
      400,
    );
  }, 300_000);

  it('JSON uploads: hostile rows; whole or nothing', async () => {
    const rows = fc.array(fc.oneof({ weight: 5, arbitrary: uploadRows as fc.Arbitrary<unknown> }, { weight: 1, arbitrary: hostileValue }), {
      maxLength: 10,
    });
    await run.check(
      fc.asyncProperty(rows, bulkUrl, uploader, fc.boolean(), async (list, url, as, bare) => {
        await upload({ method: 'POST', url, who: as, body: JSON.stringify(bare ? list : { rows: list }), type: 'application/json' });
      }),
      300,
    );
  }, 300_000);

  it('plan files: hostile text and numbers, broken YAML, deep nesting, alias bombs, path traversal in file=; a valid import records file= as a label only', async () => {
    const title = hostileString.map((t) => JSON.stringify(t));
    const plan = fc.oneof(
      {
        weight: 4,
        arbitrary: fc.tuple(fc.constantFrom('FZA', 'FZB', 'fzc'), title).map(([code, t]) => smallPlanText(code, { goalTitle: t })),
      },
      {
        weight: 2,
        arbitrary: fc
          .tuple(fc.constantFrom('FZA', 'FZB'), fc.constantFrom('1e999999999', '-1', '.nan', '1e-13', '"=1+1"', '999999999999999999'))
          .map(([code, v]) => smallPlanText(code).replace('value: 81', `value: ${v}`)),
      },
      { weight: 1, arbitrary: deepJson.map((j) => `schema: dx-tracker/plan@1\nprovince: ${j}\n`) },
      {
        weight: 1,
        arbitrary: fc
          .integer({ min: 2, max: 9 })
          .map(
            (w) =>
              `a0: &a0 [x]\n${Array.from({ length: 9 }, (_, i) => `a${i + 1}: &a${i + 1} [${Array(w).fill(`*a${i}`).join(',')}]`).join('\n')}\n`,
          ),
      },
      { weight: 1, arbitrary: fc.uint8Array({ maxLength: 300 }).map((b) => Buffer.from(b).toString('latin1')) },
    );
    const fileName = fc.oneof(fc.constantFrom(...PATH_TRAVERSAL), hostileString).map((f) => wellFormed(f).slice(0, 300));
    await run.check(
      fc.asyncProperty(
        plan,
        fileName,
        fc.constantFrom('validate', 'import'),
        fc.boolean(),
        fc.constantFrom('admin', 'admin', 'officer'),
        fc.boolean(),
        async (text, file, action, dryRun, as, badByte) => {
          const body = badByte ? Buffer.concat([Buffer.from(text), Buffer.from([0xff])]) : Buffer.from(text);
          const url = `/api/v1/plans/${action}?file=${encodeURIComponent(file)}&dry_run=${dryRun}`;
          const res = await send({ method: 'POST', url, who: as, body, type: 'application/yaml' }, `POST /api/v1/plans/${action}`);
          if (action === 'import' && res.status === 200 && !dryRun) {
            const [run] = await db.dataSource.query(`SELECT file_name FROM import_run ORDER BY finished_at DESC LIMIT 1`);
            expect(run.file_name).toBe(file);
          }
        },
      ),
      400,
    );
  }, 300_000);

  it('oversized bodies: over the route limit is 413 (1 MB JSON, 10 MB bulk uploads), never read', async () => {
    const sizes = fc.tuple(
      fc.constantFrom('/api/v1/observations', '/api/v1/auth/login', '/api/v1/observations/bulk?province=DNG'),
      fc.integer({ min: -512, max: 4096 }),
    );
    await run.check(
      fc.asyncProperty(sizes, async ([url, offset]) => {
        const limit = url.includes('/bulk') ? 10 * 1024 * 1024 : 1024 * 1024;
        const body = `{"note":"${'x'.repeat(limit + offset - 11)}"}`;
        const res = await send(
          { method: 'POST', url, who: 'officer', body, type: 'application/json' },
          `POST ${url.split('?')[0]} (oversized)`,
        );
        if (Buffer.byteLength(body) > limit) expect(res.status).toBe(413);
        else expect(res.status).not.toBe(413);
      }),
      60,
    );
  }, 300_000);

  it('ran at least 5,000 generated requests, enough of them accepted for the write checks to bite', () => {
    process.stdout.write(
      `${run.summary('HTTP hostile-input fuzz')}\n${[...statuses]
        .sort()
        .map(([r, n]) => `  ${n} × ${r}`)
        .join('\n')}\n`,
    );
    for (const type of ['text/csv', XLSX, 'application/json'])
      expect(answered(`POST /api/v1/observations/bulk (${type})`, 200)).toBeGreaterThanOrEqual(5);
    expect(answered('POST /api/v1/plans/import', 200)).toBeGreaterThanOrEqual(5);
    expect(run.cases).toBeGreaterThanOrEqual(5_000);
    expect([...statuses.values()].reduce((a, b) => a + b, 0)).toBe(run.cases);
  });
});
