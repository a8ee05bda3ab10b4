/**
 * Which province outlines draw a map of a given date: the 63 units of Quyết định 124/2004/QĐ-TTg before
 * 1 July 2025, the 34 of Nghị quyết 202/2025/QH15 from then on (data/provinces/). Pure, so it is tested without
 * a browser; the outlines themselves are loaded by `ProvinceChoropleth` only on the page that draws them.
 */

/** The day the 34-province map of Nghị quyết 202/2025/QH15 took effect. */
export const MAP_2025 = '2025-07-01';

/** `2004`: provinces-2004.geo.json (63 units); `2025`: provinces-2025.geo.json (34 units). */
export type MapEdition = '2004' | '2025';

/** The outlines of the map in force on `date` (an ISO date, as the API's `map`). */
export function mapEdition(date: string): MapEdition {
  return date < MAP_2025 ? '2004' : '2025';
}

/** One province's outline: `name` is the product's short code (`QNI`), `vi` the official name. */
export interface ProvinceFeature {
  type: 'Feature';
  properties: { name: string; vi: string };
  geometry: { type: 'MultiPolygon'; coordinates: number[][][][] };
}

export interface ProvinceOutlines {
  type: 'FeatureCollection';
  features: ProvinceFeature[];
}
