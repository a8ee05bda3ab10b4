import { Column, CreateDateColumn, Entity, PrimaryColumn, UpdateDateColumn, VersionColumn } from 'typeorm';
import { dateColumn, textColumn } from './column-types';

export type OrgUnitKind = 'province' | 'department' | 'district' | 'commune' | 'other';

/** A province or a unit under it; valid_from/valid_to record reorganisations without rewriting history. */
@Entity('org_unit')
export class OrgUnitEntity {
  @PrimaryColumn('uuid') id: string;
  /** The province itself for a province row. */
  @Column('uuid', { name: 'province_id' }) provinceId: string;
  @Column(textColumn()) code: string;
  @Column(textColumn()) name: string;
  @Column(textColumn()) kind: OrgUnitKind;
  @Column('uuid', { name: 'parent_id', nullable: true }) parentId: string | null;
  @Column({ ...dateColumn(), name: 'valid_from' }) validFrom: string | null;
  @Column({ ...dateColumn(), name: 'valid_to' }) validTo: string | null;
  /** A province's official statistical code on the map it is valid on (e.g. "22"), when matched to the reference list. */
  @Column({ ...textColumn(true), name: 'official_code' }) officialCode: string | null;
  @Column('int') position: number;
  @VersionColumn() version: number;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' }) updatedAt: Date;
}
