import { Column, CreateDateColumn, Entity, PrimaryColumn, UpdateDateColumn, VersionColumn } from 'typeorm';
import type { PeriodKind } from '@dx/domain';
import { dateColumn, decimalColumn, textColumn } from './column-types';

/** One KPI value: indicator × org unit × period (× source). */
@Entity('observation')
export class ObservationEntity {
  @PrimaryColumn('uuid') id: string;
  @Column('uuid', { name: 'indicator_id' }) indicatorId: string;
  @Column('uuid', { name: 'org_unit_id' }) orgUnitId: string;
  @Column(textColumn()) period: string;
  @Column({ ...textColumn(), name: 'period_kind' }) periodKind: PeriodKind;
  @Column({ ...dateColumn(false), name: 'period_start' }) periodStart: string;
  @Column({ ...dateColumn(false), name: 'period_end' }) periodEnd: string;
  @Column(decimalColumn()) value: string | null;
  @Column(decimalColumn()) numerator: string | null;
  @Column(decimalColumn()) denominator: string | null;
  @Column(textColumn(true)) source: string | null;
  @Column(textColumn(true)) note: string | null;
  @Column({ ...textColumn(), name: 'entered_by' }) enteredBy: string;
  @Column({ type: 'timestamptz', name: 'entered_at' }) enteredAt: Date;
  @Column('uuid', { name: 'import_run_id', nullable: true }) importRunId: string | null;
  @Column('int') position: number;
  @VersionColumn() version: number;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' }) updatedAt: Date;
}
