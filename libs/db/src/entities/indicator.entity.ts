import { Column, CreateDateColumn, Entity, PrimaryColumn, UpdateDateColumn, VersionColumn } from 'typeorm';
import type { Direction, IndicatorKind } from '@dx/domain';
import { decimalColumn, textColumn } from './column-types';

/** What a KPI measures, shared by every province that uses its code (labels are per province). */
@Entity('indicator')
export class IndicatorEntity {
  @PrimaryColumn('uuid') id: string;
  @Column(textColumn()) code: string;
  /** The label of the first province that declared it; each province's own is in province_indicator. */
  @Column(textColumn()) name: string;
  @Column(textColumn()) unit: string;
  @Column(textColumn()) kind: IndicatorKind;
  @Column(decimalColumn()) scale: string | null;
  @Column(textColumn()) direction: Direction;
  /** The DTI figure that feeds it (`rank`, `government.score`…), null when it is entered as KPI values. */
  @Column({ ...textColumn(true), name: 'dti_figure' }) dtiFigure: string | null;
  @VersionColumn() version: number;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' }) updatedAt: Date;
}
