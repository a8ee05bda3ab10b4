import { Column, CreateDateColumn, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';
import { dateColumn, textColumn } from './column-types';

/** A total the document's own reports claim ("6/9 met, 4 still open"), kept to compare with what the data computes. */
@Entity('reported_claim')
export class ReportedClaimEntity {
  @PrimaryColumn('uuid') id: string;
  @Column('uuid', { name: 'document_id' }) documentId: string;
  /** `document` or a goal/task group code of the same document. */
  @Column(textColumn()) scope: string;
  @Column('int') met: number;
  @Column('int') of: number;
  @Column('int', { nullable: true }) open: number | null;
  @Column({ ...dateColumn(false), name: 'as_of' }) asOf: string;
  @Column(textColumn(true)) source: string | null;
  @Column('int') position: number;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' }) updatedAt: Date;
}
