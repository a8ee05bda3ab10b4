import { EntityManager } from 'typeorm';
import { canonicalOrNull, dtiFigureOf, parseDtiFigure, parsePeriod } from '@dx/domain';
import { linkDtiResults } from './dti-links';

/** Who entered the observations copied from DTI results: plan imports and exports leave these alone. */
export const DTI_ACTOR = 'dti';

interface Binding {
  province_id: string;
  indicator_id: string;
  dti_figure: string;
}

interface Result {
  org_unit_id: string;
  year: number;
  score: string | null;
  rank: number | null;
  pillars: Record<string, { score: string | null; rank: number | null }>;
  indices: Record<string, { score: string | null; rank: number | null }>;
  source: string;
}

/**
 * Brings the observations of indicators fed from the DTI (`indicator.dti_figure`) in line
 * with the stored provincial results: one yearly observation per province, indicator and
 * DTI year, entered by `dti`; stale ones are removed. Provinces whose values changed get
 * an outbox row, so their goals (e.g. "top 3 by 2025") are evaluated again. Rows of the
 * tables imported before their province existed are linked to it first. Runs in the
 * caller's transaction, for one province (a plan import) or every one (a DTI import);
 * returns how many observations changed.
 */
export async function syncDtiObservations(
  m: EntityManager,
  provinceId: string | null = null,
): Promise<{ created: number; updated: number; removed: number }> {
  await linkDtiResults(m);
  const bindings: Binding[] = await m.query(
    `SELECT pi.province_id, i.id AS indicator_id, i.dti_figure
       FROM indicator i JOIN province_indicator pi ON pi.indicator_id = i.id
      WHERE i.dti_figure IS NOT NULL AND ($1::uuid IS NULL OR pi.province_id = $1)`,
    [provinceId],
  );
  const results: Result[] = await m.query(
    `SELECT org_unit_id, year, score::text AS score, rank, pillars, indices, source FROM dti_result
      WHERE "group" = 'provinces' AND org_unit_id IS NOT NULL AND ($1::uuid IS NULL OR org_unit_id = $1)`,
    [provinceId],
  );
  const byProvince = new Map<string, Result[]>();
  for (const r of results) byProvince.set(r.org_unit_id, [...(byProvince.get(r.org_unit_id) ?? []), r]);

  const wanted = new Map<string, { provinceId: string; indicatorId: string; period: string; value: string; source: string }>();
  for (const b of bindings) {
    const figure = parseDtiFigure(b.dti_figure)!;
    for (const r of byProvince.get(b.province_id) ?? []) {
      const { value } = dtiFigureOf(figure, r);
      if (value === null) continue;
      const period = String(r.year);
      wanted.set(`${b.indicator_id}|${b.province_id}|${period}`, {
        provinceId: b.province_id,
        indicatorId: b.indicator_id,
        period,
        value,
        source: `DTI ${r.year} (${r.source})`,
      });
    }
  }
  const existing: { id: string; indicator_id: string; org_unit_id: string; period: string; value: string | null; source: string }[] =
    await m.query(
      `SELECT id, indicator_id, org_unit_id, period, value::text AS value, source FROM observation
      WHERE entered_by = $1 AND ($2::uuid IS NULL OR org_unit_id = $2)`,
      [DTI_ACTOR, provinceId],
    );
  const changed = new Set<string>();
  const counts = { created: 0, updated: 0, removed: 0 };
  for (const o of existing) {
    const key = `${o.indicator_id}|${o.org_unit_id}|${o.period}`;
    const want = wanted.get(key);
    wanted.delete(key);
    if (!want) {
      await m.query(`DELETE FROM observation WHERE id = $1`, [o.id]);
      counts.removed++;
    } else if (canonicalOrNull(o.value) !== want.value || o.source !== want.source) {
      await m.query(
        `UPDATE observation SET value = $2, source = $3, entered_at = now(), updated_at = now(), version = version + 1 WHERE id = $1`,
        [o.id, want.value, want.source],
      );
      counts.updated++;
    } else continue;
    changed.add(o.org_unit_id);
  }
  for (const w of wanted.values()) {
    const period = parsePeriod(w.period)!;
    await m.query(
      `INSERT INTO observation (id, indicator_id, org_unit_id, period, period_kind, period_start, period_end, value, source, note, entered_by, entered_at, position, version)
       VALUES (gen_random_uuid(), $1, $2, $3, $4, $5, $6, $7, $8, 'Lấy từ kết quả DTI đã nhập', $9, now(), 0, 1)
       ON CONFLICT (indicator_id, org_unit_id, period, source) DO UPDATE SET value = excluded.value, entered_by = excluded.entered_by, entered_at = now()`,
      [w.indicatorId, w.provinceId, period.code, period.kind, period.start, period.end, w.value, w.source, DTI_ACTOR],
    );
    counts.created++;
    changed.add(w.provinceId);
  }
  for (const provinceId of changed) await m.query(`INSERT INTO outbox (province_id, reason) VALUES ($1, 'dti')`, [provinceId]);
  return counts;
}
