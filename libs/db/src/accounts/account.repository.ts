import { DataSource, EntityManager } from 'typeorm';
import { authMessages, DomainError, orgMessages, Principal, Role, TokenScope } from '@dx/domain';
import { onPrimary } from '../read-connection';
import { generatePassword, hashPassword, newToken, tokenHash, verifyPassword } from './secrets';

export interface AccountRow {
  id: string;
  username: string;
  displayName: string;
  role: Role;
  orgUnitId: string | null;
  orgUnitCode: string | null;
  provinceId: string | null;
  provinceCode: string | null;
  active: boolean;
}

export interface CreateAccount {
  username: string;
  displayName: string;
  role: Role;
  /** Org unit code within `province` (or the province's own code); none for an admin. */
  province?: string;
  orgUnit?: string;
  /** Generated (and returned) when absent. */
  password?: string;
}

/** Failed sign-ins in a row before an account is locked, and for how long. */
export const MAX_FAILED_LOGINS = 5;
export const LOCK_MINUTES = 15;
export const MIN_PASSWORD_LENGTH = 10;

const SELECT = `SELECT a.id, a.username, a.display_name AS "displayName", a.role, a.org_unit_id AS "orgUnitId", u.code AS "orgUnitCode",
                       u.province_id AS "provinceId", p.code AS "provinceCode", a.active
                  FROM app_user a LEFT JOIN org_unit u ON u.id = a.org_unit_id LEFT JOIN org_unit p ON p.id = u.province_id`;

export function principalOf(a: AccountRow, scopes: TokenScope[] | null = null): Principal {
  return { userId: a.id, username: a.username, role: a.role, orgUnitId: a.orgUnitId, provinceId: a.provinceId, scopes };
}

/** Accounts, sign-in checks, refresh and API tokens. All account SQL lives here. */
export class AccountRepository {
  constructor(private readonly db: DataSource | EntityManager) {}

  /** The same repository on a transaction's manager: its queries run in that transaction. */
  withTransaction(manager: EntityManager): AccountRepository {
    return new AccountRepository(manager);
  }

  async create(input: CreateAccount): Promise<{ account: AccountRow; password: string }> {
    const username = input.username.trim().toLowerCase();
    if (!/^[a-z0-9][a-z0-9._-]{1,62}$/.test(username)) {
      throw new DomainError('INVALID_INPUT', authMessages.usernameRules());
    }
    const password = input.password ?? generatePassword();
    if (password.length < MIN_PASSWORD_LENGTH) throw new DomainError('INVALID_INPUT', authMessages.passwordTooShort(MIN_PASSWORD_LENGTH));
    const orgUnitId = await this.resolveOrgUnit(input);
    const rows: { id: string }[] = await this.db.query(
      `INSERT INTO app_user (username, display_name, password_hash, role, org_unit_id) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (username) DO NOTHING RETURNING id`,
      [username, input.displayName.trim().normalize('NFC') || username, await hashPassword(password), input.role, orgUnitId],
    );
    if (!rows.length) throw new DomainError('USER_EXISTS', authMessages.userExists(username));
    const { id } = rows[0];
    return { account: (await this.findById(id))!, password };
  }

  private async resolveOrgUnit(input: CreateAccount): Promise<string | null> {
    if (input.role === 'admin' && !input.province) return null;
    if (!input.province) throw new DomainError('INVALID_INPUT', authMessages.provinceRequired(input.role));
    const province = input.province.trim().toUpperCase();
    const code = (input.orgUnit ?? province).trim();
    const [row] = await this.db.query(
      `SELECT u.id FROM org_unit u JOIN org_unit p ON p.id = u.province_id WHERE p.code = $1 AND p.kind = 'province' AND u.code = $2`,
      [province, code],
    );
    if (!row) throw new DomainError('ORG_UNIT_NOT_FOUND', orgMessages.orgUnitNotFoundInProvince(code, province));
    return row.id;
  }

  async findById(id: string): Promise<AccountRow | null> {
    const [row] = await this.db.query(`${SELECT} WHERE a.id = $1`, [id]);
    return row ?? null;
  }

  async findByUsername(username: string): Promise<AccountRow | null> {
    const [row] = await this.db.query(`${SELECT} WHERE a.username = $1`, [username.trim().toLowerCase()]);
    return row ?? null;
  }

