import { Entity } from 'typeorm';
import { ItemGroupColumns } from './item-group.columns';

@Entity('goal_group')
export class GoalGroupEntity extends ItemGroupColumns {}
