import { Column, CreateDateColumn, Entity, PrimaryColumn, UpdateDateColumn, VersionColumn } from 'typeorm';
import type { ComparisonOp, ReportedStatus } from '@dx/domain';
import { dateColumn, decimalColumn, textColumn } from './column-types';

/** A target: quantitative (indicator, operator, value) or a milestone. */
@Entity('goal')
export class GoalEntity {
  @PrimaryColumn('uuid') id: string;
  @Column('uuid', { name: 'document_id' }) documentId: string;
  @Column('uuid', { name: 'group_id' }) groupId: string;
  @Column(textColumn()) code: string;
  @Column(textColumn()) title: string;
  @Column(textColumn()) kind: 'quantitative' | 'milestone';
  @Column('uuid', { name: 'indicator_id', nullable: true }) indicatorId: string | null;
  @Column({ ...textColumn(true), name: 'target_op' }) targetOp: ComparisonOp | null;
  @Column({ ...decimalColumn(), name: 'target_value' }) targetValue: string | null;
  @Column({ ...decimalColumn(), name: 'baseline_value' }) baselineValue: string | null;
  @Column({ ...dateColumn(), name: 'baseline_date' }) baselineDate: string | null;
  @Column(dateColumn(false)) due: string;
  @Column({ ...textColumn(true), name: 'reported_status' }) reportedStatus: ReportedStatus | null;
  @Column({ ...dateColumn(), name: 'reported_as_of' }) reportedAsOf: string | null;
  @Column({ ...textColumn(true), name: 'evidence_number' }) evidenceNumber: string | null;
  @Column({ ...dateColumn(), name: 'evidence_date' }) evidenceDate: string | null;
  @Column({ ...textColumn(true), name: 'evidence_issuer' }) evidenceIssuer: string | null;
  @Column(textColumn(true)) source: string | null;
  @Column(textColumn(true)) note: string | null;
  /** `web`: added in the web app; `import`: recorded from a plan file. */
  @Column({ ...textColumn(), default: 'import' }) origin: 'import' | 'web';
  /** When the web app last changed what a plan file states; null once a file states it again. */
  @Column('timestamptz', { name: 'web_edited_at', nullable: true }) webEditedAt: Date | null;
  @Column({ ...textColumn(true), name: 'cancel_reason' }) cancelReason: string | null;
  @Column('timestamptz', { name: 'cancelled_at', nullable: true }) cancelledAt: Date | null;
  @Column('int') position: number;
  @VersionColumn() version: number;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' }) updatedAt: Date;
}