  /**
   * Checks a password. Unknown users, wrong passwords, inactive and locked accounts all
   * fail the same way to the caller (no account enumeration); `MAX_FAILED_LOGINS` failures in a row lock the account.
   */
  async authenticate(username: string, password: string, now: Date): Promise<AccountRow> {
    const [row] = await this.db.query(`SELECT id, password_hash, active, locked_until, failed_logins FROM app_user WHERE username = $1`, [
      username.trim().toLowerCase(),
    ]);
    if (!row) {
      // Same work as a real check, so timing does not tell which usernames exist.
      await verifyPassword('$argon2id$v=19$m=19456,t=2,p=1$c29tZXNhbHRzb21lc2FsdA$6OhzmX9y4qzCh5+QoTiYyX4rmwTGZ2XjDeCKVtGkC0U', password);
      throw new DomainError('INVALID_CREDENTIALS', authMessages.wrongCredentials());
    }
    if (row.locked_until && new Date(row.locked_until) > now) {
      throw new DomainError('ACCOUNT_LOCKED', authMessages.locked(new Date(row.locked_until)));
    }
    if (!row.active || !(await verifyPassword(row.password_hash, password))) {
      await this.db.query(
        `UPDATE app_user SET failed_logins = failed_logins + 1,
                locked_until = CASE WHEN failed_logins + 1 >= $2 THEN $3::timestamptz + make_interval(mins => $4) END
          WHERE id = $1`,
        [row.id, MAX_FAILED_LOGINS, now.toISOString(), LOCK_MINUTES],
      );
      throw new DomainError('INVALID_CREDENTIALS', authMessages.wrongCredentials());
    }
    await this.db.query(`UPDATE app_user SET failed_logins = 0, locked_until = NULL WHERE id = $1 AND failed_logins > 0`, [row.id]);
    return (await this.findById(row.id))!;
  }

  async setPassword(username: string, password: string | undefined): Promise<string> {
    const pw = password ?? generatePassword();
    if (pw.length < MIN_PASSWORD_LENGTH) throw new DomainError('INVALID_INPUT', authMessages.passwordTooShort(MIN_PASSWORD_LENGTH));
    const rows = await this.db.query(
      `UPDATE app_user SET password_hash = $2, failed_logins = 0, locked_until = NULL, version = version + 1, updated_at = now()
        WHERE username = $1 RETURNING id`,
      [username.trim().toLowerCase(), await hashPassword(pw)],
    );
    if (!(rows[0] as unknown[]).length) throw new DomainError('USER_NOT_FOUND', authMessages.userNotFound(username));
    // A new password ends every session.
    await this.db.query(`UPDATE refresh_token SET revoked_at = now() WHERE user_id = $1 AND revoked_at IS NULL`, [
      (rows[0] as { id: string }[])[0].id,
    ]);
    return pw;
  }

  async issueRefreshToken(userId: string, now: Date, ttlDays: number): Promise<string> {
    const token = newToken('dxr_');
    await this.db.query(
      `INSERT INTO refresh_token (user_id, token_hash, expires_at) VALUES ($1, $2, $3::timestamptz + make_interval(days => $4))`,
      [userId, tokenHash(token), now.toISOString(), ttlDays],
    );
    return token;
  }

  /** Uses up a refresh token (rotation: each works once) and returns its account, or null if unknown, used, expired or inactive. */
  async consumeRefreshToken(token: string, now: Date): Promise<AccountRow | null> {
    const rows = await this.db.query(
      `UPDATE refresh_token SET revoked_at = $2 WHERE token_hash = $1 AND revoked_at IS NULL AND expires_at > $2 RETURNING user_id`,
      [tokenHash(token), now.toISOString()],
    );
    const userId = (rows[0] as { user_id: string }[])[0]?.user_id;
    if (!userId) return null;
    const account = await this.findById(userId);
    return account?.active ? account : null;
  }

  async revokeRefreshToken(token: string): Promise<void> {
    await this.db.query(`UPDATE refresh_token SET revoked_at = now() WHERE token_hash = $1 AND revoked_at IS NULL`, [tokenHash(token)]);
  }

  async createApiToken(
    username: string,
    name: string,
    scopes: TokenScope[],
    expiresAt: string | null,
  ): Promise<{ id: string; token: string }> {
    const account = await this.findByUsername(username);
    if (!account) throw new DomainError('USER_NOT_FOUND', authMessages.userNotFound(username));
    const token = newToken('dxt_');
    const [{ id }] = await this.db.query(
      `INSERT INTO api_token (user_id, name, token_hash, scopes, expires_at) VALUES ($1, $2, $3, $4, $5) RETURNING id`,
      [account.id, name, tokenHash(token), scopes, expiresAt],
    );
    return { id, token };
  }

  async revokeApiToken(id: string): Promise<boolean> {
    const rows = await this.db.query(`UPDATE api_token SET revoked_at = now() WHERE id = $1 AND revoked_at IS NULL RETURNING id`, [id]);
    return (rows[0] as unknown[]).length > 0;
  }

  /**
   * The principal an API token acts as, or null if unknown, revoked, expired or its account inactive.
   * On the primary for every request (GETs too): it records the token's last use, and a revocation
   * takes effect at once rather than after a replica's lag.
   */
  principalForApiToken(token: string, now: Date): Promise<Principal | null> {
    return onPrimary(() => this.apiTokenPrincipal(token, now));
  }

  private async apiTokenPrincipal(token: string, now: Date): Promise<Principal | null> {
    const [row] = await this.db
      .query(
        `UPDATE api_token SET last_used_at = $2 WHERE token_hash = $1 AND revoked_at IS NULL AND (expires_at IS NULL OR expires_at > $2)
       RETURNING user_id, scopes`,
        [tokenHash(token), now.toISOString()],
      )
      .then((r: [{ user_id: string; scopes: TokenScope[] }[], number]) => r[0]);
    if (!row) return null;
    const account = await this.findById(row.user_id);
    return account?.active ? principalOf(account, row.scopes) : null;
  }
}
