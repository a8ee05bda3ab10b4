import { INestApplication } from '@nestjs/common';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { AccountRepository, createDataSource, onPrimary, onReadConnection, OrgUnitEntity, PlanImporter } from '@dx/db';
import { smallPlanText, validPlan } from '../factories/plan-file.factory';
import { as, createTestApp, signIn } from '../support/test-app';
import { createTestDatabase, TestDatabase } from '../support/test-database';

/**
 * DATABASE_READ_URL pointed at a second database holding other rows than the primary (province PRI
 * on the primary, REP on the "replica"), so every answer says which connection gave it.
 */
describe('the read connection (DATABASE_READ_URL)', () => {
  let primary: TestDatabase;
  let replica: TestDatabase;

  const importPlan = (db: TestDatabase, code: string) =>
    new PlanImporter(db.dataSource).run(validPlan(smallPlanText(code)), {
      fileName: 't.yaml',
      actor: 'jest',
      prune: false,
      dryRun: false,
      now: new Date(),
    });

  beforeAll(async () => {
    [primary, replica] = await Promise.all([createTestDatabase(), createTestDatabase()]);
    await importPlan(primary, 'PRI');
    await importPlan(replica, 'REP');
  });
  afterAll(async () => {
    await primary?.drop();
    await replica?.drop();
  });

  describe('a data source with a read connection', () => {
    let ds: DataSource;
    beforeAll(async () => {
      ds = await createDataSource(primary.url, 2, replica.url).initialize();
    });
    afterAll(async () => {
      await ds?.destroy();
    });

    /** The database that answers raw queries, transactions, entity reads and query runners asked for without a mode. */
    const answering = async () => {
      const raw = (await ds.query('SELECT current_database() AS name'))[0].name;
      const inTransaction = await ds.transaction(async (m) => (await m.query('SELECT current_database() AS name'))[0].name);
      const entities = (await ds.getRepository(OrgUnitEntity).find({ where: { kind: 'province' } })).map((o) => o.code);
      const runner = ds.createQueryRunner();
      try {
        return { raw, inTransaction, entities, runner: (await runner.query('SELECT current_database() AS name'))[0].name };
      } finally {
        await runner.release();
      }
    };

    it('uses the primary for everything outside a read request', async () => {
      expect(await answering()).toEqual({ raw: primary.name, inTransaction: primary.name, entities: ['PRI'], runner: primary.name });
    });

    it('uses the read connection for everything inside one, and the primary where asked', async () => {
      const onMaster = async () => {
        const runner = ds.createQueryRunner('master');
        try {
          return await runner.query('SELECT current_database() AS name');
        } finally {
          await runner.release();
        }
      };
      const inside = await onReadConnection(async () => ({
        read: await answering(),
        primary: await onPrimary(answering),
        masterRunner: await onMaster(),
      }));
      expect(inside.read).toEqual({ raw: replica.name, inTransaction: replica.name, entities: ['REP'], runner: replica.name });
      expect(inside.primary).toEqual({ raw: primary.name, inTransaction: primary.name, entities: ['PRI'], runner: primary.name });
      expect(inside.masterRunner).toEqual([{ name: primary.name }]);
    });
  });

  describe('the API', () => {
    let app: INestApplication | undefined;
    afterEach(async () => {
      await app?.close();
      app = undefined;
    });

    it('answers GET requests from the read connection and writes to the primary', async () => {
      app = await createTestApp(primary, { env: { DATABASE_READ_URL: replica.url } });
      const admin = as(app, (await signIn(app, primary, 'admin')).token);
      const provinces = async (api: ReturnType<typeof as>) =>
        (await api.get('/api/v1/provinces').expect(200)).body.items.map((p: { code: string }) => p.code);
      expect(await provinces(admin)).toEqual(['REP']);
      // The summary's stamp (which validates its cache) is read where the summary is: PRI is not there.
      expect((await admin.get('/api/v1/provinces/PRI/summary').expect(404)).body.code).toBe('PROVINCE_NOT_FOUND');
      const health = await request(app.getHttpServer()).get('/health').expect(200);
      expect(health.body.info).toMatchObject({ database: { status: 'up' }, readDatabase: { status: 'up' } });

      // An API token is checked and its use recorded on the primary, even for a GET answered from the replica.
      const accounts = new AccountRepository(primary.dataSource);
      const reader = await signIn(app, primary, 'viewer', 'PRI');
      const { id: tokenId, token } = await accounts.createApiToken(reader.username, 'đọc', ['read'], null);
      expect(await provinces(as(app, token))).toEqual([]);
      const [used] = await primary.dataSource.query('SELECT last_used_at FROM api_token WHERE id = $1', [tokenId]);
      expect(used.last_used_at).toBeInstanceOf(Date);

      // A PATCH reads and writes on the primary; a GET of the same task then asks the replica, which has no such task.
      const officer = as(app, (await signIn(app, primary, 'officer', 'PRI', 'STTTT')).token);
      const [task] = await primary.dataSource.query(`SELECT id, version FROM task WHERE code = 'NV1.1'`);
      await officer.patch(`/api/v1/tasks/${task.id}`).set('If-Match', `"${task.version}"`).send({ progress: 60 }).expect(200);
      expect(await primary.dataSource.query(`SELECT progress FROM task WHERE id = $1`, [task.id])).toEqual([{ progress: 60 }]);
      expect(await replica.dataSource.query(`SELECT progress FROM task WHERE code = 'NV1.1'`)).toEqual([{ progress: 40 }]);
      await officer.get(`/api/v1/tasks/${task.id}`).expect(404);
    });

    it('by default reads from the same database on read-only connections, so a read route that writes fails', async () => {
      app = await createTestApp(primary);
      const ds = app.get(DataSource);
      const readOnly = async () => (await ds.query('SHOW transaction_read_only'))[0].transaction_read_only;
      expect(await onReadConnection(readOnly)).toBe('on');
      expect(await readOnly()).toBe('off');
      await expect(onReadConnection(() => ds.query(`UPDATE task SET progress = progress`))).rejects.toMatchObject({
        driverError: { code: '25006' },
      });
      const admin = as(app, (await signIn(app, primary, 'admin')).token);
      expect((await admin.get('/api/v1/provinces').expect(200)).body.items.map((p: { code: string }) => p.code)).toEqual(['PRI']);
    });

    it('answers everything from the primary without DATABASE_READ_URL', async () => {
      app = await createTestApp(primary, { env: { DATABASE_READ_URL: '' } });
      const admin = as(app, (await signIn(app, primary, 'admin')).token);
      expect((await admin.get('/api/v1/provinces').expect(200)).body.items.map((p: { code: string }) => p.code)).toEqual(['PRI']);
      await admin.get('/api/v1/provinces/PRI/summary').expect(200);
      const health = await request(app.getHttpServer()).get('/health').expect(200);
      expect(Object.keys(health.body.info).sort()).toEqual(['database', 'queue']);
    });
  });
});
