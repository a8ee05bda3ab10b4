import { DataSource, EntityManager } from 'typeorm';
import { viPeriodLabel, type AuditLogEntry, type Principal } from '@dx/domain';

/** Where a write came from, as the API saw it. */
export interface RequestMeta {
  ip: string | null;
  requestId: string | null;
}

export interface AuditEntry {
  actor: Pick<Principal, 'userId' | 'username'> | null;
  /** Who, when there is no account: `cli`, `import`. */
  actorLabel?: string;
  meta: RequestMeta | null;
  action: string;
  entityKind: string;
  entityId: string | null;
  provinceId: string | null;
  before: unknown;
  after: unknown;
  /** When the change happened, for appendMany (an import records its own time); default: the transaction's time. */
  at?: Date;
}

/** A recompute a write queues (a row of the outbox, relayed to the queue by the worker). */
export interface OutboxEntry {
  provinceId: string;
  reason: string;
  /** The write cannot change a KPI: no KPI pass (the row is born KPI-processed). */
  kpiDone?: boolean;
  /** An observation's: the KPI pass redoes only what depends on it. */
  indicatorId?: string;
  orgUnitId?: string;
  period?: string;
}

export interface AuditFilter {
  /** null: every province (admins). */
  provinceId: string | null;
  entityKind?: string;
  entityId?: string;
  /** Entries at or after this day's start, Asia/Ho_Chi_Minh (YYYY-MM-DD). */
  from?: string;
  /** Entries up to this day's end, Asia/Ho_Chi_Minh (YYYY-MM-DD). */
  to?: string;
  /** Who: part of the account name, any case. */
  actor?: string;
  offset: number;
  limit: number;
}

/** An indicator's name as the entry's province words it (its plan file), else as first recorded. */
const indicatorName = (code: string) =>
  `coalesce((SELECT pi.name FROM indicator i JOIN province_indicator pi ON pi.indicator_id = i.id AND pi.province_id = a.province_id
              WHERE i.code = ${code}), (SELECT i.name FROM indicator i WHERE i.code = ${code}))`;

/**
 * The item an entry is about as a person names it: a task's code and title; a KPI value's indicator code and name, its
 * agency and period (from the entry itself, so a removed value keeps its name); a submission's task or value; a
 * directive's target code and text; a report schedule's document; a province's code and name.
 */
const ENTITY_LABEL = `CASE a.entity_kind
    WHEN 'task' THEN (SELECT t.code || ' — ' || t.title FROM task t WHERE t.id = a.entity_id)
    WHEN 'observation' THEN (SELECT j->>'indicator' || coalesce(' — ' || ${indicatorName("j->>'indicator'")}, '')
                                    || coalesce(' · ' || (j->>'org'), '') || coalesce(' · kỳ ' || (j->>'period'), ''))
    WHEN 'submission' THEN coalesce(
      (SELECT t.code || ' — ' || t.title FROM task t WHERE t.id = (j->'task'->>'id')::uuid),
      (SELECT (j->'payload'->>'indicator') || coalesce(' — ' || ${indicatorName("j->'payload'->>'indicator'")}, '')
              || coalesce(' · kỳ ' || (j->'payload'->>'period'), '')))
    WHEN 'directive' THEN coalesce((j->>'targetCode') || ' — ', '') || left(j->>'body', 80)
    WHEN 'report_schedule' THEN coalesce(
      (SELECT d.code || ' — ' || d.title FROM document d WHERE d.code = j->>'document' AND d.province_id = a.province_id), j->>'document')
    WHEN 'province' THEN (SELECT p.code || ' — ' || p.name FROM org_unit p WHERE p.id = a.entity_id)
    ELSE NULL END`;

/**
 * The statement part that writes an audit entry and, with `outbox`, the outbox row of the recompute it needs: CTEs
 * (`audit`, `queued`) to follow `WITH` or another CTE, their parameters numbered from `first`. With `source` (a CTE
 * of the same statement), one entry and row for each row it yields, none when it yields none: a write and its log in
 * one statement.
 */
export function auditStatement(
  e: AuditEntry,
  outbox: OutboxEntry | undefined,
  first: number,
  source?: string,
): { ctes: string; params: unknown[] } {
  const $ = (i: number) => `$${first + i}`;
  const from = source ? ` FROM ${source}` : '';
  const params: unknown[] = [
    e.actor?.userId ?? null,
    e.actor?.username ?? e.actorLabel ?? 'system',
    e.meta?.ip ?? null,
    e.meta?.requestId ?? null,
    e.action,
    e.entityKind,
    e.entityId,
    e.provinceId,
    e.before === undefined ? null : JSON.stringify(e.before),
    e.after === undefined ? null : JSON.stringify(e.after),
  ];
  let ctes = `audit AS (
    INSERT INTO audit_log (actor_id, actor, ip, request_id, action, entity_kind, entity_id, province_id, before, after)
    SELECT ${$(0)}::uuid, ${$(1)}::text, ${$(2)}::text, ${$(3)}::text, ${$(4)}::text, ${$(5)}::text, ${$(6)}::uuid, ${$(7)}::uuid, ${$(8)}::jsonb, ${$(9)}::jsonb${from})`;
  if (outbox) {
    params.push(
      outbox.provinceId,
      outbox.reason,
      outbox.kpiDone ?? false,
      outbox.indicatorId ?? null,
      outbox.orgUnitId ?? null,
      outbox.period ?? null,
    );
    ctes += `,
  queued AS (
    INSERT INTO outbox (province_id, reason, kpi_processed_at, indicator_id, org_unit_id, period)
    SELECT ${$(10)}::uuid, ${$(11)}::text, CASE WHEN ${$(12)}::boolean THEN now() END, ${$(13)}::uuid, ${$(14)}::uuid, ${$(15)}::text${from})`;
  }
  return { ctes, params };
}

