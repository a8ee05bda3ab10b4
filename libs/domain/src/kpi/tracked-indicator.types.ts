import type { IndicatorKind } from '../plan.types';

/** An indicator a province tracks, as `GET /api/v1/indicators?province=` lists it: national target and latest value. */
export interface TrackedIndicator {
  code: string;
  name: string;
  unit: string;
  kind: IndicatorKind;
  scale: string | null;
  direction: string;
  nationalTarget: { op: string; value: string; due: string | null; source: string | null } | null;
  latest: { period: string; value: string } | null;
  observations: number;
}
