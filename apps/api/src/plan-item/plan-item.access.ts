import { PlanItemRepository, PlanDocumentRow, ProvinceRepository } from '@dx/db';
import {
  canEditPlan,
  DomainError,
  FieldProblem,
  Lang,
  orgMessages,
  PlanEditContext,
  Principal,
  taskEditMessages,
  todayIn,
} from '@dx/domain';
import { TIME_ZONE } from '@dx/status-engine';
import { parseIfMatch } from '../task/task.service';

/** `If-Match: "3"`, `W/"3"` or `3` → 3; VERSION_REQUIRED (428) without one, INVALID_INPUT (400) when it is not a version. */
export function requiredVersion(header: string | undefined): number {
  const version = parseIfMatch(header);
  if (version === null) throw new DomainError('VERSION_REQUIRED', taskEditMessages.versionRequired());
  return version;
}

export const today = (): string => todayIn(TIME_ZONE, new Date());

/** INVALID_INPUT with every field problem, when there is any. */
export function refuseProblems(problems: FieldProblem[]): void {
  if (problems.length) throw new DomainError('INVALID_INPUT', taskEditMessages.invalidInput(), { errors: problems });
}

/** ACCESS_DENIED unless the principal may add, edit and cancel the province's tasks and goals. */
export function assertPlanEditor(principal: Principal, provinceId: string, what: 'task' | 'goal'): void {
  if (!canEditPlan(principal, provinceId)) throw new DomainError('ACCESS_DENIED', taskEditMessages.noRightToEditPlan(what));
}

/**
 * The document a new item goes into: in `?province=` (admins must name it; others default to their own), which
 * the principal must be allowed to edit (403 before anything about the document is told).
 */
export async function editableDocument(
  provinces: ProvinceRepository,
  items: PlanItemRepository,
  principal: Principal,
  provinceCode: string | undefined,
  docCode: string,
  what: 'task' | 'goal',
): Promise<PlanDocumentRow> {
  let provinceId = principal.provinceId;
  if (provinceCode) {
    provinceId = await provinces.provinceId(provinceCode);
    if (!provinceId) throw new DomainError('PROVINCE_NOT_FOUND', orgMessages.provinceNotFound(provinceCode));
  }
  if (!provinceId)
    throw new DomainError('INVALID_INPUT', taskEditMessages.provinceRequired(), {
      errors: [{ path: 'province', messages: [taskEditMessages.provinceRequired().vi] }],
    });
  assertPlanEditor(principal, provinceId, what);
  const doc = await items.document(provinceId, docCode);
  if (!doc) throw new DomainError('DOCUMENT_NOT_FOUND', taskEditMessages.documentNotFound(docCode));
  return doc;
}

/** The codes a domain check reads from the repository's context. */
export function codesOf(ctx: {
  groups: { code: string }[];
  codes: string[];
  agencies: { code: string }[];
  indicators: { code: string }[];
}): PlanEditContext {
  return {
    groups: ctx.groups.map((g) => g.code),
    codes: ctx.codes,
    agencies: ctx.agencies.map((a) => a.code),
    indicators: ctx.indicators.map((i) => i.code),
  };
}

export const idOf = (rows: { id: string; code: string }[], code: string): string => rows.find((r) => r.code === code)!.id;

export type { Lang };
