/** A province a province was formed from, or became part of, with the documents that stay attached to it. */
export interface LineageEntry {
  code: string;
  name: string;
  validFrom: string | null;
  validTo: string | null;
  kind: 'merge' | 'rename' | 'split' | 'dissolve';
  effective: string;
  documents: { code: string; title: string }[];
}

/** What `GET /api/v1/provinces/:code` returns (shared with the web). */
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

/** One province as `GET /api/v1/provinces` lists it. */
export interface ProvinceListItem {
  code: string;
  name: string;
  validFrom: string | null;
  validTo: string | null;
}
