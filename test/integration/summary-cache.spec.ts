import { readFileSync } from 'fs';
import { join } from 'path';
import { SummaryCache } from '@dx/api/status/summary-cache';
import { loadConfig } from '@dx/config';
import { importDti, importDtiDirectory } from '@dx/db';
import { kpiPage, RecomputeEngine } from '@dx/status-engine';
import { SUMMARY_STAMP_SOURCES as FIRST_SOURCES } from '@dx/migrations/1765267200000-summary-stamp';
import { DTI_SUMMARY_STAMP_SOURCES } from '@dx/migrations/1765440000000-dti-result-summary-stamp';
import { DA_NANG_FILE, DTI_DIRECTORY, importPlanFiles, QUANG_NINH_FILE, REPO } from '../factories/plan-file.factory';
import { createTestDatabase, TestDatabase } from '../support/test-database';

const AS_OF = '2023-10-31';
/** Every table with summary stamp triggers, from the migrations that add them. */
const SUMMARY_STAMP_SOURCES = { ...FIRST_SOURCES, ...DTI_SUMMARY_STAMP_SOURCES };

describe('SummaryCache: a kept summary is served only while nothing it shows has changed', () => {
  let db: TestDatabase;
  let cache: SummaryCache;
  let qni: string;
  let dng: string;
  const q = (sql: string, params: unknown[] = []) => db.dataSource.query(sql, params);
  const read = async (c: SummaryCache, asOf = AS_OF) => (await c.get((await c.stampOf('QNI'))!, asOf))!;
  const get = () => read(cache);

  beforeAll(async () => {
    db = await createTestDatabase();
    await importPlanFiles(db.dataSource, QUANG_NINH_FILE, DA_NANG_FILE);
    await importDtiDirectory(db.dataSource, DTI_DIRECTORY);
    [{ id: qni }] = await q(`SELECT id FROM org_unit WHERE kind = 'province' AND code = 'QNI'`);
    [{ id: dng }] = await q(`SELECT id FROM org_unit WHERE kind = 'province' AND code <> 'QNI'`);
    const engine = new RecomputeEngine(db.dataSource, { now: () => new Date('2023-11-15T00:00:00Z') });
    for (const provinceId of [qni, dng]) await engine.recompute({ provinceId, asOf: AS_OF, trigger: 'test' });
    cache = new SummaryCache(db.dataSource, loadConfig({ DATABASE_URL: db.url, SUMMARY_CACHE_MB: '8' }));
  });
  afterAll(() => db?.drop());

  it('serves the same entry again while the province is unchanged, with its answers serialised once', async () => {
    const first = await get();
    expect(first.summary.computedAt).not.toBeNull();
    const answer = first.answer(1, 50);
    const { kpis: _kpis, ...rest } = JSON.parse(JSON.stringify(first.summary));
    // Pages list the KPIs with targets first (kpiPage); 50 a page holds them all.
    const kpis = JSON.parse(JSON.stringify(kpiPage(first.summary.kpis, 1, 50).items));
    expect(kpis).toHaveLength(first.summary.kpis.length);
    expect(JSON.parse(answer.body.toString())).toEqual({
      ...rest,
      kpis,
      kpiPage: { page: 1, pageSize: 50, total: kpis.length },
      pendingJob: null,
    });
    expect(answer.etag).toMatch(/^"[\w-]{27}"$/);
    expect(await get()).toBe(first);
    expect(first.answer(1, 50)).toBe(answer);
    const second = first.answer(2, 4);
    expect(JSON.parse(second.body.toString()).kpis).toEqual(kpis.slice(4, 8));
    expect(second.etag).not.toBe(answer.etag);
  });

  it('reads the stamps of requests that arrive together in one query, each its own', async () => {
    const [{ code: dngCode }] = await q(`SELECT code FROM org_unit WHERE id = $1`, [dng]);
    const queries = jest.spyOn(db.dataSource, 'query');
    try {
      const [a, b, none, again] = await Promise.all([
        cache.stampOf('QNI'),
        cache.stampOf(dngCode),
        cache.stampOf('KHONG-CO'),
        cache.stampOf('QNI'),
      ]);
      expect(queries).toHaveBeenCalledTimes(1);
      expect([a?.provinceId, b?.provinceId, none, again]).toEqual([qni, dng, null, a]);
    } finally {
      queries.mockRestore();
    }
  });

  it('reads again after a committed change to the plan, a status, a KPI comparison or an indicator', async () => {
    const changes = [
      `UPDATE goal SET title = title || ' (sửa)' WHERE id = (SELECT g.id FROM goal g JOIN document d ON d.id = g.document_id WHERE d.province_id = $1 ORDER BY g.code LIMIT 1)`,
      `UPDATE goal_status SET colour = CASE WHEN colour = 'red' THEN 'green' ELSE 'red' END WHERE org_unit_id = $1 AND as_of = '${AS_OF}' AND goal_id = (SELECT goal_id FROM goal_status WHERE org_unit_id = $1 ORDER BY goal_id LIMIT 1)`,
      `UPDATE kpi_comparison SET value = value + 1 WHERE org_unit_id = $1`,
      `UPDATE indicator SET unit = unit || ' ' WHERE id = (SELECT indicator_id FROM kpi_comparison WHERE org_unit_id = $1 AND period_end <= '${AS_OF}' ORDER BY 1 LIMIT 1)`,
      `DELETE FROM rollup WHERE province_id = $1 AND scope_kind = 'goal_group' AND scope_id = (SELECT scope_id FROM rollup WHERE province_id = $1 AND scope_kind = 'goal_group' ORDER BY 1 LIMIT 1)`,
    ];
    for (const sql of changes) {
      const before = await get();
      const result = await q(sql, [qni]);
      expect(result[1] ?? result.length).toBeGreaterThan(0); // the statement changed a row
      const after = await get();
      expect(after).not.toBe(before);
      expect({ sql, same: after.answer(1, 50).body.equals(before.answer(1, 50).body) }).toEqual({ sql, same: false });
      expect(after.answer(1, 50).etag).not.toBe(before.answer(1, 50).etag);
      expect(await get()).toBe(after);
    }
  });

  it("reads again after a DTI table re-import that changes only ranks: a DTI-fed indicator shows the table's new rank", async () => {
    const dtiScore = (s: Awaited<ReturnType<typeof get>>) => s.summary.kpis.find((k) => k.indicator.code === 'dti-diem')!;
    const before = await get();
    expect(dtiScore(before)).toMatchObject({ period: '2022', rank: { rank: 3, of: 63 } });
    const table = readFileSync(join(DTI_DIRECTORY, '2022-provinces.csv'), 'utf8');
    // TP. Hồ Chí Minh and Quảng Ninh swap places; every score stays as it was.
    const swapped = table.replace(/^(HCM,[^,]*,"[^"]*"),2,/m, '$1,3,').replace(/^(QNI,[^,]*,"[^"]*"),3,/m, '$1,2,');
    expect(swapped.split('\n').filter((line, i) => line !== table.split('\n')[i])).toHaveLength(2);
    const scores = `SELECT o.period, o.value::text FROM observation o JOIN indicator i ON i.id = o.indicator_id WHERE i.code = 'dti-diem' AND o.org_unit_id = $1 ORDER BY 1`;
    const scoresBefore = await q(scores, [qni]);
    await importDti(db.dataSource, Buffer.from(swapped, 'utf8'), { year: 2022, group: 'provinces', source: '2022-provinces.csv' });
    expect(await q(scores, [qni])).toEqual(scoresBefore);
    const after = await get();
    expect(after).not.toBe(before);
    expect(dtiScore(after)).toMatchObject({ period: '2022', value: dtiScore(before).value, rank: { rank: 2, of: 63 } });
    expect(after.answer(1, 50).etag).not.toBe(before.answer(1, 50).etag);
    expect(await get()).toBe(after);
  });

  it('keeps serving while another province changes, and while a change is not committed yet', async () => {
    const kept = await get();
    await q(`UPDATE document SET title = title || ' (sửa)' WHERE province_id = $1`, [dng]);
    expect(await get()).toBe(kept);

    const runner = db.dataSource.createQueryRunner();
    await runner.connect();
    try {
      await runner.startTransaction();
      await runner.query(`UPDATE document SET title = 'Chưa lưu' WHERE province_id = $1`, [qni]);
      expect(await get()).toBe(kept); // not committed: nothing to see yet
      await runner.commitTransaction();
    } finally {
      await runner.release();
    }
    const after = await get();
    expect(after).not.toBe(kept);
    expect(after.summary.documents.map((d) => d.title)).toEqual(after.summary.documents.map(() => 'Chưa lưu'));
  });

  it('moves the stamp for a change to any table the summary reads', async () => {
    // The summary's reader and the DTI ranks it reads through (readProvinceDtiRanks).
    const source = ['libs/status-engine/src/summary/province-summary.reader.ts', 'libs/db/src/dti/dti-figures.reader.ts']
      .map((file) => readFileSync(join(REPO, file), 'utf8'))
      .join('\n');
    // Tables named in its SQL (and the two group tables, named as arguments of its `groups` helper).
    const read = new Set(
      [...source.matchAll(/\b(?:FROM|JOIN)\s+([a-z_]+)|groups\('([a-z_]+)'\)/g)]
        .map((m) => m[1] ?? m[2])
        .filter((t) => t !== 'summary_stamp'),
    );
    expect([...read].sort()).toEqual(Object.keys(SUMMARY_STAMP_SOURCES).sort());
    const stamps = async () => JSON.stringify(await q(`SELECT province_id, version FROM summary_stamp ORDER BY 1`));
    for (const table of Object.keys(SUMMARY_STAMP_SOURCES)) {
      const before = await stamps();
      const [{ count }] = await q(`SELECT count(*)::int AS count FROM ${table}`);
      expect(count).toBeGreaterThan(0);
      // Rewriting one row as it is still makes a new row version, so its province's stamp must move.
      const [{ column }] = await q(
        `SELECT column_name AS column FROM information_schema.columns WHERE table_schema = 'public' AND table_name = $1 ORDER BY ordinal_position LIMIT 1`,
        [table],
      );
      await q(`UPDATE ${table} SET "${column}" = "${column}" WHERE ctid = (SELECT ctid FROM ${table} LIMIT 1)`);
      expect(await stamps()).not.toBe(before);
    }
  });

  it('keeps nothing with SUMMARY_CACHE_MB=0, and nothing not computed yet', async () => {
    const off = new SummaryCache(db.dataSource, loadConfig({ DATABASE_URL: db.url, SUMMARY_CACHE_MB: '0' }));
    const a = await read(off);
    expect(await read(off)).not.toBe(a);
    const uncomputed = await read(cache, '2020-01-01');
    expect(uncomputed.summary.computedAt).toBeNull();
    expect(await read(cache, '2020-01-01')).not.toBe(uncomputed);
    expect(await cache.stampOf('XYZ')).toBeNull();
  });
});
