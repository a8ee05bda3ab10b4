const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** True when `text` is `YYYY-MM-DD` and names a real calendar date (no 2023-02-30). */
export function isIsoDate(text: string): boolean {
  const m = ISO_DATE.exec(text);
  if (!m) return false;
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  // PostgreSQL has no year 0 (1 BC); every other four-digit year is a date it stores.
  return year >= 1 && month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month);
}

export function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

export function formatIsoDate(year: number, month: number, day: number): string {
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/*
 * Day arithmetic on `YYYY-MM-DD` text through a day number (days since 1970-01-01),
 * computed with integers only (H. Hinnant, "chrono-Compatible Low-Level Date
 * Algorithms", days_from_civil / civil_from_days) so no time zone or `Date` quirk
 * (years 0–99 map to 19xx in `Date.UTC`) can shift a date.
 */
function epochDay(date: string): number {
  const m = ISO_DATE.exec(date);
  if (!m || !isIsoDate(date)) throw new Error(`not an ISO date (YYYY-MM-DD): ${JSON.stringify(date)}`);
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

function fromEpochDay(days: number): string {
  const z = days + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  const year = yoe + era * 400 + (month <= 2 ? 1 : 0);
  if (year < 0 || year > 9999) throw new Error(`date out of range 0000–9999 (day ${days})`);
  return formatIsoDate(year, month, day);
}

/** The date `days` calendar days after `date` (before it when negative): `addDays('2024-02-28', 1)` → `2024-02-29`. */
export function addDays(date: string, days: number): string {
  if (!Number.isInteger(days)) throw new Error(`addDays needs a whole number of days, got ${days}`);
  return fromEpochDay(epochDay(date) + days);
}

/** Whole calendar days from `from` to `to` (`to − from`; negative when `to` is earlier). */
export function daysBetween(from: string, to: string): number {
  return epochDay(to) - epochDay(from);
}

/** One formatter per time zone: building an Intl.DateTimeFormat costs ~0.3 ms, more than a request's other date work. */
const dateFormats = new Map<string, Intl.DateTimeFormat>();

function dateFormat(timeZone: string): Intl.DateTimeFormat {
  let format = dateFormats.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-CA', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      calendar: 'gregory',
      numberingSystem: 'latn',
    });
    dateFormats.set(timeZone, format);
  }
  return format;
}

/**
 * The calendar date of `instant` in an IANA time zone, e.g. the as-of date
 * `todayIn('Asia/Ho_Chi_Minh', now)`; `now` comes from the caller, never from here.
 */
export function todayIn(timeZone: string, instant: Date): string {
  if (Number.isNaN(instant.getTime())) throw new Error('todayIn needs a valid instant');
  const parts = dateFormat(timeZone).formatToParts(instant);
  const part = (type: Intl.DateTimeFormatPartTypes): number => Number(parts.find((p) => p.type === type)?.value);
  return formatIsoDate(part('year'), part('month'), part('day'));
}
