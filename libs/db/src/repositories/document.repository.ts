import { Injectable } from '@nestjs/common';
import { DataSource, In } from 'typeorm';
import { DocumentEntity, GoalGroupEntity, ReportedClaimEntity, TaskGroupEntity } from '../entities';

export const DOCUMENT_SORTS = ['position', 'code', 'issued', '-issued', 'type'] as const;
export type DocumentSort = (typeof DOCUMENT_SORTS)[number];

export interface GroupCountRow {
  documentId: string;
  code: string;
  name: string;
  declaredCount: number | null;
  recorded: number;
  position: number;
}

export interface DocumentListRow {
  document: DocumentEntity;
  implementsCode: string | null;
  goalGroups: GroupCountRow[];
  taskGroups: GroupCountRow[];
  reported: ReportedClaimEntity[];
}

const ORDER: Record<DocumentSort, Record<string, 'ASC' | 'DESC'>> = {
  position: { position: 'ASC', code: 'ASC' },
  code: { code: 'ASC' },
  issued: { issued: 'ASC', code: 'ASC' },
  '-issued': { issued: 'DESC', code: 'ASC' },
  type: { type: 'ASC', code: 'ASC' },
};

@Injectable()
export class DocumentRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** The provinces holding a document with this code (only `provinceCode`'s when it is not empty). */
  async provinceIdsWithDocument(documentCode: string, provinceCode: string): Promise<string[]> {
    const rows: { id: string }[] = await this.dataSource.query(
      `SELECT DISTINCT p.id FROM document d JOIN org_unit p ON p.id = d.province_id WHERE d.code = $1 AND ($2 = '' OR p.code = $2)`,
      [documentCode, provinceCode],
    );
    return rows.map((r) => r.id);
  }

  /** One page of a province's documents with their groups' recorded and declared counts. */
  async listByProvince(
    provinceId: string,
    page: { offset: number; limit: number; sort: DocumentSort },
  ): Promise<{ rows: DocumentListRow[]; total: number }> {
    const [documents, total] = await this.dataSource.getRepository(DocumentEntity).findAndCount({
      where: { provinceId },
      order: ORDER[page.sort],
      skip: page.offset,
      take: page.limit,
    });
    if (documents.length === 0) return { rows: [], total };
    const ids = documents.map((d) => d.id);
    const codes = new Map(
      (await this.dataSource.getRepository(DocumentEntity).find({ where: { provinceId }, select: { id: true, code: true } })).map((d) => [
        d.id,
        d.code,
      ]),
    );
    const groups = (table: 'goal' | 'task', entity: typeof GoalGroupEntity | typeof TaskGroupEntity) =>
      this.dataSource
        .createQueryBuilder(entity, 'g')
        .select([
          'g.document_id AS "documentId"',
          'g.code AS code',
          'g.name AS name',
          'g.declared_count AS "declaredCount"',
          'g.position AS position',
        ])
        .addSelect(`(SELECT count(*)::int FROM ${table} x WHERE x.group_id = g.id)`, 'recorded')
        .where('g.document_id IN (:...ids)', { ids })
        .orderBy('g.position')
        .getRawMany<GroupCountRow>();
    const goalGroups = await groups('goal', GoalGroupEntity);
    const taskGroups = await groups('task', TaskGroupEntity);
    const claims = await this.dataSource
      .getRepository(ReportedClaimEntity)
      .find({ where: { documentId: In(ids) }, order: { position: 'ASC' } });
    return {
      total,
      rows: documents.map((document) => ({
        document,
        implementsCode: document.implementsId ? (codes.get(document.implementsId) ?? null) : null,
        goalGroups: goalGroups.filter((g) => g.documentId === document.id),
        taskGroups: taskGroups.filter((g) => g.documentId === document.id),
        reported: claims.filter((c) => c.documentId === document.id),
      })),
    };
  }
}
