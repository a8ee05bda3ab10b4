import { readdirSync, readFileSync } from 'fs';
import { join } from 'path';
import { parseProvinceReference, ProvinceReference } from '@dx/domain';
import { MAP_2025, mapEdition, ProvinceOutlines } from '@dx/web/map/map-edition';

const REPO = join(__dirname, '../../..');
const PROVINCES = join(REPO, 'data/provinces');
const reference = new ProvinceReference(
  readdirSync(PROVINCES)
    .filter((f) => f.endsWith('.csv'))
    .map((f) => parseProvinceReference(readFileSync(join(PROVINCES, f), 'utf8'), f)),
);
const outlines = (edition: string): ProvinceOutlines =>
  JSON.parse(readFileSync(join(REPO, 'apps/web/src/map', `provinces-${edition}.geo.json`), 'utf8'));

describe('the web map outlines (apps/web/src/map)', () => {
  it('uses the 63-unit outlines before 1 July 2025 and the 34-unit ones from then on', () => {
    expect(MAP_2025).toBe(reference.maps[1].from);
    expect(mapEdition('2023-12-31')).toBe('2004');
    expect(mapEdition('2025-06-30')).toBe('2004');
    expect(mapEdition('2025-07-01')).toBe('2025');
    expect(mapEdition('2026-12-31')).toBe('2025');
  });

  it.each([
    ['2004', 0, 63],
    ['2025', 1, 34],
  ])('gives every province of the %s map exactly one outline, named by its short code and official name', (edition, index, count) => {
    const map = reference.maps[index];
    expect(mapEdition(map.from ?? '2000-01-01')).toBe(edition);
    expect(map.provinces).toHaveLength(count);
    const features = outlines(edition).features;
    expect(features).toHaveLength(count);
    for (const p of map.provinces) {
      const own = features.filter((f) => f.properties.name === p.shortCode);
      expect(own.map((f) => f.properties.vi)).toEqual([p.name]);
      const rings = own[0].geometry.coordinates.flat();
      expect(rings.length).toBeGreaterThan(0);
      // Closed rings of lon/lat points inside Vietnam's bounding box.
      for (const ring of rings) {
        expect(ring.length).toBeGreaterThanOrEqual(4);
        expect(ring[0]).toEqual(ring[ring.length - 1]);
        const outside = ring.filter(([lon, lat]) => !(lon > 102 && lon < 110 && lat > 8 && lat < 24));
        expect(outside).toEqual([]);
      }
    }
  });

  it('draws each merged province of 2025 as one outline where its predecessors touched (the shared borders dissolved)', () => {
    const features = outlines('2025').features;
    const outer = (code: string) => features.find((f) => f.properties.name === code)!.geometry.coordinates.length;
    // Tuyên Quang (Tuyên Quang + Hà Giang) and Phú Thọ (Phú Thọ + Vĩnh Phúc + Hòa Bình) are each one piece of land.
    expect(outer('TQG')).toBe(1);
    expect(outer('PTO')).toBe(1);
    expect(outer('NBH')).toBe(1);
  });
});
