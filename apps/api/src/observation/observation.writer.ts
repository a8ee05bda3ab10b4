import { AuditRepository, ObservationRepository, ObservationRow, ObservationTarget, RequestMeta, SubmissionRepository } from '@dx/db';
import type { ObservationFigures, Period, Principal, SubmissionResponse } from '@dx/domain';
import { toSubmissionResponse } from '../submission/submission.response';

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

/**
 * A KPI value (new or corrected) that waits for an officer: the submission carrying `payload` and its audit entry,
 * inside the caller's transaction (the repositories bound to it). Answers the submission as the API shows it.
 */
export async function submitObservation(
  tx: { submissions: SubmissionRepository; audit: AuditRepository },
  provinceId: string,
  payload: Record<string, unknown>,
  by: { principal: Principal; meta: RequestMeta },
): Promise<SubmissionResponse> {
  const { principal, meta } = by;
  const submission = await tx.submissions.create({
    kind: 'observation',
    provinceId,
    taskId: null,
    baseVersion: null,
    payload,
    userId: principal.userId,
    username: principal.username,
  });
  const after = toSubmissionResponse(submission);
  await tx.audit.append({
    actor: principal,
    meta,
    action: 'observation.submit',
    entityKind: 'submission',
    entityId: submission.id,
    provinceId,
    before: null,
    after,
  });
  return after;
}
