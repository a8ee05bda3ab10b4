import { Document, isScalar, Scalar, ScalarTag } from 'yaml';

/** Thrown (and caught by `parseSimpleYaml`) where the fast path leaves the text to the library. */
export const GIVE_UP = Symbol('not simple YAML');

export function giveUp(): never {
  throw GIVE_UP;
}

export const SPACE = 0x20;

/** Plain scalars that may be something other than a string start with one of these (the core schema's tests). */
const MAYBE_NOT_STRING = /^[-+.0-9~nNtTfF]/;
/** The library's own core-schema scalar tags, in its order, so plain scalars resolve exactly as it resolves them. */
const CORE_SCALAR_TAGS = new Document().schema.tags.filter(
  (t): t is ScalarTag => !t.collection && t.default === true && t.test !== undefined,
);
/** First characters a plain scalar may not start with here (indicators, or a case the library may read otherwise). */
const NOT_PLAIN_START = new Set(['-', '?', ':', ',', '[', ']', '{', '}', '#', '&', '*', '!', '|', '>', "'", '"', '%', '@', '`']);

/** A plain scalar of `text` from `p` to `stop`, resolved by the core schema's tags as the library resolves it. */
export function plainScalar(text: string, p: number, stop: number): Scalar {
  if (stop <= p) giveUp();
  // "-5" is a plain scalar; "-" alone or "- x" would be a list item.
  if (NOT_PLAIN_START.has(text[p]) && !(text[p] === '-' && p + 1 < stop && text.charCodeAt(p + 1) !== SPACE)) giveUp();
  const source = text.slice(p, stop);
  let scalar: Scalar | undefined;
  if (MAYBE_NOT_STRING.test(source)) {
    const tag = CORE_SCALAR_TAGS.find((t) => t.test!.test(source));
    if (tag) {
      const resolved = tag.resolve(source, giveUp, { intAsBigInt: false });
      scalar = isScalar(resolved) ? resolved : new Scalar(resolved);
    }
  }
  scalar ??= new Scalar(source);
  scalar.range = [p, stop, stop];
  (scalar as Scalar.Parsed).source = source;
  scalar.type = Scalar.PLAIN;
  return scalar;
}

/** A one-line quoted scalar without escapes (`''` in single quotes is a quote). `probe`: only find its end. */
export function quotedScalar(text: string, p: number, end: number, probe = false): { scalar: Scalar; end: number } {
  const quote = text[p];
  let i = p + 1;
  let value = '';
  for (;;) {
    const close = text.indexOf(quote, i);
    if (close === -1 || close >= end) giveUp(); // multi-line or unterminated
    const part = text.slice(i, close);
    if (quote === '"' && part.includes('\\')) giveUp();
    value += part;
    if (quote === "'" && text[close + 1] === "'") {
      value += "'";
      i = close + 2;
      continue;
    }
    i = close + 1;
    break;
  }
  if (probe) return { scalar: PROBE, end: i };
  const scalar = new Scalar(value);
  scalar.range = [p, i, i];
  (scalar as Scalar.Parsed).source = value;
  scalar.type = quote === '"' ? Scalar.QUOTE_DOUBLE : Scalar.QUOTE_SINGLE;
  return { scalar, end: i };
}

const PROBE = new Scalar(null);

/** The null a key or list item without a value holds. */
export function emptyScalar(offset: number): Scalar {
  const scalar = new Scalar(null);
  scalar.range = [offset, offset, offset];
  (scalar as Scalar.Parsed).source = '';
  return scalar;
}
