import { readdirSync, readFileSync } from 'fs';
import { join } from 'path';
import { findRepoRoot } from '@dx/config';
import { parseProvinceReference, ProvinceReference } from '@dx/domain';

export const PROVINCE_REFERENCE_DIRECTORY = 'data/provinces';

let cached: ProvinceReference | null = null;

/** Vietnam's provinces as dated maps, read once from data/provinces/*.csv (see its README). */
export function provinceReference(): ProvinceReference {
  if (!cached) {
    const dir = join(findRepoRoot(__dirname), PROVINCE_REFERENCE_DIRECTORY);
    const files = readdirSync(dir)
      .filter((f) => f.endsWith('.csv'))
      .sort();
    cached = new ProvinceReference(files.map((f) => parseProvinceReference(readFileSync(join(dir, f), 'utf8'), f)));
  }
  return cached;
}
