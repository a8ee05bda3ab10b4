import { Column, CreateDateColumn, PrimaryColumn, UpdateDateColumn, VersionColumn } from 'typeorm';
import { textColumn } from './column-types';

/** Columns shared by goal groups and task groups (each its own table). */
export abstract class ItemGroupColumns {
  @PrimaryColumn('uuid') id: string;
  @Column('uuid', { name: 'document_id' }) documentId: string;
  @Column(textColumn()) code: string;
  @Column(textColumn()) name: string;
  /** How many goals or tasks the document says the group has. */
  @Column('int', { name: 'declared_count', nullable: true }) declaredCount: number | null;
  @Column('int') position: number;
  @VersionColumn() version: number;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' }) updatedAt: Date;
}
