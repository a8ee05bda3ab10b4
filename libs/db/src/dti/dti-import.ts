import { parse } from 'csv-parse/sync';
import { DataSource, EntityManager } from 'typeorm';
import {
  canonicalDecimal,
  DomainError,
  DTI_PILLARS,
  DtiGroup,
  DtiFramework,
  dtiNameKey,
  DtiPart,
  dtiRanks,
  kpiMessages,
  Localised,
} from '@dx/domain';
import { syncDtiObservations } from './dti-observations';
import { DtiFrameworkRepository } from './dti-framework.repository';
import { ourProvinces } from './dti-province-matcher';
import { dtiTableMessages as T } from './dti-table.messages';

/** The CSV's fixed columns: only `name` and one of `score`/`rank` are required. */
export const DTI_COLUMNS = [
  'code',
  'name',
  'score',
  'rank',
  'government_score',
  'government_rank',
  'economy_score',
  'economy_rank',
  'society_score',
  'society_rank',
];

export interface DtiRowError {
  row: number;
  column: string;
  message: Localised;
}

export type DtiFigures = Record<string, { score: string | null; rank: number | null }>;

export interface DtiTableRow {
  row: number;
  code: string | null;
  name: string;
  key: string;
  score: string | null;
  rank: number | null;
  pillars: DtiFigures;
  indices: DtiFigures;
}

function decimal(text: string | undefined): string | null | 'bad' {
  if (text === undefined || text.trim() === '') return null;
  // Vietnamese tables write 0,7024.
  return canonicalDecimal(text.trim().replace(',', '.')) ?? 'bad';
}

function rankOf(text: string | undefined): number | null | 'bad' {
  if (text === undefined || text.trim() === '') return null;
  return /^\d{1,4}$/.test(text.trim()) && Number(text) >= 1 ? Number(text) : 'bad';
}

/**
 * Reads a DTI table (UTF-8 CSV, header row); every problem with its row number (the header
 * is row 1). Besides the fixed columns, `PART_score`/`PART_rank` for each pillar and main
 * index of the year's framework (e.g. `institutions_rank`).
 */
export function parseDtiCsv(bytes: Buffer, framework: DtiFramework | null = null): { rows: DtiTableRow[]; errors: DtiRowError[] } {
  let records: { record: Record<string, string>; info: { lines: number } }[];
  try {
    const text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    records = parse(text, {
      columns: (h: string[]) => h.map((c) => c.trim().toLowerCase()),
      bom: true,
      skip_empty_lines: true,
      trim: true,
      info: true,
    });
  } catch (error) {
    return { rows: [], errors: [{ row: 0, column: '(file)', message: T.notUtf8Csv((error as Error).message) }] };
  }
  const pillarParts: readonly DtiPart[] = framework?.pillars.length ? framework.pillars : DTI_PILLARS;
  const indexParts = framework?.indices ?? [];
  const figureColumns = (parts: readonly DtiPart[]) => parts.flatMap((p) => [`${p.code}_score`, `${p.code}_rank`]);
  const columns = [...new Set([...DTI_COLUMNS, ...figureColumns(pillarParts), ...figureColumns(indexParts)])];
  const errors: DtiRowError[] = [];
  const rows: DtiTableRow[] = [];
  const seen = new Map<string, number>();
  for (const { record, info } of records) {
    const row = info.lines;
    const fail = (column: string, message: Localised) => errors.push({ row, column, message });
    const unknown = Object.keys(record).filter((c) => !columns.includes(c));
    if (unknown.length) fail(unknown[0], T.unknownColumn(columns.join(', ')));
    const name = (record.name ?? '').normalize('NFC');
    if (!name) fail('name', T.required());
    const score = decimal(record.score);
    const rank = rankOf(record.rank);
    if (score === 'bad') fail('score', T.notANumber(record.score));
    if (rank === 'bad') fail('rank', T.notARank(record.rank));
    if (score === null && rank === null) fail('score', T.scoreOrRank());
    const figures = (parts: readonly DtiPart[]): DtiFigures => {
      const out: DtiFigures = {};
      for (const { code } of parts) {
        const s = decimal(record[`${code}_score`]);
        const r = rankOf(record[`${code}_rank`]);
        if (s === 'bad') fail(`${code}_score`, T.notANumber(record[`${code}_score`]));
        if (r === 'bad') fail(`${code}_rank`, T.notAPartRank(record[`${code}_rank`]));
        if (s !== 'bad' && r !== 'bad' && (s !== null || r !== null)) out[code] = { score: s, rank: r };
      }
      return out;
    };
    const pillars = figures(pillarParts);
    const indices = figures(indexParts);
    if (!name || score === 'bad' || rank === 'bad') continue;
    const key = dtiNameKey(name);
    if (seen.has(key)) {
      fail('name', T.duplicateName(name, seen.get(key)!));
      continue;
    }
    seen.set(key, row);
    rows.push({ row, code: record.code?.trim() || null, name, key, score, rank, pillars, indices });
  }
  return { rows, errors };
}

