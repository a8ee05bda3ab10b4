import { DataSource, EntityManager } from 'typeorm';
import { OBSERVATION_LIST_SORTS } from '@dx/domain';
import type { IndicatorKind, ObservationFigures, ObservationListSort, Period, TrackedIndicator } from '@dx/domain';

export interface ObservationTarget {
  indicatorId: string;
  indicatorCode: string;
  indicatorName: string;
  unit: string;
  kind: IndicatorKind;
  scale: string | null;
  provinceId: string;
  orgUnitId: string;
  orgUnitCode: string;
}

/** What a reporter enters for one value: the figures, where they come from, a note. */
interface ObservationEntry extends ObservationFigures {
  source: string | null;
  note: string | null;
  enteredBy: string;
}

export interface ObservationRow extends ObservationEntry {
  id: string;
  indicator: string;
  province: string;
  org: string;
  period: string;
  enteredAt: Date;
  version: number;
}

export interface ObservationWrite extends ObservationEntry {
  period: Period;
}

export const OBSERVATION_SORTS = OBSERVATION_LIST_SORTS;
export type ObservationSort = ObservationListSort;
const ORDER: Record<ObservationSort, string> = {
  indicator: 'i.code, o.period_start DESC, o.period_end, u.code, o.source NULLS FIRST',
  period: 'o.period_start, o.period_end, u.code, o.source NULLS FIRST',
  '-period': 'o.period_start DESC, o.period_end DESC, u.code, o.source NULLS FIRST',
  org: 'u.code, o.period_start, o.source NULLS FIRST',
  '-entered': 'o.entered_at DESC, o.id',
};

const COLUMNS = `o.id, i.code AS indicator, p.code AS province, u.code AS org, o.period, trim_scale(o.value)::text AS value,
                       trim_scale(o.numerator)::text AS numerator, trim_scale(o.denominator)::text AS denominator, o.source, o.note,
                       o.entered_by AS "enteredBy", o.entered_at AS "enteredAt", o.version`;
const FROM = `FROM observation o JOIN indicator i ON i.id = o.indicator_id JOIN org_unit u ON u.id = o.org_unit_id
                  JOIN org_unit p ON p.id = u.province_id`;
const SELECT = `SELECT ${COLUMNS} ${FROM}`;
/** A listed value also names its indicator (as the province's plan words it) and unit. */
const LIST_SELECT = `SELECT ${COLUMNS}, i.unit, coalesce((SELECT pi.name FROM province_indicator pi WHERE pi.indicator_id = i.id AND pi.province_id = p.id), i.name)
                            AS "indicatorName" ${FROM}`;

/** KPI values as the API reads and writes them. */
export class ObservationRepository {
  constructor(private readonly db: DataSource | EntityManager) {}

  /** The same repository on a transaction's manager: its queries run in that transaction. */
  withTransaction(manager: EntityManager): ObservationRepository {
    return new ObservationRepository(manager);
  }

  /**
   * The indicator (tracked by the province: its file names it) and org unit (the
   * province itself or one of its agencies) a value is for; null parts when unknown.
   */
  async resolveTarget(
    indicatorCode: string,
    provinceCode: string,
    orgCode: string | null,
  ): Promise<{
    indicator: boolean;
    province: string | null;
    target: ObservationTarget | null;
  }> {
    const [province] = await this.db.query(`SELECT id FROM org_unit WHERE kind = 'province' AND code = $1`, [provinceCode]);
    const [indicator] = await this.db.query(
      `SELECT i.id, i.code, COALESCE(pi.name, i.name) AS name, i.unit, i.kind, i.scale::text AS scale
         FROM indicator i LEFT JOIN province_indicator pi ON pi.indicator_id = i.id AND pi.province_id = $2
        WHERE i.code = $1 AND ($2::uuid IS NULL OR pi.province_id IS NOT NULL)`,
      [indicatorCode, province?.id ?? null],
    );
    if (!province || !indicator) return { indicator: Boolean(indicator), province: province?.id ?? null, target: null };
    const [org] = await this.db.query(`SELECT id, code FROM org_unit WHERE province_id = $1 AND code = $2`, [
      province.id,
      orgCode ?? provinceCode,
    ]);
    if (!org) return { indicator: true, province: province.id, target: null };
    return {
      indicator: true,
      province: province.id,
      target: {
        indicatorId: indicator.id,
        indicatorCode: indicator.code,
        indicatorName: indicator.name,
        unit: indicator.unit,
        kind: indicator.kind,
        scale: indicator.scale,
        provinceId: province.id,
        orgUnitId: org.id,
        orgUnitCode: org.code,
      },
    };
  }

