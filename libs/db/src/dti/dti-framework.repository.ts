import { EntityManager } from 'typeorm';
import { DtiFramework } from '@dx/domain';

/** DTI frameworks as stored (one per year and group); replacing one keeps the results. */
export class DtiFrameworkRepository {
  constructor(private readonly m: EntityManager) {}

  /** The same repository on a transaction's manager: its queries run in that transaction. */
  withTransaction(manager: EntityManager): DtiFrameworkRepository {
    return new DtiFrameworkRepository(manager);
  }

  async find(year: number, group: string): Promise<DtiFramework | null> {
    const [row] = await this.m.query(`SELECT * FROM dti_framework WHERE year = $1 AND "group" = $2`, [year, group]);
    return row ? toFramework(row) : null;
  }

  async forGroup(group: string): Promise<Map<number, DtiFramework>> {
    const rows: Record<string, unknown>[] = await this.m.query(`SELECT * FROM dti_framework WHERE "group" = $1`, [group]);
    return new Map(rows.map((r) => [r.year as number, toFramework(r)]));
  }

  /** Upserts every framework (in the caller's transaction, if any); returns how many were new. */
  async save(frameworks: DtiFramework[]): Promise<{ created: number; updated: number }> {
    let created = 0;
    for (const f of frameworks) {
      const [{ inserted }] = await this.m.query(
        `INSERT INTO dti_framework (year, "group", components, pillars, indices, crosswalk, source, note)
         VALUES ($1, $2, $3, $4::jsonb, $5::jsonb, $6::jsonb, $7, $8)
         ON CONFLICT (year, "group") DO UPDATE SET components = excluded.components, pillars = excluded.pillars,
           indices = excluded.indices, crosswalk = excluded.crosswalk, source = excluded.source, note = excluded.note, imported_at = now()
         RETURNING (xmax = 0) AS inserted`,
        [
          f.year,
          f.group,
          f.components,
          JSON.stringify(f.pillars),
          JSON.stringify(f.indices),
          JSON.stringify(f.crosswalk),
          f.source,
          f.note,
        ],
      );
      if (inserted) created++;
    }
    return { created, updated: frameworks.length - created };
  }
}

function toFramework(r: Record<string, unknown>): DtiFramework {
  return {
    year: r.year as number,
    group: r.group as string,
    components: r.components as number | null,
    pillars: r.pillars as DtiFramework['pillars'],
    indices: r.indices as DtiFramework['indices'],
    crosswalk: r.crosswalk as DtiFramework['crosswalk'],
    source: r.source as string,
    note: r.note as string | null,
  };
}
