import { Test, TestingModule } from '@nestjs/testing';
import { TypeOrmModule } from '@nestjs/typeorm';
import {
  AccountRepository,
  AuditEntry,
  AuditRepository,
  DirectiveRepository,
  DocumentRepository,
  DtiFrameworkRepository,
  DtiRepository,
  IdempotencyRepository,
  ObservationRepository,
  ProvinceRepository,
  ReportRepository,
  RepositoriesModule,
  SubmissionRepository,
  TaskRepository,
} from '@dx/db';
import { createTestDatabase, TestDatabase } from '../support/test-database';

/** RepositoriesModule provides every repository on the app's DataSource; withTransaction binds one to a transaction. */
describe('RepositoriesModule', () => {
  let db: TestDatabase;
  let moduleRef: TestingModule;

  beforeAll(async () => {
    db = await createTestDatabase();
    moduleRef = await Test.createTestingModule({
      imports: [
        TypeOrmModule.forRootAsync({ useFactory: () => db.dataSource.options, dataSourceFactory: async () => db.dataSource }),
        RepositoriesModule,
      ],
    }).compile();
  });

  afterAll(async () => {
    await moduleRef?.close();
    await db?.drop();
  });

  it('provides each repository', () => {
    for (const repository of [
      AccountRepository,
      AuditRepository,
      DirectiveRepository,
      DocumentRepository,
      DtiFrameworkRepository,
      DtiRepository,
      IdempotencyRepository,
      ObservationRepository,
      ProvinceRepository,
      ReportRepository,
      SubmissionRepository,
      TaskRepository,
    ]) {
      expect(moduleRef.get(repository)).toBeInstanceOf(repository);
    }
  });

  it('runs a repository bound with withTransaction inside the transaction: rolled back with it, committed with it', async () => {
    const audit = moduleRef.get(AuditRepository);
    const entry = (action: string): AuditEntry => ({
      actor: null,
      actorLabel: 'jest',
      meta: null,
      action,
      entityKind: 'jest',
      entityId: null,
      provinceId: null,
      before: null,
      after: null,
    });
    const count = async () => (await audit.list({ provinceId: null, entityKind: 'jest', offset: 0, limit: 10 })).total;
    await expect(
      db.dataSource.transaction(async (m) => {
        await audit.withTransaction(m).append(entry('rolled-back'));
        throw new Error('roll back');
      }),
    ).rejects.toThrow('roll back');
    expect(await count()).toBe(0);
    await db.dataSource.transaction((m) => audit.withTransaction(m).append(entry('committed')));
    expect(await count()).toBe(1);
  });
});