  async find(target: ObservationTarget, period: string, source: string | null): Promise<ObservationRow | null> {
    const [row] = await this.db.query(
      `${SELECT} WHERE o.indicator_id = $1 AND o.org_unit_id = $2 AND o.period = $3 AND o.source IS NOT DISTINCT FROM $4 FOR UPDATE OF o`,
      [target.indicatorId, target.orgUnitId, period, source],
    );
    return row ?? null;
  }

  /**
   * Inserts or replaces the value of (indicator, org unit, period, source); returns the row
   * this write replaced (null when it created it) and the row after. A new key is inserted
   * first, so a concurrent writer of the same key waits for it and then replaces it; an
   * existing row is locked before it is read. Either way `before` is exactly what this write
   * replaced, and exactly one writer of a key creates it.
   */
  async write(target: ObservationTarget, w: ObservationWrite): Promise<{ before: ObservationRow | null; after: ObservationRow }> {
    const [created] = await this.db.query(
      `INSERT INTO observation (indicator_id, org_unit_id, period, period_kind, period_start, period_end, value, numerator, denominator,
                                source, note, entered_by, entered_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, now())
       ON CONFLICT ON CONSTRAINT observation_uq DO NOTHING RETURNING id`,
      [
        target.indicatorId,
        target.orgUnitId,
        w.period.code,
        w.period.kind,
        w.period.start,
        w.period.end,
        w.value,
        w.numerator,
        w.denominator,
        w.source,
        w.note,
        w.enteredBy,
      ],
    );
    const before = created ? null : await this.find(target, w.period.code, w.source);
    if (before) {
      await this.db.query(
        `UPDATE observation SET value = $2, numerator = $3, denominator = $4, note = $5, entered_by = $6, entered_at = now(), import_run_id = NULL,
                version = version + 1, updated_at = now()
          WHERE id = $1`,
        [before.id, w.value, w.numerator, w.denominator, w.note, w.enteredBy],
      );
    }
    const [after] = await this.db.query(`${SELECT} WHERE o.id = $1`, [created?.id ?? before!.id]);
    return { before, after };
  }

  /**
   * Inserts or replaces many values in three statements: the new keys inserted, the other
   * rows locked and read (their earlier figures), then updated; returns each row's id,
   * whether it was created, and its earlier figures. Keys must be distinct (the caller
   * rejects duplicates within an upload). Rows are inserted and locked in key order, whatever
   * the order of the upload, so concurrent uploads of the same rows wait for each other
   * instead of deadlocking; as in `write`, the earlier figures are exactly those replaced.
   */
  async upsertMany(rows: { target: ObservationTarget; write: ObservationWrite }[]): Promise<
    {
      id: string;
      created: boolean;
      before: { value: string | null; numerator: string | null; denominator: string | null; note: string | null } | null;
    }[]
  > {
    const records = rows.map(({ target, write: w }, i) => ({
      i,
      indicator_id: target.indicatorId,
      org_unit_id: target.orgUnitId,
      period: w.period.code,
      period_kind: w.period.kind,
      period_start: w.period.start,
      period_end: w.period.end,
      value: w.value,
      numerator: w.numerator,
      denominator: w.denominator,
      source: w.source,
      note: w.note,
      entered_by: w.enteredBy,
    }));
    const recordset = `jsonb_to_recordset($1::jsonb) AS r(i int, indicator_id uuid, org_unit_id uuid, period text, period_kind text, period_start date,
                         period_end date, value numeric, numerator numeric, denominator numeric, source text, note text, entered_by text)`;
    const keyOrder = 'r.indicator_id, r.org_unit_id, r.period, r.source NULLS FIRST';
    const matches =
      'o.indicator_id = r.indicator_id AND o.org_unit_id = r.org_unit_id AND o.period = r.period AND o.source IS NOT DISTINCT FROM r.source';
    const json = JSON.stringify(records);
    const created: { i: number; id: string }[] = await this.db.query(
      `WITH inserted AS (
         INSERT INTO observation (indicator_id, org_unit_id, period, period_kind, period_start, period_end, value, numerator, denominator,
                                  source, note, entered_by, entered_at)
         SELECT indicator_id, org_unit_id, period, period_kind, period_start, period_end, value, numerator, denominator, source, note, entered_by, now()
           FROM ${recordset} ORDER BY ${keyOrder}
         ON CONFLICT ON CONSTRAINT observation_uq DO NOTHING
         RETURNING id, indicator_id, org_unit_id, period, source
       )
       SELECT r.i, o.id FROM inserted o JOIN ${recordset} ON ${matches}`,
      [json],
    );
    const createdAt = new Set(created.map((c) => c.i));
    const rest = JSON.stringify(records.filter((r) => !createdAt.has(r.i)));
    const before: {
      i: number;
      id: string;
      value: string | null;
      numerator: string | null;
      denominator: string | null;
      note: string | null;
    }[] = await this.db.query(
      `SELECT r.i, o.id, trim_scale(o.value)::text AS value, trim_scale(o.numerator)::text AS numerator, trim_scale(o.denominator)::text AS denominator, o.note
         FROM ${recordset} JOIN observation o ON ${matches}
        ORDER BY ${keyOrder} FOR UPDATE OF o`,
      [rest],
    );
    await this.db.query(
      `UPDATE observation o SET value = r.value, numerator = r.numerator, denominator = r.denominator, note = r.note, entered_by = r.entered_by,
              entered_at = now(), import_run_id = NULL, version = o.version + 1, updated_at = now()
         FROM ${recordset} WHERE ${matches}`,
      [rest],
    );
    const ids = new Map([...created, ...before].map((r) => [r.i, r.id]));
    const earlier = new Map(before.map(({ i, id: _id, ...figures }) => [i, figures]));
    return records.map((r) => ({ id: ids.get(r.i)!, created: createdAt.has(r.i), before: earlier.get(r.i) ?? null }));
  }

