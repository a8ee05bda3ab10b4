import type { LineageEntry } from '@dx/db';

/** What GET /api/v1/provinces/:code returns. */
export interface ProvinceResponse {
  code: string;
  name: string;
  /** Official statistical code on the province's map (e.g. "22"), when matched to the reference list. */
  officialCode: string | null;
  validFrom: string | null;
  validTo: string | null;
  agencies: { code: string; name: string; kind: string; parent: string | null; validFrom: string | null; validTo: string | null }[];
  counts: { documents: number; indicators: number; observations: number; goals: number; tasks: number };
  /** Provinces it was formed from, with the documents that stay attached to them; and those it became part of. */
  predecessors: LineageEntry[];
  successors: LineageEntry[];
}

export interface ProvinceListItem {
  code: string;
  name: string;
  validFrom: string | null;
  validTo: string | null;
}
