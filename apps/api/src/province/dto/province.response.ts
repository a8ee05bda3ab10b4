/** What GET /api/v1/provinces/:code returns. */
export interface ProvinceResponse {
  code: string;
  name: string;
  validFrom: string | null;
  validTo: string | null;
  agencies: { code: string; name: string; kind: string; parent: string | null }[];
  counts: { documents: number; indicators: number; observations: number; goals: number; tasks: number };
}

export interface ProvinceListItem {
  code: string;
  name: string;
  validFrom: string | null;
  validTo: string | null;
}
