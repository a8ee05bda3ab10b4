import { PLAN_SCHEMA, PlanFile, planFileMessages as M } from '@dx/domain';
import { readDocument } from './read-plan-documents';
import { PlanReadContext, readAgency, readIndicator, readObservation, readProvince } from './read-plan-sections';
import { YamlReader } from './yaml.reader';

export { AGENCY_CODE, DOCUMENT_CODE, INDICATOR_CODE, ITEM_CODE, PROVINCE_CODE } from './plan-codes';

/** Where each element of the read plan came from, for issues raised after reading. */
export type PathIndex = WeakMap<object, string>;

/**
 * Reads the structure of a plan file: required keys, unknown keys, types, enums,
 * dates, periods and code formats. Cross-references are checked by checkPlanRules.
 * Sections are read in the file format's order, so issues come out in that order.
 */
export function readPlanFile(reader: YamlReader): { plan: PlanFile; paths: PathIndex } {
  const paths: PathIndex = new WeakMap();
  const context: PlanReadContext = {
    reader,
    remember: (value, path) => {
      paths.set(value, path);
      return value;
    },
  };
  const root = reader.map(reader.root(), ['schema', 'province', 'agencies', 'indicators', 'documents', 'observations']);
  if (!root) {
    const empty: PlanFile = {
      province: { code: '', name: '', validFrom: null },
      agencies: [],
      indicators: [],
      documents: [],
      observations: [],
    };
    return { plan: empty, paths };
  }

  const schema = root.req('schema', (at) => reader.text(at));
  if (schema !== undefined && schema !== PLAN_SCHEMA) {
    reader.error('schema', M.schema(PLAN_SCHEMA, schema));
  }
  const province = readProvince(context, root.required('province'));
  const agencies = root.list('agencies', (at) => readAgency(context, at));
  const indicators = root.list('indicators', (at) => readIndicator(context, at));
  const documents = root.list('documents', (at) => readDocument(context, at));
  const observations = root.list('observations', (at) => readObservation(context, at));
  return { plan: { province, agencies, indicators, documents, observations }, paths };
}
