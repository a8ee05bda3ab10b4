import { Column, Entity, PrimaryColumn } from 'typeorm';

/** Which province files declare an indicator (export writes these back). */
@Entity('province_indicator')
export class ProvinceIndicatorEntity {
  @PrimaryColumn('uuid', { name: 'province_id' }) provinceId: string;
  @PrimaryColumn('uuid', { name: 'indicator_id' }) indicatorId: string;
  @Column('int') position: number;
}
