import { CreatePlanSchema1764230400000 } from './1764230400000-create-plan-schema';
import { CreateStatusTables1764316800000 } from './1764316800000-create-status-tables';
import { SplitKpiRecompute1764403200000 } from './1764403200000-split-kpi-recompute';
import { CreateAccountsAndAudit1764489600000 } from './1764489600000-create-accounts-and-audit';
import { CreateWorkflow1764576000000 } from './1764576000000-create-workflow';
import { CreateReports1764748800000 } from './1764748800000-create-reports';
import { CreateDti1764835200000 } from './1764835200000-create-dti';
import { DtiFrameworks1764921600000 } from './1764921600000-dti-frameworks';
import { OrgReorganisations1765008000000 } from './1765008000000-org-reorganisations';
import { KpiComparisonLatestIndex1765094400000 } from './1765094400000-kpi-comparison-latest-index';
import { ReportJobId1765180800000 } from './1765180800000-report-job-id';
import { SummaryStamp1765267200000 } from './1765267200000-summary-stamp';
import { TaskStateAsOf1765353600000 } from './1765353600000-task-state-as-of';
import { DtiResultSummaryStamp1765440000000 } from './1765440000000-dti-result-summary-stamp';
import { PlanItemsEditedOnWeb1770000000019 } from './1770000000019-plan-items-edited-on-web';
import { ReportNumberSignerDocx1770000000023 } from './1770000000023-report-number-signer-docx';
import { Notifications1770000000040 } from './1770000000040-notifications';
import { ReportScheduleRecipients1770000000050 } from './1770000000050-report-schedule-recipients';
import { KpiComparisonSetChecks1770000000070 } from './1770000000070-kpi-comparison-set-checks';
import { WorkStamp1770000000080 } from './1770000000080-work-stamp';

/** Every migration, in order. The only way the schema changes. */
export const MIGRATIONS = [
  CreatePlanSchema1764230400000,
  CreateStatusTables1764316800000,
  SplitKpiRecompute1764403200000,
  CreateAccountsAndAudit1764489600000,
  CreateWorkflow1764576000000,
  CreateReports1764748800000,
  CreateDti1764835200000,
  DtiFrameworks1764921600000,
  OrgReorganisations1765008000000,
  KpiComparisonLatestIndex1765094400000,
  ReportJobId1765180800000,
  SummaryStamp1765267200000,
  TaskStateAsOf1765353600000,
  DtiResultSummaryStamp1765440000000,
  PlanItemsEditedOnWeb1770000000019,
  ReportNumberSignerDocx1770000000023,
  Notifications1770000000040,
  ReportScheduleRecipients1770000000050,
  KpiComparisonSetChecks1770000000070,
  WorkStamp1770000000080,
];
