import { createHash, randomUUID } from 'crypto';
import { DataSource, EntityManager, EntityTarget, In, Not, ObjectLiteral } from 'typeorm';
import {
  DomainError, mergeNationalMeaning, NATIONAL_ATTRIBUTES, NATIONAL_CONFLICT_ADVICE, NationalConflict, nationalConflictMessage, NationalMeaning, parsePeriod, PlanFile,
} from '@dx/domain';
import {
  DocumentEntity, GoalEntity, GoalGroupEntity, ImportRunEntity, IndicatorEntity, ObservationEntity,
  OrgUnitEntity, ProvinceIndicatorEntity, ReportedClaimEntity, TaskEntity, TaskGroupEntity, TaskSupportEntity,
} from '../entities';
import { AuditEntry, AuditRepository } from '../audit/audit.repository';
import { DTI_ACTOR, syncDtiObservations } from '../dti/dti-observations';
import { provinceReference } from '../orgs/province-reference.loader';
import { emptyCounts, ImportCounts, ImportEntity, isNoOp } from './import-counts';
import { diffRows, idsByKey, parentsFirst, RowChanges } from './row-diff';

export interface ImportOptions {
  fileName: string;
  actor: string;
  prune: boolean;
  dryRun: boolean;
  now: Date;
  /** Called as each stage starts (stage index from 0 to IMPORT_STAGES.length - 1). */
  onProgress?: (stage: number, name: string) => void;
  /** The caller's record of the import (its audit entry), written in the import's transaction; not called for a dry run. */
  record?: (m: EntityManager, result: ImportResult) => Promise<void>;
}

/** The stages of an import, in order, for progress output. */
export const IMPORT_STAGES = ['province and agencies', 'indicators', 'documents and groups', 'observations', 'clean-up'] as const;

/** A validated plan file: its bytes (for the checksum), the plan and its warnings (stored with the run). */
export interface ValidatedPlanFile {
  bytes: Uint8Array;
  plan: PlanFile;
  warnings: unknown[];
}

export interface ImportResult {
  provinceCode: string;
  counts: ImportCounts;
  /** What --prune removed, one line each (e.g. `goal 37/KH-UBND G1.3`). */
  removed: string[];
  runId: string | null;
  dryRun: boolean;
}

class DryRunRollback extends Error {
  constructor(readonly result: ImportResult) {
    super('dry run');
  }
}

const BATCH = 500;
const NUL = '\u0000';

/** What of a task the status rules read, as the task's audit entries record it. */
const TASK_STATE_FIELDS = ['status', 'progress', 'evidenceNumber', 'evidenceDate', 'evidenceIssuer'] as const;

const taskState = (t: Pick<TaskEntity, (typeof TASK_STATE_FIELDS)[number]>) => ({
  status: t.status,
  progress: t.progress,
  evidence: t.evidenceNumber ? { number: t.evidenceNumber, date: t.evidenceDate, issuer: t.evidenceIssuer } : null,
});

/**
 * Writes a validated plan into the database in one transaction: rows are matched by
 * code, so importing the same file twice changes nothing and an edited file updates
 * the rows whose codes it keeps. Rows the file no longer mentions are kept, or
 * removed with `prune`. A dry run does all of it and rolls back.
 */
export class PlanImporter {
  constructor(private readonly dataSource: DataSource) {}

  async run(file: ValidatedPlanFile, options: ImportOptions): Promise<ImportResult> {
    const run = { ...options, warnings: file.warnings, checksum: createHash('sha256').update(file.bytes).digest('hex') };
    try {
      return await this.dataSource.transaction(async (manager) => {
        const result = await new ImportTransaction(manager, file.plan, run).execute();
        if (options.dryRun) throw new DryRunRollback(result);
        await options.record?.(manager, result);
        return result;
      });
    } catch (error) {
      if (error instanceof DryRunRollback) return error.result;
      throw error;
    }
  }
}

class ImportTransaction {
  private readonly counts = emptyCounts();
  private readonly removed: string[] = [];
  private provinceId = '';
  private readonly orgIds = new Map<string, string>();
  private readonly indicatorIds = new Map<string, string>();
  /** Whether this import set or changed the DTI figure feeding a shared indicator: every province using it is synced. */
  private dtiFeedChanged = false;