/**
 * The append-only audit log: this class only inserts and reads (the table's trigger
 * refuses UPDATE, DELETE and TRUNCATE anyway). Entries are written with the change, in
 * its transaction.
 */
export class AuditRepository {
  constructor(private readonly db: DataSource | EntityManager) {}

  /** The same repository on a transaction's manager: its queries run in that transaction. */
  withTransaction(manager: EntityManager): AuditRepository {
    return new AuditRepository(manager);
  }

  /**
   * One entry. With `outbox`, the same statement queues the recompute the write needs (an
   * outbox row): one round trip for both, which every write makes anyway.
   */
  async append(e: AuditEntry, outbox?: OutboxEntry): Promise<void> {
    const { ctes, params } = auditStatement(e, outbox, 1);
    await this.db.query(`WITH ${ctes} SELECT 1`, params);
  }

  /** Many entries in one statement (bulk writes). */
  async appendMany(entries: AuditEntry[]): Promise<void> {
    if (!entries.length) return;
    await this.db.query(
      `INSERT INTO audit_log (at, actor_id, actor, ip, request_id, action, entity_kind, entity_id, province_id, before, after)
       SELECT coalesce(at, now()), actor_id, actor, ip, request_id, action, entity_kind, entity_id, province_id, before, after
         FROM jsonb_to_recordset($1::jsonb) AS r(at timestamptz, actor_id uuid, actor text, ip text, request_id text, action text, entity_kind text,
                                                  entity_id uuid, province_id uuid, before jsonb, after jsonb)`,
      [
        JSON.stringify(
          entries.map((e) => ({
            at: e.at ?? null,
            actor_id: e.actor?.userId ?? null,
            actor: e.actor?.username ?? e.actorLabel ?? 'system',
            ip: e.meta?.ip ?? null,
            request_id: e.meta?.requestId ?? null,
            action: e.action,
            entity_kind: e.entityKind,
            entity_id: e.entityId,
            province_id: e.provinceId,
            before: e.before ?? null,
            after: e.after ?? null,
          })),
        ),
      ],
    );
  }

  async list(f: AuditFilter): Promise<{ rows: AuditLogEntry[]; total: number }> {
    const where = `($1::uuid IS NULL OR province_id = $1) AND ($2::text IS NULL OR entity_kind = $2) AND ($3::uuid IS NULL OR entity_id = $3)
      AND ($4::date IS NULL OR at >= ($4::date)::timestamp AT TIME ZONE 'Asia/Ho_Chi_Minh')
      AND ($5::date IS NULL OR at < ($5::date + 1)::timestamp AT TIME ZONE 'Asia/Ho_Chi_Minh')
      AND ($6::text IS NULL OR actor ILIKE '%' || replace(replace(replace($6, '\\', '\\\\'), '%', '\\%'), '_', '\\_') || '%')`;
    const params = [f.provinceId, f.entityKind ?? null, f.entityId ?? null, f.from ?? null, f.to ?? null, f.actor ?? null];
    // Ordered by audit_log.id: a bare `id` names the output column id::text, which sorted '9' after '10'.
    const rows = await this.db.query(
      `SELECT a.id::text, a.at, a.actor, a.actor_id AS "actorId", a.ip, a.request_id AS "requestId", a.action, a.entity_kind AS "entityKind",
              a.entity_id AS "entityId", ${ENTITY_LABEL} AS "entityLabel", a.before, a.after
         FROM (SELECT * FROM audit_log WHERE ${where} ORDER BY audit_log.id DESC OFFSET $7 LIMIT $8) a
         CROSS JOIN LATERAL (SELECT coalesce(nullif(a.after, 'null'::jsonb), a.before) AS j) x
        ORDER BY a.id DESC`,
      [...params, f.offset, f.limit],
    );
    const [{ total }] = await this.db.query(`SELECT count(*)::int AS total FROM audit_log WHERE ${where}`, params);
    // The label's period by its Vietnamese name (`Quý IV/2023`, `Năm 2023`), as every page shows periods.
    const named = (label: string | null) =>
      label?.replace(/kỳ (\d{4}(?:-[0-9A-Za-z-]+)?)/, (_, code: string) => viPeriodLabel(code)) ?? null;
    return { rows: rows.map((r: AuditLogEntry) => ({ ...r, entityLabel: named(r.entityLabel) })), total };
  }
}
