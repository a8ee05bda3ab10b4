import { inLang, Lang, Localised } from '@dx/domain';

/** The CLI's language: Vietnamese, or English with `DX_LANG=en`. */
export function cliLang(): Lang {
  return (process.env.DX_LANG ?? '').trim().toLowerCase().startsWith('en') ? 'en' : 'vi';
}

/** A message in the CLI's language (plain text is printed as it is). */
export function say(text: string | Localised): string {
  return inLang(text, cliLang());
}

/** One line on standard output. */
export function printLine(text: string | Localised): void {
  process.stdout.write(`${say(text)}\n`);
}

/** One line on standard error (progress, problems). */
export function printError(text: string | Localised): void {
  process.stderr.write(`${say(text)}\n`);
}
