import { Global, Module, Provider } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AccountRepository } from '../accounts/account.repository';
import { AuditRepository } from '../audit/audit.repository';
import { DtiFrameworkRepository } from '../dti/dti-framework.repository';
import { DtiRepository } from '../dti/dti.repository';
import { DeliveryRepository } from '../notifications/delivery.repository';
import { NotificationInboxRepository } from '../notifications/notification-inbox.repository';
import { NotificationRepository } from '../notifications/notification.repository';
import { ReportDeliveryRepository } from '../notifications/report-delivery.repository';
import { ReportRepository } from '../reports/report.repository';
import { DirectiveRepository } from './directive.repository';
import { DocumentRepository } from './document.repository';
import { IdempotencyRepository } from './idempotency.repository';
import { ObservationRepository } from './observation.repository';
import { ObservationEditRepository } from './observation-edit.repository';
import { PlanItemRepository } from './plan-item.repository';
import { ProvinceRepository } from './province.repository';
import { SubmissionRepository } from './submission.repository';
import { TaskRepository } from './task.repository';

/** Built on the DataSource itself, as the services built them before they were injected. */
const ON_DATA_SOURCE = [
  AccountRepository,
  AuditRepository,
  DeliveryRepository,
  DirectiveRepository,
  DocumentRepository,
  DtiRepository,
  NotificationInboxRepository,
  NotificationRepository,
  ObservationRepository,
  ObservationEditRepository,
  PlanItemRepository,
  ProvinceRepository,
  ReportDeliveryRepository,
  ReportRepository,
  SubmissionRepository,
  TaskRepository,
] as const;
/** Built on the DataSource's manager (their constructors take an EntityManager). */
const ON_MANAGER = [DtiFrameworkRepository, IdempotencyRepository] as const;

const providers: Provider[] = [
  ...ON_DATA_SOURCE.map((repository) => ({
    provide: repository,
    useFactory: (ds: DataSource) => new repository(ds),
    inject: [DataSource],
  })),
  ...ON_MANAGER.map((repository) => ({
    provide: repository,
    useFactory: (ds: DataSource) => new repository(ds.manager),
    inject: [DataSource],
  })),
];

/**
 * The repositories as Nest providers, built on the DataSource that TypeOrmModule provides (the embedded
 * database's or PostgreSQL's alike). Global: services declare the repositories they use in their
 * constructors and, inside `dataSource.transaction(async (m) => …)`, use `repository.withTransaction(m)`.
 * Tests, the bench and the CLI may still construct repositories on a manager or DataSource.
 */
@Global()
@Module({ providers, exports: [...ON_DATA_SOURCE, ...ON_MANAGER] })
export class RepositoriesModule {}