  /** One outbox row per (indicator, org unit, period) written: the KPI pass redoes only what depends on them. */
  async queueKpiPasses(written: { target: ObservationTarget; period: Period }[]): Promise<void> {
    await this.db.query(
      `INSERT INTO outbox (province_id, indicator_id, org_unit_id, period, reason)
       SELECT DISTINCT province_id, indicator_id, org_unit_id, period, 'observation'
         FROM jsonb_to_recordset($1::jsonb) AS r(province_id uuid, indicator_id uuid, org_unit_id uuid, period text)`,
      [
        JSON.stringify(
          written.map((v) => ({
            province_id: v.target.provinceId,
            indicator_id: v.target.indicatorId,
            org_unit_id: v.target.orgUnitId,
            period: v.period.code,
          })),
        ),
      ],
    );
  }

  async list(
    f: { provinceId: string; indicatorCode?: string; orgCode?: string; period?: string },
    page: { offset: number; limit: number; sort: ObservationSort },
  ): Promise<{ rows: (ObservationRow & { unit: string; indicatorName: string })[]; total: number }> {
    const where = `u.province_id = $1 AND ($2::text IS NULL OR i.code = $2) AND ($3::text IS NULL OR u.code = $3) AND ($4::text IS NULL OR o.period = $4)`;
    const params = [f.provinceId, f.indicatorCode ?? null, f.orgCode ?? null, f.period ?? null];
    const rows = await this.db.query(`${LIST_SELECT} WHERE ${where} ORDER BY ${ORDER[page.sort]}, o.id OFFSET $5 LIMIT $6`, [
      ...params,
      page.offset,
      page.limit,
    ]);
    const [{ total }] = await this.db.query(
      `SELECT count(*)::int AS total FROM observation o JOIN indicator i ON i.id = o.indicator_id JOIN org_unit u ON u.id = o.org_unit_id WHERE ${where}`,
      params,
    );
    return { rows, total };
  }
}

/** Shared with the web (the indicator list's items), so declared in libs/domain. */
export type TrackedIndicatorRow = TrackedIndicator;

/** The indicators a province tracks (its file's order), with the national target and the province's latest value. */
export async function trackedIndicators(db: DataSource | EntityManager, provinceId: string): Promise<TrackedIndicatorRow[]> {
  const rows = await db.query(
    `SELECT i.code, pi.name, i.unit, i.kind, trim_scale(i.scale)::text AS scale, i.direction,
            pi.national_target_op AS "ntOp", trim_scale(pi.national_target_value)::text AS "ntValue", pi.national_target_due AS "ntDue",
            pi.national_target_source AS "ntSource", k.period AS "latestPeriod", trim_scale(k.value)::text AS "latestValue",
            (SELECT count(*)::int FROM observation o JOIN org_unit u ON u.id = o.org_unit_id WHERE o.indicator_id = i.id AND u.province_id = $1) AS observations
       FROM province_indicator pi JOIN indicator i ON i.id = pi.indicator_id
       LEFT JOIN LATERAL (SELECT period, value FROM kpi_comparison WHERE indicator_id = i.id AND org_unit_id = $1 ORDER BY period_end DESC LIMIT 1) k ON true
      WHERE pi.province_id = $1 ORDER BY pi.position, i.code`,
    [provinceId],
  );
  return rows.map(({ ntOp, ntValue, ntDue, ntSource, latestPeriod, latestValue, ...r }: Record<string, unknown>) => ({
    ...r,
    nationalTarget: ntOp ? { op: ntOp, value: ntValue, due: ntDue, source: ntSource } : null,
    latest: latestPeriod ? { period: latestPeriod, value: latestValue } : null,
  })) as TrackedIndicatorRow[];
}
