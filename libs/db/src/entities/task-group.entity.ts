import { Entity } from 'typeorm';
import { ItemGroupColumns } from './item-group.columns';

@Entity('task_group')
export class TaskGroupEntity extends ItemGroupColumns {}
