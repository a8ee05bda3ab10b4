import type { Principal } from '../access/access-policy';
import { isIsoDate } from '../iso-date';
import type { Lang } from '../messages/localised';
import { fieldMessage, type FieldRule } from '../messages/task-edit.messages';
import type { ComparisonOp, TaskStatus } from '../plan.types';
import type { FieldProblem } from './task-update';

/**
 * Adding, editing and cancelling a province's tasks and goals in the web app (issue 19): people only (not API
 * tokens), admins anywhere, officers of the province. Reporters, leaders and viewers are refused (403).
 */
export function canEditPlan(p: Principal, provinceId: string): boolean {
  if (p.scopes !== null) return false;
  return p.role === 'admin' || (p.role === 'officer' && p.provinceId === provinceId);
}

/** A task or goal code, as a plan file writes it (`NV3.2`, `MT1.10`). */
export const PLAN_ITEM_CODE = /^[A-Za-z0-9][A-Za-z0-9._/-]{0,31}$/;

/**
 * The next free code in a group: one more than the highest `<group>.<n>` already used in the document
 * (`NV3` with NV3.1 and NV3.4 → `NV3.5`), `<group>.1` when there is none.
 */
export function suggestItemCode(groupCode: string, usedCodes: readonly string[]): string {
  const prefix = `${groupCode}.`;
  const used = new Set(usedCodes.map((c) => c.toLowerCase()));
  let n = 0;
  for (const code of usedCodes) {
    if (!code.startsWith(prefix)) continue;
    const tail = code.slice(prefix.length);
    if (/^\d{1,6}$/.test(tail)) n = Math.max(n, Number(tail));
  }
  let code = `${prefix}${n + 1}`;
  while (used.has(code.toLowerCase())) code = `${prefix}${++n + 1}`;
  return code;
}

/** What a document already holds that a new or edited item is checked against. */
export interface PlanEditContext {
  /** The document's group codes of the item's kind. */
  groups: readonly string[];
  /** The document's codes of the item's kind, in use. */
  codes: readonly string[];
  /** The province's own code and its agencies' codes. */
  agencies: readonly string[];
  /** The province's indicator codes (goals). */
  indicators?: readonly string[];
}

export interface TaskDraft {
  group: string;
  code?: string | null;
  title: string;
  lead: string;
  support?: string[] | null;
  due?: string | null;
  status?: TaskStatus;
  progress?: number | null;
}

export interface TaskDefinitionPatch {
  title?: string;
  lead?: string;
  support?: string[] | null;
  due?: string | null;
}

export interface GoalDraft {
  group: string;
  code?: string | null;
  title: string;
  due: string;
  indicator?: string | null;
  target?: { op: ComparisonOp; value: number } | null;
}

export interface GoalPatch {
  title?: string;
  due?: string;
  target?: { op: ComparisonOp; value: number };
}

/** Collects field problems in the reader's language. */
class Problems {
  readonly list: FieldProblem[] = [];
  constructor(private readonly lang: Lang) {}
  add(path: string, rule: FieldRule): void {
    this.list.push({ path, messages: [fieldMessage(path, rule, this.lang)] });
  }
}

const clean = (text: string | null | undefined) => (text ?? '').trim().normalize('NFC');

function checkTitle(p: Problems, title: string | undefined): void {
  if (title === undefined) return;
  if (!clean(title)) p.add('title', 'blank');
  else if (clean(title).length > 1000) p.add('title', 'tooLong');
}

function checkDue(p: Problems, due: string | null | undefined, required: boolean): void {
  if (due === undefined || due === null || due === '') {
    if (required) p.add('due', 'required');
    return;
  }
  if (!isIsoDate(due)) p.add('due', 'date');
}

/** `lead` when given must be an agency; each supporting agency too, listed once and not the (new or current) lead. */
function checkAgencies(
  p: Problems,
  ctx: PlanEditContext,
  lead: string | undefined,
  support: string[] | null | undefined,
  leadNow?: string,
): void {
  if (lead !== undefined && !ctx.agencies.includes(lead)) p.add('lead', 'agencyUnknown');
  const effectiveLead = lead ?? leadNow;
  (support ?? []).forEach((code, i) => {
    if (!ctx.agencies.includes(code)) p.add(`support[${i}]`, 'agencyUnknown');
    else if (code === effectiveLead || support!.indexOf(code) !== i) p.add(`support[${i}]`, 'supportRepeated');
  });
}

