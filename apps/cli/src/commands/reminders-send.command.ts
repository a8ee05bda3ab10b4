import { Command, InvalidArgumentError } from 'commander';
import { DomainError, isIsoDate } from '@dx/domain';
import type { ReminderPassResult } from '@dx/jobs';
import { cliConfig, withDatabase } from '../cli-context';
import { printLine, say } from '../cli-lang';
import { cliMessages } from '../cli.messages';
import { remindersSendMessages as m } from './reminders-send.messages';

/** Prints what one province's pass newly made; true when it made anything. */
function printPass(r: ReminderPassResult): boolean {
  let inApp = 0;
  let emails = 0;
  let webhooks = 0;
  for (const e of r.events) {
    if (!e.inApp.length && !e.emails.length && !e.webhooks.length) continue;
    printLine(e.title);
    if (e.inApp.length)
      printLine(m.inApp(e.inApp.map((a) => (a.displayName === a.username ? a.username : `${a.displayName} (${a.username})`)).join(', ')));
    if (e.emails.length) printLine(m.email(e.emails.map((a) => a.email).join(', ')));
    for (const url of e.webhooks) printLine(m.webhook(url.replace(/\?.*$/, '')));
    inApp += e.inApp.length;
    emails += e.emails.length;
    webhooks += e.webhooks.length;
  }
  if (!inApp && !emails && !webhooks) {
    printLine(m.nothingNew(r.province, r.asOf));
    return false;
  }
  printLine(m.summary(r.province, r.asOf, inApp, emails, webhooks));
  return true;
}

/**
 * `reminders send`: runs now the daily reminder pass of a date (tasks due soon, tasks overdue, directives overdue) for
 * one province, as the worker does each morning, then sends what is due; idempotent, so a second run sends nothing new.
 */
export function remindersSendCommand(): Command {
  return new Command('send')
    .description('send now the reminders the daily schedule would send on a date (tasks due soon or overdue, directives overdue)')
    .requiredOption('--province <code>', 'province code, e.g. QNI')
    .option('--as-of <date>', 'as-of date YYYY-MM-DD (default: today in Asia/Ho_Chi_Minh)')
    .action(async (flags: { province: string; asOf?: string }) => {
      if (flags.asOf !== undefined && !isIsoDate(flags.asOf))
        throw new InvalidArgumentError(say(cliMessages.notADate('--as-of', flags.asOf)));
      const code = flags.province.trim().toUpperCase();
      const [{ DeliveryRepository }, { deliverDueNow, NotificationProducer }] = await Promise.all([import('@dx/db'), import('@dx/jobs')]);
      await withDatabase(async ({ dataSource }) => {
        const results = await new NotificationProducer(dataSource).runReminders({ province: code, asOf: flags.asOf });
        if (!results.length) throw new DomainError('PROVINCE_NOT_FOUND', m.noProvince(code));
        for (const r of results) printPass(r);
        // Sends now what is due (this pass's deliveries, and any left waiting) with the channels the configuration allows.
        const config = await cliConfig();
        const outcome = await deliverDueNow(dataSource, config);
        if (outcome.sent + outcome.retried + outcome.failed > 0) printLine(m.sent(outcome.sent, outcome.retried, outcome.failed));
        if (!config.mail && (await new DeliveryRepository(dataSource).countPending('email')) > 0) printLine(m.emailOff());
      });
    });
}
