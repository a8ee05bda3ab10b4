import { IndicatorKind, Localised, ObservationFigures, readNumberText, readViNumber } from '@dx/domain';

/** The three numbers of an observation as sent: text as a person wrote it (`96,5`, `1.034`, `99,2%`). */
export interface FigureTexts {
  value?: string | null;
  numerator?: string | null;
  denominator?: string | null;
}

const FIELDS = ['value', 'numerator', 'denominator'] as const;

/** One number that cannot be read: its field and why, in both languages. */
export interface UnreadFigure {
  field: (typeof FIELDS)[number];
  message: Localised;
}

/**
 * The figures read with the indicator they are for (readViNumber: it decides whether `1.034` is
 * 1034 or 1.034), and the fields that cannot be read.
 */
export function readFigures(
  texts: FigureTexts,
  indicator: { kind: IndicatorKind; unit: string | null; scale: string | null },
): { figures: ObservationFigures; unread: UnreadFigure[] } {
  const figures: ObservationFigures = { value: null, numerator: null, denominator: null };
  const unread: UnreadFigure[] = [];
  for (const field of FIELDS) {
    const text = texts[field];
    if (text === undefined || text === null) continue;
    const reading = readViNumber(text, { field, indicator });
    if (reading.ok) figures[field] = reading.value;
    else unread.push({ field, message: reading.message });
  }
  return { figures, unread };
}

/** The figures as written, read without an indicator (an ambiguous `1.034` kept as it is): what a request hash is taken over. */
export function figuresAsWritten(texts: FigureTexts): Record<(typeof FIELDS)[number], string | null> {
  const out = { value: null, numerator: null, denominator: null } as Record<(typeof FIELDS)[number], string | null>;
  for (const field of FIELDS) {
    const text = texts[field];
    if (text === undefined || text === null) continue;
    const read = readNumberText(text);
    out[field] = read.kind === 'number' ? `${read.value}${read.percent ? '%' : ''}` : text.trim();
  }
  return out;
}
