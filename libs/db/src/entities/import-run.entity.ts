import { Column, Entity, PrimaryColumn } from 'typeorm';
import { textColumn } from './column-types';

/** One successful `cli import`: what file, who, when, what changed, which warnings. */
@Entity('import_run')
export class ImportRunEntity {
  @PrimaryColumn('uuid') id: string;
  @Column('uuid', { name: 'province_id', nullable: true }) provinceId: string | null;
  @Column({ ...textColumn(), name: 'province_code' }) provinceCode: string;
  @Column({ ...textColumn(), name: 'file_name' }) fileName: string;
  @Column(textColumn()) checksum: string;
  @Column(textColumn()) actor: string;
  @Column('boolean') pruned: boolean;
  @Column('jsonb') counts: Record<string, unknown>;
  @Column('jsonb') warnings: unknown[];
  @Column({ type: 'timestamptz', name: 'started_at' }) startedAt: Date;
  @Column({ type: 'timestamptz', name: 'finished_at' }) finishedAt: Date;
}
