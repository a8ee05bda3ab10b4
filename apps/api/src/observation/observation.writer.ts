import { AuditRepository, ObservationRepository, ObservationRow, ObservationTarget, RequestMeta } from '@dx/db';
import type { ObservationFigures, Period, Principal } from '@dx/domain';

/** A KPI value that passed every check, ready to be stored. */
export interface ObservationValue {
  target: ObservationTarget;
  period: Period;
  figures: ObservationFigures;
  source: string | null;
  note: string | null;
}

/** What a submission keeps of a KPI value: codes, not ids, so it reads on its own. */
export function submissionPayload(v: ObservationValue): Record<string, unknown> {
  return {
    indicator: v.target.indicatorCode,
    org: v.target.orgUnitCode,
    period: v.period.code,
    ...v.figures,
    source: v.source,
    note: v.note,
  };
}

/**
 * Stores a checked KPI value inside the caller's transaction (the repositories are bound to it with
 * withTransaction): the row (inserted or replaced), its audit entry, and the outbox row naming the
 * indicator, org unit and period, so the KPI pass redoes only what depends on them.
 */
export async function writeObservation(
  tx: { observations: ObservationRepository; audit: AuditRepository },
  v: ObservationValue,
  by: { principal: Principal; enteredBy: string; meta: RequestMeta; submissionId?: string },
): Promise<{ before: ObservationRow | null; after: ObservationRow }> {
  const { before, after } = await tx.observations.write(v.target, {
    period: v.period,
    ...v.figures,
    source: v.source,
    note: v.note,
    enteredBy: by.enteredBy,
  });
  await tx.audit.append(
    {
      actor: by.principal,
      meta: by.meta,
      action: `observation.${before ? 'update' : 'create'}${by.submissionId ? '.approved' : ''}`,
      entityKind: 'observation',
      entityId: after.id,
      provinceId: v.target.provinceId,
      before,
      after: { ...after, submission: by.submissionId ?? null },
    },
    {
      provinceId: v.target.provinceId,
      reason: 'observation',
      indicatorId: v.target.indicatorId,
      orgUnitId: v.target.orgUnitId,
      period: v.period.code,
    },
  );
  return { before, after };
}
