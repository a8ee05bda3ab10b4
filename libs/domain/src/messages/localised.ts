/** The two languages every message a person reads is written in: Vietnamese first, English for `Accept-Language: en` and `DX_LANG=en`. */
export type Lang = 'vi' | 'en';

/** One message in both languages. */
export interface Localised {
  vi: string;
  en: string;
}

/** A message given as plain text is English only (kept for code not yet moved to the catalogue). */
export function localised(message: string | Localised): Localised {
  return typeof message === 'string' ? { vi: message, en: message } : message;
}

/** The text of a message in a language. */
export function inLang(message: string | Localised, lang: Lang): string {
  return localised(message)[lang];
}