export interface DtiTableOptions {
  year: number;
  group: DtiGroup;
  source: string;
}

/** A table's rows or, when any row is bad, the error listing every problem by row (and file, when given). */
export function checkDtiTable(bytes: Buffer, framework: DtiFramework | null, file?: string): DtiTableRow[] {
  const { rows, errors } = parseDtiCsv(bytes, framework);
  if (errors.length) {
    const where = file ? `${file}: ` : '';
    throw new DomainError('INVALID_INPUT', kpiMessages.dtiTableProblems(where, errors.length), {
      errors: errors.map((e) => ({ path: `${where}row ${e.row}.${e.column}`, line: e.row, messages: [e.message] })),
    });
  }
  return rows;
}

/** Replaces a year's table for a group inside the caller's transaction; returns how many rows matched our provinces. */
export async function writeDtiTable(
  m: EntityManager,
  rows: DtiTableRow[],
  options: DtiTableOptions,
): Promise<{ rows: number; matched: number }> {
  const ranks = dtiRanks(rows.map((r) => ({ key: r.key, score: r.score, rank: r.rank })));
  const match = options.group === 'provinces' ? await ourProvinces(m, options.year) : () => null;
  await m.query(`DELETE FROM dti_result WHERE year = $1 AND "group" = $2`, [options.year, options.group]);
  let matched = 0;
  for (const r of rows) {
    const orgUnitId = match(r.code, r.name);
    if (orgUnitId) matched++;
    const rank = ranks.get(r.key)!;
    await m.query(
      `INSERT INTO dti_result (year, "group", name, name_key, code, org_unit_id, score, rank, rank_given, pillars, indices, source)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10::jsonb, $11::jsonb, $12)`,
      [
        options.year,
        options.group,
        r.name,
        r.key,
        r.code,
        orgUnitId,
        r.score,
        rank.rank,
        rank.given,
        JSON.stringify(r.pillars),
        JSON.stringify(r.indices),
        options.source,
      ],
    );
  }
  return { rows: rows.length, matched };
}

/**
 * Imports a year's DTI table for a group in one transaction, replacing that year and
 * group: provinces are matched to ours by code or by name (with or without diacritics,
 * "TP." and "tỉnh" ignored); ranks are taken as published or computed from scores; the
 * indicators fed from the DTI get the new figures. Any row error refuses the whole file.
 */
export async function importDti(ds: DataSource, bytes: Buffer, options: DtiTableOptions) {
  const framework = await new DtiFrameworkRepository(ds.manager).find(options.year, options.group);
  const rows = checkDtiTable(bytes, framework);
  return ds.transaction(async (m) => {
    const written = await writeDtiTable(m, rows, options);
    const observations = await syncDtiObservations(m);
    return { year: options.year, group: options.group, ...written, framework: framework !== null, observations };
  });
}