function checkNewCode(p: Problems, ctx: PlanEditContext, group: string, code: string | null | undefined): void {
  if (!ctx.groups.includes(group)) p.add('group', 'groupUnknown');
  if (code === undefined || code === null || code === '') return;
  if (!PLAN_ITEM_CODE.test(code)) p.add('code', 'codeForm');
  else if (ctx.codes.some((c) => c.toLowerCase() === code.toLowerCase())) p.add('code', 'codeTaken');
}

/** A new task's problems (empty: it may be written). A new task is not cancelled; a done one is 100%. */
export function checkTaskDraft(d: TaskDraft, ctx: PlanEditContext, lang: Lang): FieldProblem[] {
  const p = new Problems(lang);
  checkNewCode(p, ctx, d.group, d.code);
  checkTitle(p, d.title);
  checkAgencies(p, ctx, d.lead, d.support);
  checkDue(p, d.due, false);
  if (d.status === 'cancelled') p.add('status', 'statusNew');
  if (d.status === 'done' && d.progress !== undefined && d.progress !== null && d.progress !== 100) p.add('progress', 'progressDone');
  return p.list;
}

/** An edit of what a task is (title, lead, supporting agencies, due date) of a task that is not cancelled. */
export function checkTaskEdit(patch: TaskDefinitionPatch, current: { lead: string }, ctx: PlanEditContext, lang: Lang): FieldProblem[] {
  const p = new Problems(lang);
  if (Object.values(patch).every((v) => v === undefined)) p.add('', 'nothing');
  checkTitle(p, patch.title);
  checkAgencies(p, ctx, patch.lead, patch.support, current.lead);
  checkDue(p, patch.due, false);
  return p.list;
}

function checkTarget(p: Problems, target: { op: ComparisonOp; value: number } | null | undefined): void {
  if (target && !Number.isFinite(target.value)) p.add('target.value', 'number');
}

/** A new goal: quantitative (an indicator of the province and a target) or a milestone (neither). */
export function checkGoalDraft(d: GoalDraft, ctx: PlanEditContext, lang: Lang): FieldProblem[] {
  const p = new Problems(lang);
  checkNewCode(p, ctx, d.group, d.code);
  checkTitle(p, d.title);
  checkDue(p, d.due, true);
  const hasIndicator = d.indicator !== undefined && d.indicator !== null && d.indicator !== '';
  if (hasIndicator !== Boolean(d.target)) p.add(hasIndicator ? 'target' : 'indicator', 'targetKind');
  if (hasIndicator && !(ctx.indicators ?? []).includes(d.indicator!)) p.add('indicator', 'indicatorUnknown');
  checkTarget(p, d.target);
  return p.list;
}

/** An edit of a goal's title, due date or target (a target only for a quantitative goal). */
export function checkGoalEdit(patch: GoalPatch, current: { kind: 'quantitative' | 'milestone' }, lang: Lang): FieldProblem[] {
  const p = new Problems(lang);
  if (patch.title === undefined && patch.due === undefined && patch.target === undefined) p.add('', 'nothing');
  checkTitle(p, patch.title);
  if (patch.due !== undefined) checkDue(p, patch.due, true);
  if (patch.target !== undefined && current.kind !== 'quantitative') p.add('target', 'targetKind');
  checkTarget(p, patch.target);
  return p.list;
}

/** A cancellation's reason: required, trimmed, NFC. */
export function checkCancelReason(reason: string | undefined, lang: Lang): FieldProblem[] {
  const p = new Problems(lang);
  if (!clean(reason)) p.add('reason', 'required');
  else if (clean(reason).length > 2000) p.add('reason', 'tooLong');
  return p.list;
}

export const cleanText = clean;

/** A goal as `GET/PATCH /api/v1/goals/:id` and the add and cancel endpoints return it (and a 409 carries as `current`). */
export interface GoalItemResponse {
  id: string;
  code: string;
  title: string;
  kind: 'quantitative' | 'milestone';
  document: string;
  group: string;
  indicator: string | null;
  target: { op: ComparisonOp; value: string } | null;
  due: string;
  origin: 'import' | 'web';
  cancelled: { at: string; reason: string | null } | null;
  version: number;
}

// The texts of these endpoints and of the import's notes, for the API, the CLI and the web.
export { fieldMessage, noWebItems, taskEditMessages, webItemLines } from '../messages/task-edit.messages';
export type { FieldRule, WebItemsSeen } from '../messages/task-edit.messages';
