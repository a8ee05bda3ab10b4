import { DocumentEntity } from './document.entity';
import { GoalGroupEntity } from './goal-group.entity';
import { GoalEntity } from './goal.entity';
import { ImportRunEntity } from './import-run.entity';
import { IndicatorEntity } from './indicator.entity';
import { ObservationEntity } from './observation.entity';
import { OrgUnitEntity } from './org-unit.entity';
import { ProvinceIndicatorEntity } from './province-indicator.entity';
import { ReportedClaimEntity } from './reported-claim.entity';
import { TaskGroupEntity } from './task-group.entity';
import { TaskSupportEntity } from './task-support.entity';
import { TaskEntity } from './task.entity';

export {
  DocumentEntity,
  GoalGroupEntity,
  GoalEntity,
  ImportRunEntity,
  IndicatorEntity,
  ObservationEntity,
  OrgUnitEntity,
  ProvinceIndicatorEntity,
  ReportedClaimEntity,
  TaskGroupEntity,
  TaskSupportEntity,
  TaskEntity,
};

export const ENTITIES = [
  OrgUnitEntity,
  IndicatorEntity,
  ProvinceIndicatorEntity,
  DocumentEntity,
  GoalGroupEntity,
  TaskGroupEntity,
  GoalEntity,
  TaskEntity,
  TaskSupportEntity,
  ReportedClaimEntity,
  ObservationEntity,
  ImportRunEntity,
];
