import { DataSource, EntityManager } from 'typeorm';
import type { IndicatorKind, ObservationFigures } from '@dx/domain';
import type { ObservationRow, ObservationTarget } from './observation.repository';

/** A stored KPI value with what checking a correction needs: its indicator's unit, kind and scale, its province and agency. */
export interface StoredObservation extends ObservationRow {
  target: ObservationTarget;
  indicatorName: string;
  unit: string;
}

/** A correction of a stored value: new figures and note (its indicator, agency, period and source stay). */
export interface ObservationCorrection extends ObservationFigures {
  note: string | null;
  enteredBy: string;
}

const COLUMNS = `o.id, i.code AS indicator, p.code AS province, u.code AS org, o.period, trim_scale(o.value)::text AS value,
       trim_scale(o.numerator)::text AS numerator, trim_scale(o.denominator)::text AS denominator, o.source, o.note,
       o.entered_by AS "enteredBy", o.entered_at AS "enteredAt", o.version`;

/** One KPI value by id: read, corrected or removed (the services check rights and versions in the same transaction). */
export class ObservationEditRepository {
  constructor(private readonly db: DataSource | EntityManager) {}

  /** The same repository on a transaction's manager: its queries run in that transaction. */
  withTransaction(manager: EntityManager): ObservationEditRepository {
    return new ObservationEditRepository(manager);
  }

  /** The value with id `id`, or null; `lock`: locked until the transaction ends (FOR UPDATE). */
  async findById(id: string, lock = false): Promise<StoredObservation | null> {
    const [row] = await this.db.query(
      `SELECT ${COLUMNS}, i.id AS "indicatorId", i.kind, trim_scale(i.scale)::text AS scale, i.unit, p.id AS "provinceId", u.id AS "orgUnitId",
              coalesce((SELECT pi.name FROM province_indicator pi WHERE pi.indicator_id = i.id AND pi.province_id = p.id), i.name) AS "indicatorName"
         FROM observation o JOIN indicator i ON i.id = o.indicator_id JOIN org_unit u ON u.id = o.org_unit_id
         JOIN org_unit p ON p.id = u.province_id
        WHERE o.id = $1${lock ? ' FOR UPDATE OF o' : ''}`,
      [id],
    );
    if (!row) return null;
    const { indicatorId, kind, scale, provinceId, orgUnitId, ...stored } = row as ObservationRow &
      Record<'indicatorId' | 'scale' | 'provinceId' | 'orgUnitId' | 'unit' | 'indicatorName', string> & { kind: IndicatorKind };
    return {
      ...stored,
      target: {
        indicatorId,
        indicatorCode: stored.indicator,
        indicatorName: stored.indicatorName,
        unit: stored.unit,
        kind,
        scale,
        provinceId,
        orgUnitId,
        orgUnitCode: stored.org,
      },
    };
  }

  /** New figures and note for a locked row; returns the row after (version + 1). */
  async correct(id: string, c: ObservationCorrection): Promise<ObservationRow> {
    await this.db.query(
      `UPDATE observation SET value = $2, numerator = $3, denominator = $4, note = $5, entered_by = $6, entered_at = now(), import_run_id = NULL,
              version = version + 1, updated_at = now()
        WHERE id = $1`,
      [id, c.value, c.numerator, c.denominator, c.note, c.enteredBy],
    );
    const [after] = await this.db.query(
      `SELECT ${COLUMNS} FROM observation o JOIN indicator i ON i.id = o.indicator_id JOIN org_unit u ON u.id = o.org_unit_id
         JOIN org_unit p ON p.id = u.province_id WHERE o.id = $1`,
      [id],
    );
    return after;
  }

  /** Removes a locked row. */
  async remove(id: string): Promise<void> {
    await this.db.query(`DELETE FROM observation WHERE id = $1`, [id]);
  }
}
