import { checkDtiFramework, DTI_PART_CODE, DtiFramework, DtiIndex, DtiPart, planFileMessages as M, planFileWhat } from '@dx/domain';
import { parseYamlFile, ParsedYamlFile } from './parse-plan-file';
import { join, Located, YamlReader } from './yaml.reader';

export const DTI_FRAMEWORK_SCHEMA = 'dx-tracker/dti-frameworks@1';
export const DTI_FRAMEWORK_GROUPS = ['provinces', 'ministries', 'ministries-no-services'] as const;
const MAX_FRAMEWORK_FILE_BYTES = 1024 * 1024;

/**
 * Reads a DTI frameworks file (`dx-tracker/dti-frameworks@1`, see data/dti/README.md): per
 * year and group the pillars, main indices, components, weights and crosswalk. Every
 * problem with its YAML path and line, nothing returned when there is one.
 */
export function parseDtiFrameworks(bytes: Uint8Array): ParsedYamlFile<DtiFramework[]> {
  return parseYamlFile(bytes, { maxBytes: MAX_FRAMEWORK_FILE_BYTES, what: planFileWhat.dtiFrameworkFiles() }, readFrameworks);
}

function readFrameworks(reader: YamlReader): DtiFramework[] {
  const root = reader.map(reader.root(), ['schema', 'frameworks']);
  if (!root) return [];
  const schema = root.req('schema', (at) => reader.text(at));
  if (schema !== undefined && schema !== DTI_FRAMEWORK_SCHEMA) reader.error('schema', M.schema(DTI_FRAMEWORK_SCHEMA, schema));
  const code = (at: Located) => reader.pattern(at, DTI_PART_CODE, planFileWhat.dtiPartCode());
  const weight = (at: Located) => {
    const w = reader.decimal(at);
    if (w !== undefined && Number(w) <= 0) {
      reader.error(at.path, M.greaterThanZero(), at.line);
      return undefined;
    }
    return w;
  };
  const part = (at: Located): DtiPart | undefined => {
    const m = reader.map(at, ['code', 'name', 'weight']);
    if (!m) return undefined;
    const p = { code: m.req('code', code), name: m.req('name', (a) => reader.text(a)), weight: m.opt('weight', weight) };
    return p.code && p.name && p.weight !== undefined ? (p as DtiPart) : undefined;
  };
  const index = (at: Located): DtiIndex | undefined => {
    const m = reader.map(at, ['code', 'name', 'pillar', 'weight']);
    if (!m) return undefined;
    const p = {
      code: m.req('code', code),
      name: m.req('name', (a) => reader.text(a)),
      pillar: m.opt('pillar', code),
      weight: m.opt('weight', weight),
    };
    return p.code && p.name && p.pillar !== undefined && p.weight !== undefined ? (p as DtiIndex) : undefined;
  };

  const seen = new Map<string, string>();
  return root.list('frameworks', (at): DtiFramework | undefined => {
    const m = reader.map(at, ['year', 'group', 'components', 'source', 'note', 'pillars', 'indices', 'crosswalk']);
    if (!m) return undefined;
    const year = m.req('year', (a) => reader.integer(a, 2000, 2100));
    const group = m.req('group', (a) => reader.enumOf(a, DTI_FRAMEWORK_GROUPS));
    const crosswalk = m.list('crosswalk', (c) => {
      const cm = reader.map(c, ['from_year', 'same', 'parts']);
      if (!cm) return undefined;
      const fromYear = cm.req('from_year', (a) => reader.integer(a, 2000, 2100));
      const parts: Record<string, string> = {};
      for (const s of cm.list('same', code)) parts[s] = s;
      for (const p of cm.list('parts', (pa) => {
        const pm = reader.map(pa, ['code', 'from']);
        const to = pm?.req('code', code);
        const from = pm?.req('from', code);
        return to && from ? [to, from] : undefined;
      }))
        parts[p[0]] = p[1];
      return fromYear === undefined ? undefined : { fromYear, parts };
    });
    const framework = {
      year,
      group,
      components: m.opt('components', (a) => reader.integer(a, 1, 10000)),
      source: m.req('source', (a) => reader.text(a)),
      note: m.opt('note', (a) => reader.text(a)),
      pillars: m.list('pillars', part),
      indices: m.list('indices', index),
      crosswalk,
    };
    if (
      year === undefined ||
      group === undefined ||
      framework.source === undefined ||
      framework.components === undefined ||
      framework.note === undefined
    )
      return undefined;
    const key = `${year} ${group}`;
    if (seen.has(key)) reader.error(join(at.path, 'year'), M.alreadyDescribed(key, seen.get(key)!));
    seen.set(key, at.path);
    const result = framework as DtiFramework;
    for (const problem of checkDtiFramework(result)) reader.error(join(at.path, problem.path), { en: problem.message, vi: problem.vi });
    return result;
  });
}
