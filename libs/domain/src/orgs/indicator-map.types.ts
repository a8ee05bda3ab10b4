import type { IndicatorKind } from '../plan.types';
import type { MapRow } from './reaggregate';

/** `GET /api/v1/indicators/:code/map`: a period's values of an indicator by province, on one map. */
export interface IndicatorMap {
  indicator: { code: string; name: string; unit: string; kind: IndicatorKind; direction: 'up' | 'down' };
  period: string;
  /** Where the figures come from: the DTI table of the period's year for an indicator fed from the DTI, else the observations. */
  source: 'observations' | 'dti';
  /** The map the rows are on: the period's last day unless a later map was asked for. */
  map: string;
  reaggregated: boolean;
  rows: MapRow[];
  /** What a rank is out of: the rows with a value, or every province on the year's map for DTI ranks. */
  ranked: number;
}

/** `GET /api/v1/indicators/:code/history`: the province's values over its latest periods of one length, oldest first. */
export interface IndicatorHistory {
  indicator: string;
  province: string;
  points: { period: string; value: string }[];
}
