import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Reaching people (issue 20): an account's email address (unique regardless of case), the in-app
 * inbox (`notification`, one row per account and event), the outgoing email and webhook deliveries
 * (`notification_delivery`, whose idempotency key (event, recipient, channel) is stored before
 * anything is sent), each account's choice per kind of event, a province's reminder days and
 * webhook, and the producer's cursor over the audit log and the status events (its row is made at the producer's first
 * pass, after what is already written: an upgraded database does not notify its past; a fresh one stays empty
 * for `restore`).
 */
export class Notifications1770000000040 implements MigrationInterface {
  name = 'Notifications1770000000040';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE app_user ADD COLUMN email text CHECK (email IS NULL OR email ~ '^[^@[:space:]]+@[^@[:space:]]+$')`);
    await q.query(`CREATE UNIQUE INDEX app_user_email_uq ON app_user (lower(email)) WHERE email IS NOT NULL`);
    await q.query(`
      CREATE TABLE notification (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        account_id uuid NOT NULL REFERENCES app_user (id) ON DELETE CASCADE,
        kind text NOT NULL,
        event_key text NOT NULL,
        province_id uuid REFERENCES org_unit (id) ON DELETE CASCADE,
        title text NOT NULL,
        body text NOT NULL,
        link text,
        entity_kind text,
        entity_id uuid,
        created_at timestamptz NOT NULL DEFAULT now(),
        read_at timestamptz,
        CONSTRAINT notification_event_uq UNIQUE (account_id, event_key)
      )`);
    await q.query(`CREATE INDEX notification_account_idx ON notification (account_id, created_at DESC, id)`);
    await q.query(`CREATE INDEX notification_unread_idx ON notification (account_id) WHERE read_at IS NULL`);
    await q.query(`
      CREATE TABLE notification_delivery (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        notification_id uuid REFERENCES notification (id) ON DELETE SET NULL,
        province_id uuid REFERENCES org_unit (id) ON DELETE CASCADE,
        kind text NOT NULL,
        channel text NOT NULL CHECK (channel IN ('email', 'webhook')),
        recipient text NOT NULL CHECK (recipient <> ''),
        event_key text NOT NULL,
        idempotency_key text NOT NULL CONSTRAINT notification_delivery_idem_uq UNIQUE,
        status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'sent', 'failed')),
        attempts integer NOT NULL DEFAULT 0,
        last_error text,
        next_attempt_at timestamptz NOT NULL DEFAULT now(),
        sent_at timestamptz,
        payload jsonb NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(
      `CREATE INDEX notification_delivery_due_idx ON notification_delivery (channel, next_attempt_at) WHERE status = 'pending'`,
    );
    await q.query(`CREATE INDEX notification_delivery_province_idx ON notification_delivery (province_id, status, created_at DESC)`);
    await q.query(`
      CREATE TABLE notification_preference (
        account_id uuid NOT NULL REFERENCES app_user (id) ON DELETE CASCADE,
        kind text NOT NULL,
        mode text NOT NULL CHECK (mode IN ('in_app', 'email', 'both')),
        digest boolean NOT NULL DEFAULT false,
        updated_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (account_id, kind)
      )`);
    await q.query(`
      CREATE TABLE province_notification_setting (
        province_id uuid PRIMARY KEY REFERENCES org_unit (id) ON DELETE CASCADE,
        due_soon_days integer[] NOT NULL DEFAULT '{7,1}' CHECK (0 < ALL (due_soon_days) AND 366 > ALL (due_soon_days)),
        webhook_url text CHECK (webhook_url IS NULL OR webhook_url ~ '^https?://'),
        webhook_secret text,
        version integer NOT NULL DEFAULT 1,
        updated_at timestamptz NOT NULL DEFAULT now(),
        updated_by text
      )`);
    await q.query(`
      CREATE TABLE notification_cursor (
        name text PRIMARY KEY,
        last_audit_id bigint NOT NULL DEFAULT 0,
        last_status_event_id bigint NOT NULL DEFAULT 0,
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE notification_cursor`);
    await q.query(`DROP TABLE province_notification_setting`);
    await q.query(`DROP TABLE notification_preference`);
    await q.query(`DROP TABLE notification_delivery`);
    await q.query(`DROP TABLE notification`);
    await q.query(`DROP INDEX app_user_email_uq`);
    await q.query(`ALTER TABLE app_user DROP COLUMN email`);
  }
}
