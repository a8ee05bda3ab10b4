import { AccountRepository } from '@dx/db';
import { systemClock } from '@dx/status-engine';
import { RecomputeEngine } from '@dx/status-engine';
import { BenchDatabase, BenchDatabases } from './bench-database';
import { DatasetCounts, generateDataset, shapeFor } from './dataset';
import { progress, round, timed } from './support';

export interface NationalDataset {
  db: BenchDatabase;
  counts: DatasetCounts;
  provinceCodes: string[];
  admin: { username: string; password: string };
  generate_s: number;
  recompute_s: number;
}

/**
 * The dataset of the API, write-path and scale-out phases: every province (63), with the
 * full plans, indicators and monthly province values of scale 1; commune values follow
 * `scale` (scale 1: the whole national dataset), since no phase here reads them and they
 * cost most of the generation and of the first KPI pass. Statuses and KPI comparisons are
 * computed for `asOf` (a forced pass), so the read routes have everything to show.
 */
export async function buildNationalDataset(databases: BenchDatabases, scale: number, asOf: string): Promise<NationalDataset> {
  const shape = { ...shapeFor(1), communeIndicators: shapeFor(scale).communeIndicators };
  progress('national dataset', {
    provinces: shape.provinces,
    indicators: shape.indicators,
    communes: shape.communes,
    commune_indicators: shape.communeIndicators,
  });
  const db = await databases.create('national', 10);
  const generated = await timed(() => generateDataset(db.dataSource, shape));
  const engine = new RecomputeEngine(db.dataSource, systemClock);
  const recomputed = await timed(() => engine.recomputeMany(null, { asOf, trigger: 'bench', force: true }));
  progress('national dataset recomputed', { seconds: recomputed.ms / 1000 });
  const { password } = await new AccountRepository(db.dataSource).create({
    username: 'bench-admin',
    displayName: 'Bench admin',
    role: 'admin',
  });
  const provinceCodes: string[] = (await db.dataSource.query(`SELECT code FROM org_unit WHERE kind = 'province' ORDER BY code`)).map(
    (r: { code: string }) => r.code,
  );
  return {
    db,
    counts: generated.result,
    provinceCodes,
    admin: { username: 'bench-admin', password },
    generate_s: round(generated.ms / 1000),
    recompute_s: round(recomputed.ms / 1000),
  };
}
