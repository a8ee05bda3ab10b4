import { Column, CreateDateColumn, Entity, PrimaryColumn, UpdateDateColumn, VersionColumn } from 'typeorm';
import type { TaskStatus } from '@dx/domain';
import { dateColumn, textColumn } from './column-types';

@Entity('task')
export class TaskEntity {
  @PrimaryColumn('uuid') id: string;
  @Column('uuid', { name: 'document_id' }) documentId: string;
  @Column('uuid', { name: 'group_id' }) groupId: string;
  @Column(textColumn()) code: string;
  @Column(textColumn()) title: string;
  @Column('uuid', { name: 'lead_id' }) leadId: string;
  @Column(dateColumn()) due: string | null;
  @Column(textColumn()) status: TaskStatus;
  @Column('int', { nullable: true }) progress: number | null;
  @Column({ ...textColumn(true), name: 'evidence_number' }) evidenceNumber: string | null;
  @Column({ ...dateColumn(), name: 'evidence_date' }) evidenceDate: string | null;
  @Column({ ...textColumn(true), name: 'evidence_issuer' }) evidenceIssuer: string | null;
  /** `web`: added in the web app; `import`: recorded from a plan file. */
  @Column({ ...textColumn(), default: 'import' }) origin: 'import' | 'web';
  /** When the web app last changed what a plan file states; null once a file states it again. */
  @Column('timestamptz', { name: 'web_edited_at', nullable: true }) webEditedAt: Date | null;
  @Column({ ...textColumn(true), name: 'cancel_reason' }) cancelReason: string | null;
  @Column('int') position: number;
  @VersionColumn() version: number;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' }) updatedAt: Date;
}