  constructor(
    private readonly m: EntityManager,
    private readonly plan: PlanFile,
    private readonly options: ImportOptions & { checksum: string; warnings: unknown[] },
  ) {}

  async execute(): Promise<ImportResult> {
    // Two imports of one province at a time would race on the same codes.
    await this.m.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`dx-import:${this.plan.province.code}`]);
    const stage = (i: number) => this.options.onProgress?.(i, IMPORT_STAGES[i]);
    stage(0);
    await this.syncProvince();
    const agencies = await this.syncAgencies();
    stage(1);
    await this.syncIndicators();
    stage(2);
    const documents = await this.syncDocuments();
    const { goals, tasks, claims } = await this.syncDocumentContents(documents.rows);
    stage(3);
    const runId = this.options.dryRun ? null : randomUUID();
    if (runId) await this.insertRun(runId);
    const observations = await this.syncObservations(runId);
    stage(4);
    if (this.options.prune) {
      // Children before parents; each row's description is what `--prune` reports.
      await this.prune('observations', ObservationEntity, observations.missing, (o) => `observation ${o.period}`);
      await this.prune('reported_claims', ReportedClaimEntity, claims.missing, (c) => `reported claim ${c.scope} ${c.asOf}`);
      await this.prune('tasks', TaskEntity, tasks.missing, (t) => `task ${t.code}`);
      await this.prune('goals', GoalEntity, goals.missing, (g) => `goal ${g.code}`);
      await this.prune('goal_groups', GoalGroupEntity, this.goalGroups.missing, (g) => `goal group ${g.code}`);
      await this.prune('task_groups', TaskGroupEntity, this.taskGroups.missing, (g) => `task group ${g.code}`);
      await this.prune('documents', DocumentEntity, documents.missing, (d) => `document ${d.code}`);
      await this.prune('agencies', OrgUnitEntity, agencies.missing, (a) => `agency ${a.code}`);
      await this.pruneIndicators();
    } else {
      const kept: [ImportEntity, RowChanges<{ id: string }>][] = [
        ['observations', observations], ['reported_claims', claims], ['tasks', tasks], ['goals', goals],
        ['goal_groups', this.goalGroups], ['task_groups', this.taskGroups], ['documents', documents], ['agencies', agencies],
      ];
      for (const [entity, changes] of kept) this.counts[entity].kept = changes.missing.length;
    }
    if (runId) await this.m.update(ImportRunEntity, { id: runId }, { counts: this.counts as never });
    // Indicators fed from the DTI take the stored results, whichever was imported first.
    await syncDtiObservations(this.m, this.dtiFeedChanged ? null : this.provinceId);
    // Statuses depend on what changed: the outbox row commits (or not) with the data.
    if (!isNoOp(this.counts)) {
      await this.m.query(`INSERT INTO outbox (province_id, reason) VALUES ($1, 'import')`, [this.provinceId]);
    }
    return { provinceCode: this.plan.province.code, counts: this.counts, removed: this.removed, runId, dryRun: this.options.dryRun };
  }

  private async syncProvince(): Promise<void> {
    const { province } = this.plan;
    const existing = await this.m.findOne(OrgUnitEntity, { where: { kind: 'province', code: province.code } });
    this.provinceId = existing?.id ?? randomUUID();
    // Matched to the reference list by code or name, for its official statistical code.
    const reference = provinceReference();
    const official = (reference.matchOnAnyMap(province.code) ?? reference.matchOnAnyMap(province.name))?.code ?? null;
    const row = {
      id: this.provinceId, provinceId: this.provinceId, code: province.code, name: province.name, kind: 'province' as const,
      parentId: null, validFrom: province.validFrom, validTo: existing?.validTo ?? null, officialCode: official, position: 0,
    };
    const changes = diffRows(existing ? [existing] : [], [row as OrgUnitEntity], (r) => r.code, ['name', 'validFrom', 'officialCode']);
    await this.apply('provinces', OrgUnitEntity, changes);
    this.orgIds.set(province.code, this.provinceId);
  }

  private async syncAgencies(): Promise<RowChanges<OrgUnitEntity>> {
    const existing = await this.m.find(OrgUnitEntity, { where: { provinceId: this.provinceId, kind: Not('province') } });
    const ids = idsByKey(existing, (r) => r.code, this.plan.agencies.map((a) => a.code));
    const desired = this.plan.agencies.map((a, position) => ({
      id: ids.get(a.code)!, provinceId: this.provinceId, code: a.code, name: a.name, kind: a.kind,
      parentId: a.parent === null ? null : ids.get(a.parent)!, validFrom: null, validTo: null, officialCode: null, position,
    }));
    const changes = diffRows(existing, desired as OrgUnitEntity[], (r) => r.code, ['name', 'kind', 'parentId', 'position']);
    changes.inserts = parentsFirst(changes.inserts, (r) => r.parentId);
    // A new agency may become the parent of an existing one: insert first, then update.
    await this.apply('agencies', OrgUnitEntity, changes);
    for (const row of changes.rows) this.orgIds.set(row.code, row.id);
    return changes;
  }

  /**
   * Indicators: their national meaning (unit, kind, scale, direction, DTI feed) is one catalogue entry shared by
   * code, so provinces compare; the label and national target are this province's (province_indicator). A file
   * indicator counts as updated when either part changes.
   */
  private async syncIndicators(): Promise<void> {
    const codes = this.plan.indicators.map((i) => i.code);
    const existing = codes.length ? await this.m.find(IndicatorEntity, { where: { code: In(codes) } }) : [];
    const ids = idsByKey(existing, (r) => r.code, codes);
    const stated = new Map(this.plan.indicators.map((i) => [i.code, { unit: i.unit, kind: i.kind, scale: i.scale, direction: i.direction, dti: i.dti }]));
    const meaning = await this.nationalMeanings(existing, stated);
    const desired = this.plan.indicators.map((i) => {
      const m = meaning.get(i.code) ?? stated.get(i.code)!;
      return {
        id: ids.get(i.code)!, code: i.code, name: i.name, unit: m.unit, kind: m.kind, scale: m.scale, direction: m.direction, dtiFigure: m.dti,
      };
    });
    const shared = diffRows(existing, desired as IndicatorEntity[], (r) => r.code, ['unit', 'kind', 'scale', 'direction', 'dtiFigure']);
    this.dtiFeedChanged = shared.updates.some((u) => 'dtiFigure' in u.changes);
    await this.insertBatched(IndicatorEntity, shared.inserts);
    for (const { id, changes } of shared.updates) await this.m.update(IndicatorEntity, { id }, changes);
    for (const row of shared.rows) this.indicatorIds.set(row.code, row.id);

    const links = await this.m.find(ProvinceIndicatorEntity, { where: { provinceId: this.provinceId } });
    const linkKey = (l: { indicatorId: string }) => l.indicatorId;
    const wanted = this.plan.indicators.map((i, position) => ({
      id: this.indicatorIds.get(i.code)!, provinceId: this.provinceId, indicatorId: this.indicatorIds.get(i.code)!, name: i.name,
      nationalTargetOp: i.nationalTarget?.op ?? null, nationalTargetValue: i.nationalTarget?.value ?? null,
      nationalTargetDue: i.nationalTarget?.due ?? null, nationalTargetSource: i.nationalTarget?.source ?? null, position,
    }));
    const own = diffRows(links.map((l) => ({ ...l, id: l.indicatorId })), wanted, linkKey, [
      'name', 'nationalTargetOp', 'nationalTargetValue', 'nationalTargetDue', 'nationalTargetSource', 'position',
    ]);
    const strip = <T extends { id: string }>({ id: _id, ...rest }: T) => rest;
    await this.insertBatched(ProvinceIndicatorEntity, own.inserts.map(strip) as ProvinceIndicatorEntity[]);
    for (const { id, changes } of own.updates) {
      await this.m.update(ProvinceIndicatorEntity, { provinceId: this.provinceId, indicatorId: id }, changes);
    }
    const changed = new Set([...shared.updates, ...own.updates].map((u) => u.id));
    const created = new Set(own.inserts.map((l) => l.indicatorId));
    const c = this.counts.indicators;
    c.created += created.size;
    c.updated += [...changed].filter((id) => !created.has(id)).length;
    c.unchanged += desired.length - created.size - [...changed].filter((id) => !created.has(id)).length;
  }

  /**
   * The catalogue entries of the file's indicators that already exist, after this file (`mergeNationalMeaning`):
   * keys it leaves out keep what other provinces' files set; a value that contradicts the catalogue while other
   * provinces use the indicator refuses the import, naming the file, both values and those provinces.
   */
  private async nationalMeanings(existing: IndicatorEntity[], stated: Map<string, NationalMeaning>): Promise<Map<string, NationalMeaning>> {
    const storedOf = (r: IndicatorEntity): NationalMeaning => ({ unit: r.unit, kind: r.kind, scale: r.scale, direction: r.direction, dti: r.dtiFigure });
    // Only an entry the file does not state exactly as stored can change, so only those need their users.
    const differing = existing.filter((r) => NATIONAL_ATTRIBUTES.some((a) => storedOf(r)[a] !== stated.get(r.code)![a]));
    const users = await this.otherProvincesUsing(differing.map((r) => r.id));
    const result = new Map<string, NationalMeaning>();
    const refused: { indicator: string; sharedWith: string[]; conflicts: NationalConflict[] }[] = [];
    for (const r of differing) {
      const sharedWith = users.get(r.id) ?? [];
      const merged = mergeNationalMeaning(storedOf(r), stated.get(r.code)!, sharedWith);
      result.set(r.code, merged.meaning);
      if (merged.conflicts.length) refused.push({ indicator: r.code, sharedWith, conflicts: merged.conflicts });
    }
    for (const r of existing) if (!result.has(r.code)) result.set(r.code, storedOf(r));
    if (refused.length === 0) return result;
    // Which file says what: the catalogue's values stand as the users' latest imports left them.
    const files = await this.latestImportFiles(refused.flatMap((x) => x.sharedWith));
    const problems: string[] = [];
    const conflicts: Record<string, unknown>[] = [];
    for (const { indicator, sharedWith, conflicts: found } of refused) {
      const sources = sharedWith.filter((p) => files.has(p)).map((p) => ({ province: p, file: files.get(p)! }));
      problems.push(nationalConflictMessage({ file: this.options.fileName, province: this.plan.province.code, indicator, sharedWith, sources, conflicts: found }));
      for (const x of found) conflicts.push({ indicator, ...x, provinces: sharedWith, files: sources });
    }
    throw new DomainError('IMPORT_CONFLICT', `${problems.join('; ')}; ${NATIONAL_CONFLICT_ADVICE}`, { conflicts });
  }

  /** The file of each of these provinces' latest recorded import, by province code (provinces never imported from a file are left out). */
  private async latestImportFiles(provinceCodes: string[]): Promise<Map<string, string>> {
    const rows: { code: string; file_name: string }[] = await this.m.query(
      `SELECT DISTINCT ON (r.province_id) p.code, r.file_name FROM import_run r JOIN org_unit p ON p.id = r.province_id
        WHERE p.kind = 'province' AND p.code = ANY($1::text[]) ORDER BY r.province_id, r.finished_at DESC, r.started_at DESC`,
      [[...new Set(provinceCodes)]],
    );
    return new Map(rows.map((r) => [r.code, r.file_name]));
  }

  /** Codes of the other provinces that declare these indicators or hold goals or values on them, by indicator id. */
  private async otherProvincesUsing(indicatorIds: string[]): Promise<Map<string, string[]>> {
    if (indicatorIds.length === 0) return new Map();
    const rows: { indicator_id: string; codes: string[] }[] = await this.m.query(
      `SELECT x.indicator_id, array_agg(DISTINCT p.code ORDER BY p.code) AS codes FROM (
         SELECT indicator_id, province_id FROM province_indicator WHERE indicator_id = ANY($1::uuid[])
         UNION SELECT g.indicator_id, d.province_id FROM goal g JOIN document d ON d.id = g.document_id WHERE g.indicator_id = ANY($1::uuid[])
         UNION SELECT o.indicator_id, u.province_id FROM observation o JOIN org_unit u ON u.id = o.org_unit_id WHERE o.indicator_id = ANY($1::uuid[])
       ) x JOIN org_unit p ON p.id = x.province_id WHERE x.province_id <> $2 GROUP BY x.indicator_id`,
      [indicatorIds, this.provinceId],
    );
    return new Map(rows.map((r) => [r.indicator_id, r.codes]));
  }

  private async syncDocuments(): Promise<RowChanges<DocumentEntity>> {
    const existing = await this.m.find(DocumentEntity, { where: { provinceId: this.provinceId } });
    const ids = idsByKey(existing, (r) => r.code, this.plan.documents.map((d) => d.code));
    const desired = this.plan.documents.map((d, position) => ({
      id: ids.get(d.code)!, provinceId: this.provinceId, code: d.code, type: d.type, issuer: d.issuer, issued: d.issued,
      title: d.title, periodFrom: d.period?.from ?? null, periodTo: d.period?.to ?? null, scope: d.scope,
      implementsId: d.implements === null ? null : ids.get(d.implements)!, position,
      createdAt: this.options.now, // written for a new document only (not a diffed field): recorded at the import's time
    }));
    const changes = diffRows(existing, desired as DocumentEntity[], (r) => r.code, [
      'type', 'issuer', 'issued', 'title', 'periodFrom', 'periodTo', 'scope', 'implementsId', 'position',
    ]);
    changes.inserts = parentsFirst(changes.inserts, (r) => r.implementsId);
    await this.apply('documents', DocumentEntity, changes);
    return changes;
  }

  private goalGroups!: RowChanges<GoalGroupEntity>;
  private taskGroups!: RowChanges<TaskGroupEntity>;

  private async syncDocumentContents(documents: DocumentEntity[]) {
    const documentIds = documents.map((d) => d.id);
    const docId = new Map(documents.map((d) => [d.code, d.id]));
    const scoped = <T extends { documentId: string; code: string }>(r: T) => `${r.documentId}|${r.code}`;
    const where = { documentId: In(documentIds) };

    const groupRows = <G>(kind: 'goalGroups' | 'taskGroups', existing: { id: string; documentId: string; code: string }[]) => {
      const wanted = this.plan.documents.flatMap((d) =>
        d[kind].map((g, position) => ({ documentId: docId.get(d.code)!, code: g.code, name: g.name, declaredCount: g.declaredCount, position })),
      );
      const ids = idsByKey(existing, scoped, wanted.map(scoped));
      return wanted.map((g) => ({ ...g, id: ids.get(scoped(g))! }) as G);
    };
    const groupFields = ['name', 'declaredCount', 'position'] as const;
    const existingGoalGroups = await this.m.find(GoalGroupEntity, { where });
    this.goalGroups = diffRows(existingGoalGroups, groupRows<GoalGroupEntity>('goalGroups', existingGoalGroups), scoped, groupFields);
    await this.apply('goal_groups', GoalGroupEntity, this.goalGroups);
    const existingTaskGroups = await this.m.find(TaskGroupEntity, { where });
    this.taskGroups = diffRows(existingTaskGroups, groupRows<TaskGroupEntity>('taskGroups', existingTaskGroups), scoped, groupFields);
    await this.apply('task_groups', TaskGroupEntity, this.taskGroups);
    const groupId = (rows: { documentId: string; code: string; id: string }[]) => new Map(rows.map((g) => [scoped(g), g.id]));
    const goalGroupIds = groupId(this.goalGroups.rows);
    const taskGroupIds = groupId(this.taskGroups.rows);

    const existingGoals = await this.m.find(GoalEntity, { where });
    const wantedGoals = this.plan.documents.flatMap((d) =>
      d.goalGroups.flatMap((g) => g.goals.map((goal) => ({ d, g, goal }))),
    );
    const goalIds = idsByKey(existingGoals, scoped, wantedGoals.map(({ d, goal }) => `${docId.get(d.code)}|${goal.code}`));
    const desiredGoals = wantedGoals.map(({ d, g, goal }, position) => {
      const documentId = docId.get(d.code)!;
      return {
        id: goalIds.get(`${documentId}|${goal.code}`)!, documentId, groupId: goalGroupIds.get(`${documentId}|${g.code}`)!,
        code: goal.code, title: goal.title, kind: goal.milestone ? 'milestone' : 'quantitative',
        indicatorId: goal.indicator === null ? null : this.indicatorIds.get(goal.indicator)!,
        targetOp: goal.target?.op ?? null, targetValue: goal.target?.value ?? null,
        baselineValue: goal.baseline?.value ?? null, baselineDate: goal.baseline?.date ?? null, due: goal.due,
        reportedStatus: goal.reportedStatus, reportedAsOf: goal.reportedAsOf,
        evidenceNumber: goal.evidence?.number ?? null, evidenceDate: goal.evidence?.date ?? null, evidenceIssuer: goal.evidence?.issuer ?? null,
        source: goal.source, note: goal.note, position,
      } as GoalEntity;
    });
    const goals = diffRows(existingGoals, desiredGoals, scoped, [
      'groupId', 'title', 'kind', 'indicatorId', 'targetOp', 'targetValue', 'baselineValue', 'baselineDate', 'due',
      'reportedStatus', 'reportedAsOf', 'evidenceNumber', 'evidenceDate', 'evidenceIssuer', 'source', 'note', 'position',
    ]);
    await this.apply('goals', GoalEntity, goals);

    const tasks = await this.syncTasks(docId, taskGroupIds, scoped);

    const existingClaims = await this.m.find(ReportedClaimEntity, { where });
    const claimKey = (c: ReportedClaimEntity) => [c.documentId, c.scope, c.asOf, c.source ?? NUL].join('|');
    const wantedClaims = this.plan.documents.flatMap((d) =>
      d.reported.map((c) => ({ documentId: docId.get(d.code)!, scope: c.scope, met: c.met, of: c.of, open: c.open, asOf: c.asOf, source: c.source })),
    );
    const claimIds = idsByKey(existingClaims, claimKey, wantedClaims.map((c) => claimKey(c as ReportedClaimEntity)));
    const desiredClaims = wantedClaims.map((c, position) => ({ ...c, position, id: claimIds.get(claimKey(c as ReportedClaimEntity))! }) as ReportedClaimEntity);
    const claims = diffRows(existingClaims, desiredClaims, claimKey, ['met', 'of', 'open', 'position']);
    await this.apply('reported_claims', ReportedClaimEntity, claims);
    return { goals, tasks, claims };
  }

  private async syncTasks(
    docId: Map<string, string>,
    taskGroupIds: Map<string, string>,
    scoped: (r: { documentId: string; code: string }) => string,
  ): Promise<RowChanges<TaskEntity>> {
    const existing = await this.m.find(TaskEntity, { where: { documentId: In([...docId.values()]) } });
    const wanted = this.plan.documents.flatMap((d) => d.taskGroups.flatMap((g) => g.tasks.map((task) => ({ d, g, task }))));
    const ids = idsByKey(existing, scoped, wanted.map(({ d, task }) => `${docId.get(d.code)}|${task.code}`));
    const desired = wanted.map(({ d, g, task }, position) => {
      const documentId = docId.get(d.code)!;
      return {
        id: ids.get(`${documentId}|${task.code}`)!, documentId, groupId: taskGroupIds.get(`${documentId}|${g.code}`)!,
        code: task.code, title: task.title, leadId: this.orgIds.get(task.lead)!, due: task.due, status: task.status,
        progress: task.progress, evidenceNumber: task.evidence?.number ?? null, evidenceDate: task.evidence?.date ?? null,
        evidenceIssuer: task.evidence?.issuer ?? null, position,
        createdAt: this.options.now, // a new task is recorded at the import's time, like its audit entries (taskStateAt)
      } as TaskEntity;
    });
    const changes = diffRows(existing, desired, scoped, [
      'groupId', 'title', 'leadId', 'due', 'status', 'progress', 'evidenceNumber', 'evidenceDate', 'evidenceIssuer', 'position',
    ]);

    // Supporting agencies: a changed list counts as an update of its task.
    const taskIds = changes.rows.map((t) => t.id);
    const supports = taskIds.length ? await this.m.find(TaskSupportEntity, { where: { taskId: In(taskIds) } }) : [];
    const wantedSupport = new Map(wanted.map(({ task }, i) => [changes.rows[i].id, task.support.map((c) => this.orgIds.get(c)!)]));
    const changedSupport: string[] = [];
    for (const [taskId, orgIds] of wantedSupport) {
      const have = supports.filter((s) => s.taskId === taskId).sort((a, b) => a.position - b.position).map((s) => s.orgUnitId);
      if (have.join() !== orgIds.join()) changedSupport.push(taskId);
    }
    const updatedIds = new Set(changes.updates.map((u) => u.id));
    const insertedIds = new Set(changes.inserts.map((t) => t.id));
    for (const taskId of changedSupport) {
      if (!updatedIds.has(taskId) && !insertedIds.has(taskId)) {
        changes.updates.push({ id: taskId, changes: {} });
        changes.unchanged--;
      }
    }
    await this.apply('tasks', TaskEntity, changes);
    await this.auditTaskStates(existing, changes);
    if (changedSupport.length > 0) {
      await this.m.delete(TaskSupportEntity, { taskId: In(changedSupport) });
      const rows = changedSupport.flatMap((taskId) => wantedSupport.get(taskId)!.map((orgUnitId, position) => ({ taskId, orgUnitId, position })));
      await this.insertBatched(TaskSupportEntity, rows);
    }
    return changes;
  }

  /**
   * An audit entry for each existing task whose state (status, progress, evidence) the file changed, at the
   * import's time, with the state before and after: like the API's updates, so a task's state at an earlier date
   * is the one before its first later change (the status engine's taskStateAt). A new task needs none: until its
   * first change it is as the file that created it gave it.
   */
  private async auditTaskStates(existing: TaskEntity[], changes: RowChanges<TaskEntity>): Promise<void> {
    const before = new Map(existing.map((t) => [t.id, t]));
    const entries: AuditEntry[] = [];
    for (const { id, changes: fields } of changes.updates) {
      if (!TASK_STATE_FIELDS.some((f) => f in fields)) continue;
      const old = before.get(id)!;
      entries.push({
        actor: null, actorLabel: this.options.actor, meta: null, action: 'task.import', entityKind: 'task', entityId: id, provinceId: this.provinceId,
        before: { ...taskState(old), file: this.options.fileName }, after: { ...taskState({ ...old, ...fields }), file: this.options.fileName },
        at: this.options.now,
      });
    }
    await new AuditRepository(this.m).appendMany(entries);
  }

  private async insertRun(runId: string): Promise<void> {
    await this.m.insert(ImportRunEntity, {
      id: runId, provinceId: this.provinceId, provinceCode: this.plan.province.code, fileName: this.options.fileName,
      checksum: this.options.checksum, actor: this.options.actor, pruned: this.options.prune, counts: {},
      warnings: this.options.warnings as never, startedAt: this.options.now, finishedAt: this.options.now,
    });
  }

  private async syncObservations(runId: string | null): Promise<RowChanges<ObservationEntity>> {
    const existing: ObservationEntity[] = await this.m
      .createQueryBuilder(ObservationEntity, 'o')
      .innerJoin(OrgUnitEntity, 'u', 'u.id = o.org_unit_id')
      .where('u.province_id = :provinceId', { provinceId: this.provinceId })
      // Values copied from DTI results belong to those results, not to the file.
      .andWhere('o.entered_by <> :dti', { dti: DTI_ACTOR })
      .getMany();
    const key = (o: ObservationEntity) => [o.indicatorId, o.orgUnitId, o.period, o.source ?? NUL].join('|');
    const wanted = this.plan.observations.map((o, position) => {
      const period = parsePeriod(o.period)!;
      return {
        indicatorId: this.indicatorIds.get(o.indicator)!, orgUnitId: this.orgIds.get(o.org)!, period: period.code,
        periodKind: period.kind, periodStart: period.start, periodEnd: period.end, value: o.value, numerator: o.numerator,
        denominator: o.denominator, source: o.source, note: o.note, enteredBy: this.options.actor, enteredAt: this.options.now,
        importRunId: runId, position,
      } as ObservationEntity;
    });
    const ids = idsByKey(existing, key, wanted.map(key));
    const desired = wanted.map((o) => ({ ...o, id: ids.get(key(o))! }));
    const changes = diffRows(existing, desired, key, ['value', 'numerator', 'denominator', 'note', 'position']);
    for (const update of changes.updates) {
      Object.assign(update.changes, { enteredBy: this.options.actor, enteredAt: this.options.now, importRunId: runId });
    }
    await this.apply('observations', ObservationEntity, changes);
    return changes;
  }

  private async prune<R extends { id: string }>(
    entity: ImportEntity,
    target: EntityTarget<R>,
    rows: R[],
    describe: (row: R) => string,
  ): Promise<void> {
    for (const row of rows) this.removed.push(describe(row));
    for (let i = 0; i < rows.length; i += BATCH) {
      await this.m.delete(target, { id: In(rows.slice(i, i + BATCH).map((r) => r.id)) } as never);
    }
    this.counts[entity].removed = rows.length;
  }

  /** Unlinks indicators the file no longer declares; deletes those nothing else uses. */
  private async pruneIndicators(): Promise<void> {
    const keep = [...this.indicatorIds.values()];
    const stale: { indicator_id: string; code: string }[] = await this.m.query(
      `SELECT pi.indicator_id, i.code FROM province_indicator pi JOIN indicator i ON i.id = pi.indicator_id
        WHERE pi.province_id = $1 AND NOT (pi.indicator_id = ANY($2::uuid[]))`,
      [this.provinceId, keep],
    );
    for (const { indicator_id: id, code } of stale) {
      await this.m.delete(ProvinceIndicatorEntity, { provinceId: this.provinceId, indicatorId: id });
      await this.m.query(
        `DELETE FROM indicator i WHERE i.id = $1
           AND NOT EXISTS (SELECT 1 FROM province_indicator WHERE indicator_id = i.id)
           AND NOT EXISTS (SELECT 1 FROM goal WHERE indicator_id = i.id)
           AND NOT EXISTS (SELECT 1 FROM observation WHERE indicator_id = i.id)`,
        [id],
      );
      this.removed.push(`indicator ${code}`);
    }
    this.counts.indicators.removed = stale.length;
  }

  private async apply<R extends { id: string }>(entity: ImportEntity, target: EntityTarget<R>, changes: RowChanges<R>): Promise<void> {
    await this.insertBatched(target, changes.inserts);
    for (const { id, changes: values } of changes.updates) {
      // An empty change set still bumps version/updated_at (e.g. a task whose supporters changed).
      const set = Object.keys(values).length > 0 ? values : { id };
      await this.m.createQueryBuilder().update(target).set(set as never).where('id = :id', { id }).execute();
    }
    const c = this.counts[entity];
    c.created += changes.inserts.length;
    c.updated += changes.updates.length;
    c.unchanged += changes.unchanged;
  }

  /**
   * Inserts rows in batches as one JSON parameter each (`json_populate_recordset`): a single
   * statement of a few parameters instead of TypeORM's thousands, with no RETURNING. Only the
   * columns the rows give are written; the others take their defaults (version, timestamps).
   */
  private async insertBatched<R extends ObjectLiteral>(target: EntityTarget<R>, rows: R[]): Promise<void> {
    if (rows.length === 0) return;
    const meta = this.m.connection.getMetadata(target);
    const columns = meta.columns.filter((c) => rows[0][c.propertyName] !== undefined);
    const names = columns.map((c) => `"${c.databaseName}"`).join(', ');
    const table = `"${meta.tableName}"`;
    for (let i = 0; i < rows.length; i += BATCH) {
      const batch = rows.slice(i, i + BATCH).map((r) => Object.fromEntries(columns.map((c) => [c.databaseName, r[c.propertyName] ?? null])));
      await this.m.query(`INSERT INTO ${table} (${names}) SELECT ${names} FROM json_populate_recordset(NULL::${table}, $1::json)`, [JSON.stringify(batch)]);
    }
  }
}
