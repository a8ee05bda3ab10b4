import { Injectable } from '@nestjs/common';
import JSZip from 'jszip';
import { DataSource } from 'typeorm';
import { ProvinceRepository, readReminderTasks } from '@dx/db';
import { assertAccess, canApprove, DomainError, Principal, reportMessages, todayIn } from '@dx/domain';
import { buildReminderDispatches, DISPATCH_DUE_WITHIN_DAYS, dispatchFileName, type ReportHeading } from '@dx/reports';
import { TIME_ZONE } from '@dx/status-engine';
import { existingProvinceId } from '../common/readable-province';
import { ReminderDispatchDto } from './reminder-dispatch.dto';

export interface DispatchDownload {
  name: string;
  contentType: 'application/pdf' | 'application/zip';
  bytes: Buffer;
}

const clean = (v: string | undefined) => v?.trim().normalize('NFC') || undefined;

@Injectable()
export class ReminderDispatchService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly provinces: ProvinceRepository,
  ) {}

  /** The reminder dispatches (công văn đôn đốc) of a province: one PDF, or a ZIP of one PDF per agency. Officers and admins. */
  async dispatch(principal: Principal, dto: ReminderDispatchDto): Promise<DispatchDownload> {
    const code = dto.province.trim().toUpperCase();
    const provinceId = await existingProvinceId(this.provinces, code);
    assertAccess(canApprove(principal, provinceId), reportMessages.noRightToDispatch(code));
    const asOf = dto.asOf ?? todayIn(TIME_ZONE, new Date());
    const within = dto.within ?? DISPATCH_DUE_WITHIN_DAYS;
    const read = (await readReminderTasks(this.dataSource, code, asOf, within))!;
    const files = await buildReminderDispatches(
      { ...read, heading: read.heading as Partial<ReportHeading> | null },
      {
        mode: dto.mode ?? 'per-agency',
        agency: clean(dto.agency)?.toUpperCase(),
        number: clean(dto.number),
        signerName: clean(dto.signerName),
        signerTitle: clean(dto.signerTitle),
      },
    );
    if (!files.length) throw new DomainError('TASK_NOT_FOUND', reportMessages.nothingToDispatch(asOf, within));
    if (files.length === 1) return { name: files[0].name, contentType: 'application/pdf', bytes: files[0].bytes };
    const zip = new JSZip();
    for (const f of files) zip.file(f.name, f.bytes, { date: new Date(`${asOf}T00:00:00Z`) });
    const bytes = await zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' });
    return { name: dispatchFileName(code, null, asOf, 'zip'), contentType: 'application/zip', bytes };
  }
}
