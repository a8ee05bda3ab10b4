import { Localised } from './localised';

/** One catalogue message: the Vietnamese (stored NFC) and the English text. */
export function msg(vi: string, en: string): Localised {
  return { vi: vi.normalize('NFC'), en };
}

const VN_TIME = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Asia/Ho_Chi_Minh',
  hourCycle: 'h23',
  hour: '2-digit',
  minute: '2-digit',
  day: '2-digit',
  month: '2-digit',
  year: 'numeric',
});

/** An instant as Vietnam reads it: "15:28 ngày 02/12/2026" (Asia/Ho_Chi_Minh). */
export function viDateTime(at: Date): string {
  const part = Object.fromEntries(VN_TIME.formatToParts(at).map((p) => [p.type, p.value]));
  return `${part.hour}:${part.minute} ngày ${part.day}/${part.month}/${part.year}`;
}

/** A YYYY-MM-DD date as dd/mm/yyyy; anything else as given. */
export function viDay(date: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  return m ? `${m[3]}/${m[2]}/${m[1]}` : date;
}
