import type { PlanFile } from '@dx/domain';
import { DocumentEntity, ReportedClaimEntity } from '../entities';

type PlanDocument = PlanFile['documents'][number];

/** A stored document's own fields as the plan model (and the documents list) shows them. */
export function documentHeader(
  d: DocumentEntity,
): Pick<PlanDocument, 'code' | 'type' | 'issuer' | 'issued' | 'title' | 'period' | 'scope'> {
  return {
    code: d.code,
    type: d.type,
    issuer: d.issuer,
    issued: d.issued,
    title: d.title,
    period: d.periodFrom === null ? null : { from: d.periodFrom, to: d.periodTo! },
    scope: d.scope,
  };
}

/** A stored reported claim as the plan model (and the documents list) shows it. */
export function claimOut(c: ReportedClaimEntity): PlanDocument['reported'][number] {
  return { scope: c.scope, met: c.met, of: c.of, open: c.open, asOf: c.asOf, source: c.source };
}
