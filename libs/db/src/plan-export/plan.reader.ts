import { DataSource, EntityManager, In } from 'typeorm';
import { Evidence, PlanFile } from '@dx/domain';
import {
  DocumentEntity,
  GoalEntity,
  GoalGroupEntity,
  IndicatorEntity,
  ObservationEntity,
  OrgUnitEntity,
  ProvinceIndicatorEntity,
  ReportedClaimEntity,
  TaskEntity,
  TaskGroupEntity,
  TaskSupportEntity,
} from '../entities';
import { DTI_ACTOR } from '../dti/dti-observations';
import { claimOut, documentHeader } from './document-out';

const byPosition = <T extends { position: number; code?: string }>(a: T, b: T) =>
  a.position - b.position || (a.code ?? '').localeCompare(b.code ?? '');

/** The rows one parent holds, in file order. */
const heldBy = <T extends { position: number; code?: string }>(rows: T[], held: (row: T) => boolean): T[] =>
  rows.filter(held).sort(byPosition);

const evidence = (number: string | null, date: string | null, issuer: string | null): Evidence | null =>
  number === null && date === null && issuer === null ? null : { number, date, issuer };

/** The indicators a province declares, in its order, with its own names and national targets. */
interface IndicatorRows {
  rows: IndicatorEntity[];
  linkOf: Map<string, ProvinceIndicatorEntity>;
  codeOf: Map<string, string>;
}

/** A province's documents and everything they hold. */
interface DocumentRows {
  documents: DocumentEntity[];
  goalGroups: GoalGroupEntity[];
  taskGroups: TaskGroupEntity[];
  goals: GoalEntity[];
  tasks: TaskEntity[];
  claims: ReportedClaimEntity[];
  supports: TaskSupportEntity[];
}

async function readIndicators(m: EntityManager, provinceId: string): Promise<IndicatorRows> {
  const links = await m.find(ProvinceIndicatorEntity, { where: { provinceId } });
  const rows = links.length ? await m.find(IndicatorEntity, { where: { id: In(links.map((l) => l.indicatorId)) } }) : [];
  const linkOf = new Map(links.map((l) => [l.indicatorId, l]));
  rows.sort((a, b) => linkOf.get(a.id)!.position - linkOf.get(b.id)!.position || a.code.localeCompare(b.code));
  return { rows, linkOf, codeOf: new Map(rows.map((i) => [i.id, i.code])) };
}

async function readDocuments(m: EntityManager, provinceId: string): Promise<DocumentRows> {
  const documents = (await m.find(DocumentEntity, { where: { provinceId } })).sort(byPosition);
  const where = { documentId: In(documents.map((d) => d.id)) };
  // One connection per transaction: queries run one after another.
  const goalGroups = await m.find(GoalGroupEntity, { where });
  const taskGroups = await m.find(TaskGroupEntity, { where });
  const goals = await m.find(GoalEntity, { where });
  const tasks = await m.find(TaskEntity, { where });
  const claims = await m.find(ReportedClaimEntity, { where });
  const supports = tasks.length ? await m.find(TaskSupportEntity, { where: { taskId: In(tasks.map((t) => t.id)) } }) : [];
  return { documents, goalGroups, taskGroups, goals, tasks, claims, supports };
}

/** The province's observations, in file order, except those the DTI import entered. */
function readObservations(m: EntityManager, provinceId: string): Promise<ObservationEntity[]> {
  return m
    .createQueryBuilder(ObservationEntity, 'o')
    .innerJoin(OrgUnitEntity, 'u', 'u.id = o.org_unit_id')
    .where('u.province_id = :id', { id: provinceId })
    .andWhere('o.entered_by <> :dti', { dti: DTI_ACTOR })
    .orderBy('o.position')
    .addOrderBy('o.period')
    .getMany();
}

/** Goals referencing indicators this province does not declare (declared by another file) are still exported. */
async function addUndeclaredIndicators(
  m: EntityManager,
  indicators: IndicatorRows,
  goals: GoalEntity[],
  observations: ObservationEntity[],
) {
  const missingIndicatorIds = [...new Set([...goals.map((g) => g.indicatorId), ...observations.map((o) => o.indicatorId)])].filter(
    (id): id is string => id !== null && !indicators.codeOf.has(id),
  );
  if (missingIndicatorIds.length) {
    const extra = await m.find(IndicatorEntity, { where: { id: In(missingIndicatorIds) } });
    extra.sort((a, b) => a.code.localeCompare(b.code));
    indicators.rows.push(...extra);
    for (const i of extra) indicators.codeOf.set(i.id, i.code);
  }
}

