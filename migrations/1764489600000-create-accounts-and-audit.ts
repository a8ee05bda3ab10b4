import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Who may do what: local accounts bound to a role and an org unit, refresh tokens and
 * API tokens (only their SHA-256 hashes are stored), the append-only audit log (a
 * trigger refuses UPDATE, DELETE and TRUNCATE for every role), idempotency keys of
 * writes, and the evidence fields a task update carries.
 */
export class CreateAccountsAndAudit1764489600000 implements MigrationInterface {
  name = 'CreateAccountsAndAudit1764489600000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE app_user (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        username text NOT NULL CONSTRAINT app_user_username_uq UNIQUE CHECK (username ~ '^[a-z0-9][a-z0-9._-]{1,62}$'),
        display_name text NOT NULL CHECK (display_name <> ''),
        password_hash text NOT NULL,
        role text NOT NULL CHECK (role IN ('admin', 'officer', 'reporter', 'leader', 'viewer')),
        -- The org unit the role is bound to; its province bounds everything the account sees. Admins may have none.
        org_unit_id uuid REFERENCES org_unit (id) ON DELETE RESTRICT,
        active boolean NOT NULL DEFAULT true,
        failed_logins integer NOT NULL DEFAULT 0,
        locked_until timestamptz,
        version integer NOT NULL DEFAULT 1,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT app_user_org_ck CHECK (role = 'admin' OR org_unit_id IS NOT NULL)
      )`);
    await q.query(`
      CREATE TABLE refresh_token (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        user_id uuid NOT NULL REFERENCES app_user (id) ON DELETE CASCADE,
        token_hash text NOT NULL CONSTRAINT refresh_token_hash_uq UNIQUE,
        expires_at timestamptz NOT NULL,
        revoked_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`
      CREATE TABLE api_token (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        user_id uuid NOT NULL REFERENCES app_user (id) ON DELETE CASCADE,
        name text NOT NULL CHECK (name <> ''),
        token_hash text NOT NULL CONSTRAINT api_token_hash_uq UNIQUE,
        scopes text[] NOT NULL CHECK (scopes <@ ARRAY['read', 'observations:write', 'tasks:write']::text[] AND cardinality(scopes) > 0),
        expires_at timestamptz,
        revoked_at timestamptz,
        last_used_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`
      CREATE TABLE audit_log (
        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        at timestamptz NOT NULL DEFAULT now(),
        actor_id uuid,
        actor text NOT NULL,
        ip text,
        request_id text,
        action text NOT NULL,
        entity_kind text NOT NULL,
        entity_id uuid,
        province_id uuid,
        before jsonb,
        after jsonb
      )`);
    await q.query(`CREATE INDEX audit_log_entity_idx ON audit_log (entity_kind, entity_id, id)`);
    await q.query(`CREATE INDEX audit_log_province_idx ON audit_log (province_id, id)`);
    await q.query(`
      CREATE FUNCTION dx_audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'audit_log is append-only: % refused', TG_OP USING ERRCODE = 'insufficient_privilege';
      END
      $$`);
    await q.query(`
      CREATE TRIGGER audit_log_append_only BEFORE UPDATE OR DELETE ON audit_log
        FOR EACH ROW EXECUTE FUNCTION dx_audit_log_append_only()`);
    await q.query(`
      CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log
        FOR EACH STATEMENT EXECUTE FUNCTION dx_audit_log_append_only()`);
    await q.query(`
      CREATE TABLE idempotency_key (
        user_id uuid NOT NULL REFERENCES app_user (id) ON DELETE CASCADE,
        key text NOT NULL,
        request_hash text NOT NULL,
        status integer NOT NULL,
        body jsonb NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (user_id, key)
      )`);
    await q.query(`ALTER TABLE task ADD COLUMN evidence_link text, ADD COLUMN last_comment text, ADD COLUMN updated_by text`);
    // Search that finds "chuyển đổi số" from "chuyen doi so": lower case without Vietnamese diacritics (NFC input).
    await q.query(`
      CREATE FUNCTION dx_fold(t text) RETURNS text LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
        SELECT lower(translate(t,
          'àÀáÁảẢãÃạẠăĂằẰắẮẳẲẵẴặẶâÂầẦấẤẩẨẫẪậẬèÈéÉẻẺẽẼẹẸêÊềỀếẾểỂễỄệỆìÌíÍỉỈĩĨịỊòÒóÓỏỎõÕọỌôÔồỒốỐổỔỗỖộỘơƠờỜớỚởỞỡỠợỢùÙúÚủỦũŨụỤưƯừỪứỨửỬữỮựỰỳỲýÝỷỶỹỸỵỴđĐ',
          'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaeeeeeeeeeeeeeeeeeeeeeeiiiiiiiiiioooooooooooooooooooooooooooooooooouuuuuuuuuuuuuuuuuuuuuuyyyyyyyyyydd'))
      $$`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP FUNCTION dx_fold(text)`);
    await q.query(`ALTER TABLE task DROP COLUMN evidence_link, DROP COLUMN last_comment, DROP COLUMN updated_by`);
    await q.query(`DROP TABLE idempotency_key`);
    await q.query(`DROP TABLE audit_log`);
    await q.query(`DROP FUNCTION dx_audit_log_append_only()`);
    await q.query(`DROP TABLE api_token`);
    await q.query(`DROP TABLE refresh_token`);
    await q.query(`DROP TABLE app_user`);
  }
}
