import { Injectable } from '@nestjs/common';
import { claimOut, DocumentListRow, DocumentRepository, documentHeader, GroupCountRow, ProvinceRepository } from '@dx/db';
import { Completeness, DocumentResponse, Principal } from '@dx/domain';
import { ListDocumentsQuery } from './dto/list-documents.query';
import { Page, pageOf, pageWindow } from '../common/page.query';
import { readableProvinceId } from '../common/readable-province';

@Injectable()
export class DocumentService {
  constructor(
    private readonly provinces: ProvinceRepository,
    private readonly documents: DocumentRepository,
  ) {}

  async list(principal: Principal, query: ListDocumentsQuery): Promise<Page<DocumentResponse>> {
    const provinceId = await readableProvinceId(this.provinces, principal, query.province);
    const { rows, total } = await this.documents.listByProvince(provinceId, { ...pageWindow(query), sort: query.sort });
    return pageOf(query, rows.map(toResponse), total);
  }
}

function toResponse(row: DocumentListRow): DocumentResponse {
  const groups = (g: GroupCountRow[]) => g.map(({ code, name, declaredCount, recorded }) => ({ code, name, declaredCount, recorded }));
  return {
    ...documentHeader(row.document),
    implements: row.implementsCode,
    goalGroups: groups(row.goalGroups),
    taskGroups: groups(row.taskGroups),
    completeness: { goals: completeness(row.goalGroups), tasks: completeness(row.taskGroups) },
    reported: row.reported.map(claimOut),
  };
}

function completeness(groups: GroupCountRow[]): Completeness {
  return {
    recorded: groups.reduce((n, g) => n + g.recorded, 0),
    declared: groups.reduce((n, g) => n + (g.declaredCount ?? g.recorded), 0),
    incompleteGroups: groups.filter((g) => g.declaredCount !== null && g.declaredCount !== g.recorded).map((g) => g.code),
  };
}