function indicatorsOut({ rows, linkOf }: IndicatorRows): PlanFile['indicators'] {
  return rows.map((i) => {
    const own = linkOf.get(i.id);
    return {
      code: i.code,
      name: own?.name ?? i.name,
      unit: i.unit,
      kind: i.kind,
      scale: i.scale,
      direction: i.direction,
      dti: i.dtiFigure,
      nationalTarget:
        !own || own.nationalTargetOp === null
          ? null
          : { op: own.nationalTargetOp, value: own.nationalTargetValue!, due: own.nationalTargetDue, source: own.nationalTargetSource },
    };
  });
}

type PlanDocument = PlanFile['documents'][number];

function goalGroupsOut(d: DocumentEntity, rows: DocumentRows, indicatorCode: Map<string, string>): PlanDocument['goalGroups'] {
  return heldBy(rows.goalGroups, (g) => g.documentId === d.id).map((g) => ({
    code: g.code,
    name: g.name,
    declaredCount: g.declaredCount,
    goals: heldBy(rows.goals, (x) => x.groupId === g.id).map((x) => ({
      code: x.code,
      title: x.title,
      indicator: x.indicatorId ? indicatorCode.get(x.indicatorId)! : null,
      target: x.targetOp === null ? null : { op: x.targetOp, value: x.targetValue! },
      milestone: x.kind === 'milestone',
      baseline: x.baselineValue === null ? null : { value: x.baselineValue, date: x.baselineDate! },
      due: x.due,
      reportedStatus: x.reportedStatus,
      reportedAsOf: x.reportedAsOf,
      evidence: evidence(x.evidenceNumber, x.evidenceDate, x.evidenceIssuer),
      source: x.source,
      note: x.note,
    })),
  }));
}

function taskGroupsOut(d: DocumentEntity, rows: DocumentRows, codeOf: Map<string, string>): PlanDocument['taskGroups'] {
  return heldBy(rows.taskGroups, (g) => g.documentId === d.id).map((g) => ({
    code: g.code,
    name: g.name,
    declaredCount: g.declaredCount,
    tasks: heldBy(rows.tasks, (t) => t.groupId === g.id).map((t) => ({
      code: t.code,
      title: t.title,
      lead: codeOf.get(t.leadId)!,
      support: rows.supports
        .filter((s) => s.taskId === t.id)
        .sort((a, b) => a.position - b.position)
        .map((s) => codeOf.get(s.orgUnitId)!),
      due: t.due,
      status: t.status,
      progress: t.progress,
      evidence: evidence(t.evidenceNumber, t.evidenceDate, t.evidenceIssuer),
    })),
  }));
}

function documentsOut(rows: DocumentRows, codeOf: Map<string, string>, indicatorCode: Map<string, string>): PlanFile['documents'] {
  const documentCode = new Map(rows.documents.map((d) => [d.id, d.code]));
  return rows.documents.map((d) => ({
    ...documentHeader(d),
    implements: d.implementsId ? (documentCode.get(d.implementsId) ?? null) : null,
    goalGroups: goalGroupsOut(d, rows, indicatorCode),
    taskGroups: taskGroupsOut(d, rows, codeOf),
    reported: heldBy(rows.claims, (c) => c.documentId === d.id).map(claimOut),
  }));
}

/**
 * Reads one province back into the plan model (what `cli export` writes), in file
 * order, in one read-only transaction so the snapshot is consistent. Null when the
 * province does not exist.
 */
export async function readPlan(dataSource: DataSource, provinceCode: string): Promise<PlanFile | null> {
  return dataSource.transaction('REPEATABLE READ', async (m) => {
    const province = await m.findOne(OrgUnitEntity, { where: { kind: 'province', code: provinceCode } });
    if (!province) return null;
    const units = await m.find(OrgUnitEntity, { where: { provinceId: province.id } });
    const codeOf = new Map(units.map((u) => [u.id, u.code]));
    const agencies = units.filter((u) => u.kind !== 'province').sort(byPosition);
    const indicators = await readIndicators(m, province.id);
    const documents = await readDocuments(m, province.id);
    const observations = await readObservations(m, province.id);
    await addUndeclaredIndicators(m, indicators, documents.goals, observations);

    return {
      province: { code: province.code, name: province.name, validFrom: province.validFrom },
      agencies: agencies.map((a) => ({
        code: a.code,
        name: a.name,
        kind: a.kind as never,
        parent: a.parentId ? codeOf.get(a.parentId)! : null,
      })),
      indicators: indicatorsOut(indicators),
      documents: documentsOut(documents, codeOf, indicators.codeOf),
      observations: observations.map((o) => ({
        indicator: indicators.codeOf.get(o.indicatorId)!,
        org: codeOf.get(o.orgUnitId)!,
        period: o.period,
        value: o.value,
        numerator: o.numerator,
        denominator: o.denominator,
        source: o.source,
        note: o.note,
      })),
    };
  });
}
