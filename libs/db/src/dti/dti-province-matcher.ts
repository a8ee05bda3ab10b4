import { EntityManager } from 'typeorm';
import { provinceNameKey, validOn } from '@dx/domain';
import { provinceReference } from '../orgs/province-reference.loader';

/** Matches a table's province to one of ours: by our code, else by name as tables spell it. */
export type ProvinceMatcher = (code: string | null, name: string) => string | null;

/**
 * Our provinces as a year's table names them: by our code; else through the reference list
 * on that year's map (statistical code "22", short code, name with or without diacritics)
 * to ours by short code, statistical code or name; else by name.
 */
export async function ourProvinces(m: EntityManager, year: number): Promise<ProvinceMatcher> {
  const onDate = `${year}-12-31`;
  const provinces: {
    id: string;
    code: string;
    name: string;
    official_code: string | null;
    valid_from: string | null;
    valid_to: string | null;
  }[] = await m.query(
    `SELECT id, code, name, official_code, valid_from::text AS valid_from, valid_to::text AS valid_to FROM org_unit WHERE kind = 'province'`,
  );
  const current = provinces.filter((p) => validOn({ validFrom: p.valid_from, validTo: p.valid_to }, onDate));
  const byCode = new Map(provinces.map((p) => [p.code.toUpperCase(), p.id]));
  const byOfficial = new Map(current.filter((p) => p.official_code).map((p) => [p.official_code!, p.id]));
  const byName = new Map(current.map((p) => [provinceNameKey(p.name), p.id]));
  const reference = provinceReference();
  return (code, name) => {
    const own = code ? byCode.get(code.toUpperCase()) : undefined;
    if (own) return own;
    const ref = (code ? reference.match(code, onDate) : null) ?? reference.match(name, onDate);
    const viaReference = ref && (byCode.get(ref.shortCode) ?? byOfficial.get(ref.code) ?? byName.get(provinceNameKey(ref.name)));
    return viaReference || byName.get(provinceNameKey(name)) || null;
  };
}
