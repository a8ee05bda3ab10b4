import { Column, Entity, PrimaryColumn } from 'typeorm';

/** An agency supporting a task's lead. */
@Entity('task_support')
export class TaskSupportEntity {
  @PrimaryColumn('uuid', { name: 'task_id' }) taskId: string;
  @PrimaryColumn('uuid', { name: 'org_unit_id' }) orgUnitId: string;
  @Column('int') position: number;
}
