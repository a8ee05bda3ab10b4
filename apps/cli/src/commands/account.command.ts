import { Command, InvalidArgumentError } from 'commander';
import { authMessages, DomainError, notificationMessages, Role, ROLES, TOKEN_SCOPES, TokenScope } from '@dx/domain';
import { withDatabase } from '../cli-context';
import { printLine, say } from '../cli-lang';
import { cliMessages } from '../cli.messages';

/** The first line of standard input (a password given with --password-stdin; never on the command line, where `ps` shows it). */
async function readStdinLine(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8').split(/\r?\n/)[0];
}

const role = (value: string): Role => {
  if (!(ROLES as readonly string[]).includes(value)) throw new InvalidArgumentError(say(cliMessages.oneOf(ROLES)));
  return value as Role;
};

const scopes = (value: string): TokenScope[] => {
  const list = value
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  const bad = list.filter((s) => !(TOKEN_SCOPES as readonly string[]).includes(s));
  if (!list.length || bad.length) throw new InvalidArgumentError(say(cliMessages.scopesFrom(TOKEN_SCOPES)));
  return list as TokenScope[];
};

const email = (value: string): string => {
  const address = value.trim().normalize('NFC');
  if (!/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(address) || address.length > 254)
    throw new InvalidArgumentError(say(notificationMessages.notAnEmail(value)));
  return address;
};

const cliAudit = (action: string, entityId: string | null, after: unknown) => ({
  actor: null,
  actorLabel: 'cli',
  meta: null,
  action,
  entityKind: 'user',
  entityId,
  provinceId: null,
  before: null,
  after,
});

interface UserCreateFlags {
  username: string;
  role: Role;
  province?: string;
  org?: string;
  name?: string;
  passwordStdin?: boolean;
  email?: string;
}

export function userCreateCommand(): Command {
  return new Command('user:create')
    .description('create an account; prints a generated password unless --password-stdin gives one')
    .requiredOption('--username <name>', 'sign-in name (a-z, 0-9, ".", "_", "-")')
    .requiredOption('--role <role>', `one of ${ROLES.join(', ')}`, role)
    .option('--province <code>', 'the province the account belongs to (required except for admin)')
    .option('--org <code>', "the agency within the province (default: the province itself); a reporter's agency")
    .option('--name <display name>', 'shown name, e.g. "Nguyễn Văn A"')
    .option('--password-stdin', 'read the password from standard input (at least 10 characters)')
    .option('--email <address>', 'the email address reminders and notifications go to', email)
    .action(async (flags: UserCreateFlags) => {
      const password = flags.passwordStdin ? await readStdinLine() : undefined;
      const { AccountRepository, AuditRepository, NotificationInboxRepository } = await import('@dx/db');
      await withDatabase(async ({ dataSource }) => {
        const { account, password: used } = await dataSource.transaction(async (m) => {
          const created = await new AccountRepository(m).create({
            username: flags.username,
            displayName: flags.name ?? flags.username,
            role: flags.role,
            province: flags.province,
            orgUnit: flags.org,
            password,
          });
          const { id, username, role: r, orgUnitCode, provinceCode } = created.account;
          if (flags.email && (await new NotificationInboxRepository(m).setEmail(id, flags.email)) === 'taken')
            throw new DomainError('USER_EXISTS', notificationMessages.emailTaken(flags.email));
          await new AuditRepository(m).append(
            cliAudit('user.create', id, { username, role: r, orgUnit: orgUnitCode, province: provinceCode, email: flags.email ?? null }),
          );
          return created;
        });
        const where = account.provinceCode
          ? `${account.provinceCode}${account.orgUnitCode !== account.provinceCode ? `/${account.orgUnitCode}` : ''}`
          : '';
        printLine(cliMessages.accountCreated(account.role, account.username, where));
        if (!password) printLine(cliMessages.password(used));
      });
    });
}

export function userResetPasswordCommand(): Command {
  return new Command('user:reset-password')
    .description("set a new password (generated and printed unless --password-stdin gives one); ends the account's sessions")
    .requiredOption('--username <name>', 'the account')
    .option('--password-stdin', 'read the password from standard input')
    .action(async (flags: { username: string; passwordStdin?: boolean }) => {
      const password = flags.passwordStdin ? await readStdinLine() : undefined;
      const { AccountRepository, AuditRepository } = await import('@dx/db');
      await withDatabase(async ({ dataSource }) => {
        const used = await dataSource.transaction(async (m) => {
          const pw = await new AccountRepository(m).setPassword(flags.username, password);
          const account = await new AccountRepository(m).findByUsername(flags.username);
          await new AuditRepository(m).append(cliAudit('user.reset-password', account?.id ?? null, { username: account?.username }));
          return pw;
        });
        printLine(cliMessages.passwordReset(flags.username.trim().toLowerCase()));
        if (!password) printLine(cliMessages.password(used));
      });
    });
}

export function tokenCreateCommand(): Command {
  return new Command('token:create')
    .description('create an API token that acts as an account within the given scopes; the token is shown once')
    .requiredOption('--username <name>', 'the account the token acts as')
    .requiredOption('--name <label>', 'what the token is for, e.g. "Cổng DVC đẩy số liệu"')
    .option('--scopes <list>', `comma-separated: ${TOKEN_SCOPES.join(', ')}`, scopes, ['observations:write'] as TokenScope[])
    .option('--expires <date>', 'last day the token works (YYYY-MM-DD); default: no expiry')
    .action(async (flags: { username: string; name: string; scopes: TokenScope[]; expires?: string }) => {
      if (flags.expires !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(flags.expires))
        throw new DomainError('INVALID_DATE', authMessages.expiresNotDate(String(flags.expires)));
      const { AccountRepository, AuditRepository } = await import('@dx/db');
      await withDatabase(async ({ dataSource }) => {
        const { id, token } = await dataSource.transaction(async (m) => {
          const created = await new AccountRepository(m).createApiToken(
            flags.username,
            flags.name.trim(),
            flags.scopes,
            flags.expires ? `${flags.expires}T23:59:59+07:00` : null,
          );
          await new AuditRepository(m).append(
            cliAudit('token.create', created.id, { username: flags.username, name: flags.name, scopes: flags.scopes }),
          );
          return created;
        });
        printLine(cliMessages.tokenCreated(id, flags.username, flags.scopes.join(', ')));
        process.stdout.write(`${token}\n`);
      });
    });
}

export function tokenRevokeCommand(): Command {
  return new Command('token:revoke')
    .description('revoke an API token by its id')
    .argument('<id>', 'the token id printed by token:create')
    .action(async (id: string) => {
      if (!/^[0-9a-f-]{36}$/i.test(id)) throw new DomainError('INVALID_INPUT', authMessages.notTokenId(id));
      const { AccountRepository, AuditRepository } = await import('@dx/db');
      await withDatabase(async ({ dataSource }) => {
        const revoked = await new AccountRepository(dataSource).revokeApiToken(id);
        if (!revoked) throw new DomainError('USER_NOT_FOUND', authMessages.tokenNotFound(id));
        await new AuditRepository(dataSource).append(cliAudit('token.revoke', id, null));
        printLine(cliMessages.tokenRevoked(id));
      });
    });
}
