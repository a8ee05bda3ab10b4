/** A DTI score and rank (a province's overall, a pillar's or a main index's) with its change against the year before. */
export interface DtiFigure {
  score: string | null;
  rank: number | null;
  /** Against the year before: places gained (positive is up), and the score change when the framework's crosswalk makes the scores comparable. */
  rankChange: number | null;
  scoreChange: string | null;
}

/** A province ranked near another in a year's table. */
export interface DtiPeer {
  name: string;
  province: string | null;
  rank: number | null;
  score: string | null;
}

/** One year of a province's DTI. */
export interface DtiYear extends DtiFigure {
  year: number;
  /** False when the rank was worked out from the scores, the table giving none. */
  rankGiven: boolean;
  /** Out of every province on that year's map. */
  total: number;
  framework: { components: number | null; pillars: number; indices: number } | null;
  /** Pillars and main indices by their names in the year's framework. */
  pillars: Record<string, DtiFigure>;
  indices: Record<string, DtiFigure>;
  /** Those ranked up to two places above and below it, itself included. */
  peers: DtiPeer[];
}

/** `GET /api/v1/dti/provinces/:code`: a province's DTI years, oldest first. */
export interface DtiHistory {
  province: string;
  years: DtiYear[];
}

/** One entry of a year's DTI table with its change against the year before (`rankChange`: places gained, positive is up). */
export interface DtiRankingRow extends DtiFigure {
  /** As the table spells it ("TP. Hồ Chí Minh"). */
  name: string;
  code: string | null;
  /** The province's short code when the entry is matched to one. */
  province: string | null;
  /** False when the rank was worked out from the scores, the table giving none. */
  rankGiven: boolean;
  previous: { score: string | null; rank: number | null } | null;
  /** Pillars and main indices by their names in the year's framework. */
  pillars: Record<string, DtiFigure>;
  indices: Record<string, DtiFigure>;
}

/** `GET /api/v1/dti/:year?group=`: the year's whole table, best first. */
export interface DtiRanking {
  year: number;
  group: string;
  items: DtiRankingRow[];
  total: number;
}
