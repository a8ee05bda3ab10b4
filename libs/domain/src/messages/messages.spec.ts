import { readdirSync, readFileSync } from 'fs';
import { join } from 'path';
import { DomainError } from '../domain-error';
import * as catalogue from './index';
import { Localised } from './localised';

type MessageFn = (...args: unknown[]) => Localised;

/**
 * Each function's parameter types, read from the area files' source (`locked: (until: Date) =>`), so that every
 * function is called with arguments of its kind: a code, a count, an instant, a message, a flag, a list.
 */
function signatures(): Map<string, string[]> {
  const found = new Map<string, string[]>();
  for (const file of readdirSync(__dirname).filter((f) => f.endsWith('.ts') && !f.endsWith('.spec.ts'))) {
    const source = readFileSync(join(__dirname, file), 'utf8');
    for (const area of source.matchAll(/export const (\w+) = \{\n([\s\S]*?)\n\};/g)) {
      for (const fn of area[2].matchAll(/^ {2}(\w+): \(([^)]*)\)/gm)) {
        const types = fn[2]
          .split(/,(?![^<]*>)/)
          .map((p) => p.trim())
          .filter(Boolean)
          .map((p) => p.replace(/^\w+\??:\s*/, ''));
        found.set(`${area[1]}.${fn[1]}`, types);
      }
    }
  }
  return found;
}

function sample(type: string): unknown {
  if (type === 'number' || type.startsWith('number |')) return 7;
  if (type === 'Date') return new Date('2026-12-02T08:28:00Z');
  if (type === 'boolean') return true;
  if (type === 'Localised') return { vi: 'tỉnh DNG', en: 'province DNG' };
  if (type.endsWith('[]')) return ['DNG', 'QNA'];
  const literal = /^'([^']*)'/.exec(type);
  if (literal) return literal[1];
  return 'DNG';
}

/** Arguments the types do not tell (a text the function reads). */
const ARGS: Record<string, unknown[]> = {
  'planFileMessages.decimal': ['value has more than 18 digits before the point'],
  'reportMessages.nothingToDispatch': ['2026-04-25', 7],
};
/** The same word in both languages, on purpose. */
const SAME_IN_BOTH = new Set(['yamlNodeMessages.null']);

/** Every message function of every area (`authMessages.locked`, `things.province`, …) with its name. */
const areas = Object.entries(catalogue).filter(([name, v]) => (name.endsWith('Messages') || name === 'things') && typeof v === 'object');
const functions: [string, MessageFn][] = areas.flatMap(([area, fns]) =>
  Object.entries(fns as Record<string, MessageFn>).map(([name, fn]) => [`${area}.${name}`, fn] as [string, MessageFn]),
);

describe('the message catalogue', () => {
  it('has the areas the API speaks about', () => {
    expect(areas.map(([name]) => name)).toEqual(
      expect.arrayContaining(['authMessages', 'planMessages', 'taskMessages', 'kpiMessages', 'reportMessages', 'directiveMessages']),
    );
    expect(functions.length).toBeGreaterThan(80);
  });

  const types = signatures();
  it.each(functions)('%s says it in Vietnamese (NFC) and in English, differently', (name, fn) => {
    expect(types.has(name) || fn.length === 0).toBe(true);
    const text = fn(...(ARGS[name] ?? (types.get(name) ?? []).map(sample)));
    expect(text.vi.trim()).not.toBe('');
    expect(text.en.trim()).not.toBe('');
    expect(text.vi).toBe(text.vi.normalize('NFC'));
    if (!SAME_IN_BOTH.has(name)) expect(text.vi).not.toBe(text.en);
    if (!SAME_IN_BOTH.has(name)) expect(text.vi).not.toMatch(/undefined|null|\[object/);
    expect(text.en).not.toMatch(/undefined|\[object/);
  });

  it('has a default message for every DomainErrorCode, in both languages', () => {
    const source = readFileSync(join(__dirname, '../domain-error.ts'), 'utf8');
    const union = /export type DomainErrorCode =([^;]+);/.exec(source)![1];
    const codes = [...union.matchAll(/'([A-Z_]+)'/g)].map((m) => m[1]);
    expect(codes.length).toBeGreaterThan(20);
    expect(Object.keys(catalogue.DOMAIN_ERROR_DEFAULTS).sort()).toEqual([...codes].sort());
    for (const code of codes) {
      const text = catalogue.defaultMessage(code as keyof typeof catalogue.DOMAIN_ERROR_DEFAULTS);
      expect(text.vi).toBe(text.vi.normalize('NFC'));
      expect(text.vi).not.toBe(text.en);
      expect(text.en.trim()).not.toBe('');
    }
  });

  it('tells the lockout time as Vietnam reads it, never as an ISO instant', () => {
    const text = catalogue.authMessages.locked(new Date('2026-12-02T08:28:00Z'));
    expect(text.vi).toBe('Đăng nhập sai quá nhiều lần; hãy thử lại sau 15:28 ngày 02/12/2026');
    expect(catalogue.viDateTime(new Date('2026-12-31T17:05:00Z'))).toBe('00:05 ngày 01/01/2027');
  });

  it('a DomainError carries a catalogue message in both languages, English as its message', () => {
    const error = new DomainError('PROVINCE_NOT_FOUND', catalogue.orgMessages.provinceNotFound('XYZ'));
    expect(error.textIn('vi')).toBe('Không tìm thấy tỉnh có mã "XYZ"');
    expect(error.textIn('en')).toBe('no province with code "XYZ"');
    expect(error.message).toBe('no province with code "XYZ"');
  });
});
