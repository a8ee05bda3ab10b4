import {
  COMPARISON_OPS,
  DIRECTIONS,
  DTI_FIGURE,
  INDICATOR_KINDS,
  IndicatorKind,
  ORG_KINDS,
  parseDtiFigure,
  parsePeriod,
  PlanAgency,
  PlanFile,
  PlanIndicator,
  PlanObservation,
  planFileMessages as M,
  planFileWhat,
} from '@dx/domain';
import { AGENCY_CODE, INDICATOR_CODE, PROVINCE_CODE } from './plan-codes';
import { Located, MapView, YamlReader } from './yaml.reader';

/** What every section reader needs: the YAML reader, and a way to remember where an element came from. */
export interface PlanReadContext {
  reader: YamlReader;
  remember: <T extends object>(value: T, path: string) => T;
}

/** The `province` mapping; empty values where it is missing or unreadable (its issues are recorded). */
export function readProvince({ reader }: PlanReadContext, at: Located | undefined): PlanFile['province'] {
  const pm = at ? reader.map(at, ['code', 'name', 'valid_from']) : undefined;
  return {
    code: pm?.req('code', (a) => reader.pattern(a, PROVINCE_CODE, planFileWhat.provinceCode())) ?? '',
    name: pm?.req('name', (a) => reader.text(a)) ?? '',
    validFrom: pm?.opt('valid_from', (a) => reader.date(a)) ?? null,
  };
}

/** One item of `agencies`. */
export function readAgency({ reader, remember }: PlanReadContext, at: Located): PlanAgency | undefined {
  const m = reader.map(at, ['code', 'name', 'kind', 'parent']);
  if (!m) return undefined;
  return remember(
    {
      code: m.req('code', (a) => reader.pattern(a, AGENCY_CODE, planFileWhat.agencyCode()))!,
      name: m.req('name', (a) => reader.text(a))!,
      kind: m.req('kind', (a) => reader.enumOf(a, ORG_KINDS))!,
      parent: m.opt('parent', (a) => reader.text(a)) ?? null,
    },
    at.path,
  );
}

/** One item of `indicators`: a ratio's scale defaults to 100; a DTI figure must measure what the indicator's kind says. */
export function readIndicator({ reader, remember }: PlanReadContext, at: Located): PlanIndicator | undefined {
  const m = reader.map(at, ['code', 'name', 'unit', 'kind', 'scale', 'direction', 'national_target', 'dti']);
  if (!m) return undefined;
  const kind = m.req('kind', (a) => reader.enumOf(a, INDICATOR_KINDS))!;
  const scale = readScale(reader, m, at, kind);
  const nationalTarget = m.opt('national_target', (a) => {
    const t = reader.map(a, ['op', 'value', 'due', 'source']);
    if (!t) return undefined;
    const op = t.req('op', (x) => reader.enumOf(x, COMPARISON_OPS));
    const value = t.req('value', (x) => reader.decimal(x));
    const due = t.opt('due', (x) => reader.date(x));
    const source = t.opt('source', (x) => reader.text(x));
    return op === undefined || value === undefined ? undefined : { op, value, due: due ?? null, source: source ?? null };
  });
  return remember(
    {
      code: m.req('code', (a) => reader.pattern(a, INDICATOR_CODE, planFileWhat.indicatorCode()))!,
      name: m.req('name', (a) => reader.text(a))!,
      unit: m.req('unit', (a) => reader.text(a))!,
      kind,
      scale,
      direction: m.req('direction', (a) => reader.enumOf(a, DIRECTIONS))!,
      nationalTarget: nationalTarget ?? null,
      dti: m.opt('dti', (a) => readDtiFigure(reader, a, kind)) ?? null,
    },
    at.path,
  );
}

function readScale(reader: YamlReader, m: MapView, at: Located, kind: IndicatorKind | undefined): PlanIndicator['scale'] {
  const scale = m.opt('scale', (a) => reader.decimal(a)) ?? null;
  if (scale !== null && kind !== undefined && kind !== 'ratio') {
    reader.error(`${at.path}.scale`, M.scaleRatioOnly(kind));
  } else if (scale !== null && Number(scale) <= 0) {
    reader.error(`${at.path}.scale`, M.greaterThanZero());
  }
  return kind === 'ratio' && scale === null && !m.has('scale') ? '100' : scale;
}

function readDtiFigure(reader: YamlReader, a: Located, kind: IndicatorKind | undefined): PlanIndicator['dti'] | undefined {
  const figure = reader.pattern(a, DTI_FIGURE, planFileWhat.dtiFigure());
  const measure = figure === undefined ? undefined : parseDtiFigure(figure)!.measure;
  if (measure !== undefined && kind !== undefined && kind !== measure) {
    reader.error(a.path, M.dtiKindMismatch(measure, kind), a.line);
    return undefined;
  }
  return figure;
}

/** One item of `observations`: a period code, and a value or a numerator (with its denominator). */
export function readObservation({ reader, remember }: PlanReadContext, at: Located): PlanObservation | undefined {
  const m = reader.map(at, ['indicator', 'org', 'period', 'value', 'numerator', 'denominator', 'source', 'note']);
  if (!m) return undefined;
  const period = m.req('period', (a) => {
    const text = reader.text(a);
    if (text === undefined) return undefined;
    const parsed = parsePeriod(text);
    if (!parsed) {
      reader.error(a.path, M.notAPeriod(text));
      return undefined;
    }
    return parsed.code;
  });
  const value = m.opt('value', (a) => reader.decimal(a));
  const numerator = m.opt('numerator', (a) => reader.decimal(a));
  const denominator = m.opt('denominator', (a) => reader.decimal(a));
  if (!m.has('value') && !m.has('numerator')) {
    reader.error(`${at.path}.value`, M.valueRequired(), at.line);
  }
  return remember(
    {
      indicator: m.req('indicator', (a) => reader.text(a))!,
      org: m.req('org', (a) => reader.text(a))!,
      period: period!,
      value: value ?? null,
      numerator: numerator ?? null,
      denominator: denominator ?? null,
      source: m.opt('source', (a) => reader.text(a)) ?? null,
      note: m.opt('note', (a) => reader.text(a)) ?? null,
    },
    at.path,
  );
}
