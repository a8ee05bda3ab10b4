import { Column, Entity, PrimaryColumn, VersionColumn } from 'typeorm';
import type { ComparisonOp } from '@dx/domain';
import { dateColumn, decimalColumn, textColumn } from './column-types';

/** An indicator as one province's file declares it: its label and national target, in file order. */
@Entity('province_indicator')
export class ProvinceIndicatorEntity {
  @PrimaryColumn('uuid', { name: 'province_id' }) provinceId: string;
  @PrimaryColumn('uuid', { name: 'indicator_id' }) indicatorId: string;
  @Column(textColumn()) name: string;
  @Column({ ...textColumn(true), name: 'national_target_op' }) nationalTargetOp: ComparisonOp | null;
  @Column({ ...decimalColumn(), name: 'national_target_value' }) nationalTargetValue: string | null;
  @Column({ ...dateColumn(), name: 'national_target_due' }) nationalTargetDue: string | null;
  @Column({ ...textColumn(true), name: 'national_target_source' }) nationalTargetSource: string | null;
  @Column('int') position: number;
  @VersionColumn() version: number;
}
