import { Column, CreateDateColumn, Entity, PrimaryColumn, UpdateDateColumn, VersionColumn } from 'typeorm';
import type { DocumentScope, DocumentType } from '@dx/domain';
import { dateColumn, textColumn } from './column-types';

/** A resolution, plan, decision, programme or report, by its official number/symbol. */
@Entity('document')
export class DocumentEntity {
  @PrimaryColumn('uuid') id: string;
  @Column('uuid', { name: 'province_id' }) provinceId: string;
  @Column(textColumn()) code: string;
  @Column(textColumn()) type: DocumentType;
  @Column(textColumn()) issuer: string;
  @Column(dateColumn(false)) issued: string;
  @Column(textColumn()) title: string;
  @Column({ ...dateColumn(), name: 'period_from' }) periodFrom: string | null;
  @Column({ ...dateColumn(), name: 'period_to' }) periodTo: string | null;
  @Column(textColumn()) scope: DocumentScope;
  @Column('uuid', { name: 'implements_id', nullable: true }) implementsId: string | null;
  @Column('int') position: number;
  @VersionColumn() version: number;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' }) updatedAt: Date;
}
