import { NewProvince, ORG_KINDS, planFileMessages as M, planFileWhat, Reorganisation, ReorganisationChange } from '@dx/domain';
import { parseYamlFile, ParsedYamlFile } from './parse-plan-file';
import { PROVINCE_CODE } from './plan-codes';
import { Located, YamlReader } from './yaml.reader';

export const REORGANISATION_SCHEMA = 'dx-tracker/reorganisation@1';
const MAX_REORGANISATION_FILE_BYTES = 2 * 1024 * 1024;

/**
 * Reads a reorganisation file (`dx-tracker/reorganisation@1`, see README "Reorganisations"):
 * its code, title, effective date, source and changes (merge, rename, split, dissolve).
 * Whether the provinces exist and take part once is checked against the database
 * (planReorganisation); here only the file's own structure, each problem with path and line.
 */
export function parseReorganisation(bytes: Uint8Array): ParsedYamlFile<Reorganisation> {
  return parseYamlFile(bytes, { maxBytes: MAX_REORGANISATION_FILE_BYTES, what: planFileWhat.reorganisationFiles() }, readReorganisation);
}

function readReorganisation(reader: YamlReader): Reorganisation {
  const empty: Reorganisation = { code: '', title: '', effective: '', source: '', changes: [] };
  const root = reader.map(reader.root(), ['schema', 'code', 'title', 'effective', 'source', 'changes']);
  if (!root) return empty;
  const schema = root.req('schema', (at) => reader.text(at));
  if (schema !== undefined && schema !== REORGANISATION_SCHEMA) reader.error('schema', M.schema(REORGANISATION_SCHEMA, schema));
  const code = (at: Located) => reader.pattern(at, PROVINCE_CODE, planFileWhat.provinceCode());
  const province = (at: Located): NewProvince | undefined => {
    const m = reader.map(at, ['code', 'name']);
    const p = m && { code: m.req('code', code), name: m.req('name', (a) => reader.text(a)) };
    return p?.code && p.name ? (p as NewProvince) : undefined;
  };
  const changes = root.list('changes', (at): ReorganisationChange | undefined => {
    const m = reader.map(at, ['merge', 'into', 'rename', 'to', 'split', 'dissolve']);
    if (!m) return undefined;
    const kinds = (['merge', 'rename', 'split', 'dissolve'] as const).filter((k) => m.has(k));
    if (kinds.length !== 1) {
      reader.error(at.path, M.exactlyOneChange(kinds), at.line);
      return undefined;
    }
    const allowedWith = { merge: ['into'], rename: ['to'], split: ['into'], dissolve: [] as string[] }[kinds[0]];
    for (const other of ['into', 'to'].filter((k) => m.has(k) && !allowedWith.includes(k)))
      reader.error(`${at.path}.${other}`, M.doesNotGoWith(kinds[0]));
    const path = at.path;
    switch (kinds[0]) {
      case 'merge': {
        const units = m.list('merge', code);
        const into = m.req('into', province);
        return into ? { type: 'merge', path, units, into } : undefined;
      }
      case 'rename': {
        const unit = m.req('rename', code);
        const to = m.req('to', province);
        return unit && to ? { type: 'rename', path, unit, to } : undefined;
      }
      case 'split': {
        const unit = m.req('split', code);
        const into = m.list('into', province);
        if (!m.has('into')) reader.error(`${path}.into`, M.required());
        return unit ? { type: 'split', path, unit, into } : undefined;
      }
      case 'dissolve': {
        const d = m.req('dissolve', (a) => reader.map(a, ['kind', 'in']));
        if (!d) return undefined;
        const kind = d.req('kind', (a) => reader.enumOf(a, ORG_KINDS));
        const within = d.has('in') ? d.list('in', code) : null;
        return kind ? { type: 'dissolve', path, kind, in: within } : undefined;
      }
    }
  });
  return {
    code: root.req('code', (a) => reader.text(a)) ?? '',
    title: root.req('title', (a) => reader.text(a)) ?? '',
    effective: root.req('effective', (a) => reader.date(a)) ?? '',
    source: root.req('source', (a) => reader.text(a)) ?? '',
    changes,
  };
}
