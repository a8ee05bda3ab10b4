import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { AuditRepository, PlanImporter, ProvinceRepository, RequestMeta } from '@dx/db';
import { DomainError, Lang, PlanCheck, PlanImportResponse, PlanIssue, planMessages, Principal } from '@dx/domain';
import { issueText, parsePlanFileOffThread, PlanFileIssue } from '@dx/plan-file';

/** An issue as the API sends it, in the reader's language (Accept-Language). */
const issueIn =
  (lang: Lang) =>
  (i: PlanFileIssue): PlanIssue => ({ path: i.path, line: i.line, message: issueText(i, lang) });

/** Plan files uploaded through the API: checked first (every error with its line), written only when valid. */
@Injectable()
export class PlanService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly provinces: ProvinceRepository,
    private readonly audit: AuditRepository,
  ) {}

  /** Admins import any province; officers their own province's file. */
  private mayImport(principal: Principal, provinceCode: string, provinceId: string | null): boolean {
    if (principal.scopes !== null) return false;
    if (principal.role === 'admin') return true;
    return principal.role === 'officer' && provinceId !== null && principal.provinceId === provinceId && provinceCode.length > 0;
  }

  /** The province's id (null when new), or ACCESS_DENIED (403) when the principal may not import its plan. */
  private async assertMayImport(principal: Principal, code: string): Promise<string | null> {
    const existingId = await this.provinces.provinceId(code);
    if (!this.mayImport(principal, code, existingId)) throw new DomainError('ACCESS_DENIED', planMessages.noRightToImport(code));
    return existingId;
  }

  /**
   * Large files are parsed in a worker thread (parsePlanFileOffThread): the API keeps answering meanwhile.
   * A valid file the principal may not import (an officer's file of another province) is refused here already.
   */
  async validate(principal: Principal, bytes: Buffer, lang: Lang = 'vi'): Promise<PlanCheck> {
    const parsed = await parsePlanFileOffThread(bytes);
    if (parsed.plan) await this.assertMayImport(principal, parsed.plan.province.code);
    return {
      valid: parsed.errors.length === 0,
      province: parsed.plan?.province.code ?? null,
      counts: parsed.plan
        ? {
            documents: parsed.plan.documents.length,
            goals: parsed.plan.documents.reduce((n, d) => n + d.goalGroups.reduce((m, g) => m + g.goals.length, 0), 0),
            tasks: parsed.plan.documents.reduce((n, d) => n + d.taskGroups.reduce((m, g) => m + g.tasks.length, 0), 0),
            indicators: parsed.plan.indicators.length,
            observations: parsed.plan.observations.length,
          }
        : null,
      errors: parsed.errors.map(issueIn(lang)),
      warnings: parsed.warnings.map(issueIn(lang)),
    };
  }

  async import(
    principal: Principal,
    bytes: Buffer,
    options: { fileName: string; prune: boolean; dryRun: boolean; lang?: Lang },
    meta: RequestMeta,
  ): Promise<PlanImportResponse> {
    const parsed = await parsePlanFileOffThread(bytes);
    const issue = issueIn(options.lang ?? 'vi');
    if (!parsed.plan || parsed.errors.length) {
      throw new DomainError('PLAN_FILE_INVALID', planMessages.fileHasErrors(parsed.errors.length), {
        errors: parsed.errors.map((e) => ({ path: e.path, line: e.line, messages: [{ vi: e.vi, en: e.message }] })),
        warnings: parsed.warnings.map(issue),
      });
    }
    const code = parsed.plan.province.code;
    const existingId = await this.assertMayImport(principal, code);
    // The audit entry commits with the import or not at all.
    const record = (m: EntityManager) =>
      this.audit.withTransaction(m).append({
        actor: principal,
        meta,
        action: 'plan.import',
        entityKind: 'province',
        entityId: existingId,
        provinceId: existingId,
        before: null,
        after: { fileName: options.fileName, province: code, prune: options.prune },
      });
    const result = await new PlanImporter(this.dataSource).run(
      { bytes, plan: parsed.plan, warnings: parsed.warnings },
      { fileName: options.fileName, actor: principal.username, prune: options.prune, dryRun: options.dryRun, now: new Date(), record },
    );
    return { ...result, warnings: parsed.warnings.map(issue) };
  }
}
