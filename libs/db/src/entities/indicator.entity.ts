import { Column, CreateDateColumn, Entity, PrimaryColumn, UpdateDateColumn, VersionColumn } from 'typeorm';
import type { ComparisonOp, Direction, IndicatorKind } from '../../../domain/src';
import { dateColumn, decimalColumn, textColumn } from './column-types';

/** A KPI definition, shared by every province that uses its code. */
@Entity('indicator')
export class IndicatorEntity {
  @PrimaryColumn('uuid') id: string;
  @Column(textColumn()) code: string;
  @Column(textColumn()) name: string;
  @Column(textColumn()) unit: string;
  @Column(textColumn()) kind: IndicatorKind;
  @Column(decimalColumn()) scale: string | null;
  @Column(textColumn()) direction: Direction;
  @Column({ ...textColumn(true), name: 'national_target_op' }) nationalTargetOp: ComparisonOp | null;
  @Column({ ...decimalColumn(), name: 'national_target_value' }) nationalTargetValue: string | null;
  @Column({ ...dateColumn(), name: 'national_target_due' }) nationalTargetDue: string | null;
  @Column({ ...textColumn(true), name: 'national_target_source' }) nationalTargetSource: string | null;
  @VersionColumn() version: number;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' }) updatedAt: Date;
}
