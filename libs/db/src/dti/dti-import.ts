import { parse } from 'csv-parse/sync';
import { DataSource } from 'typeorm';
import { canonicalDecimal, DomainError, dtiNameKey, dtiRanks } from '../../../domain/src';

export const DTI_GROUPS = ['provinces', 'ministries', 'ministries-no-services'] as const;
export type DtiGroup = (typeof DTI_GROUPS)[number];

/** The CSV's columns: only `name` and one of `score`/`rank` are required. */
export const DTI_COLUMNS = ['code', 'name', 'score', 'rank', 'government_score', 'government_rank', 'economy_score', 'economy_rank', 'society_score', 'society_rank'];
const PILLARS = { government: 'Chính quyền số', economy: 'Kinh tế số', society: 'Xã hội số' } as const;

export interface DtiRowError {
  row: number;
  column: string;
  message: string;
}

interface Parsed {
  row: number;
  code: string | null;
  name: string;
  key: string;
  score: string | null;
  rank: number | null;
  pillars: Record<string, { score: string | null; rank: number | null }>;
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

/** Reads a DTI table (UTF-8 CSV, header row); every problem with its row number (the header is row 1). */
export function parseDtiCsv(bytes: Buffer): { rows: Parsed[]; errors: DtiRowError[] } {
  let records: { record: Record<string, string>; info: { lines: number } }[];
  try {
    const text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    records = parse(text, { columns: (h: string[]) => h.map((c) => c.trim().toLowerCase()), bom: true, skip_empty_lines: true, trim: true, info: true });
  } catch (error) {
    return { rows: [], errors: [{ row: 0, column: '(file)', message: `not a UTF-8 CSV file: ${(error as Error).message}` }] };
  }
  const errors: DtiRowError[] = [];
  const rows: Parsed[] = [];
  const seen = new Map<string, number>();
  for (const { record, info } of records) {
    const row = info.lines;
    const fail = (column: string, message: string) => errors.push({ row, column, message });
    const unknown = Object.keys(record).filter((c) => !DTI_COLUMNS.includes(c));
    if (unknown.length) fail(unknown[0], `unknown column; the columns are ${DTI_COLUMNS.join(', ')}`);
    const name = (record.name ?? '').normalize('NFC');
    if (!name) fail('name', 'is required');
    const score = decimal(record.score);
    const rank = rankOf(record.rank);
    if (score === 'bad') fail('score', `"${record.score}" is not a number`);
    if (rank === 'bad') fail('rank', `"${record.rank}" is not a rank (a whole number from 1)`);
    if (score === null && rank === null) fail('score', 'give a score or a rank');
    const pillars: Parsed['pillars'] = {};
    for (const [id, label] of Object.entries(PILLARS)) {
      const s = decimal(record[`${id}_score`]);
      const r = rankOf(record[`${id}_rank`]);
      if (s === 'bad') fail(`${id}_score`, `"${record[`${id}_score`]}" is not a number`);
      if (r === 'bad') fail(`${id}_rank`, `"${record[`${id}_rank`]}" is not a rank`);
      if (s !== 'bad' && r !== 'bad' && (s !== null || r !== null)) pillars[label] = { score: s, rank: r };
    }
    if (!name || score === 'bad' || rank === 'bad') continue;
    const key = dtiNameKey(name);
    if (seen.has(key)) {
      fail('name', `"${name}" is already in row ${seen.get(key)}`);
      continue;
    }
    seen.set(key, row);
    rows.push({ row, code: record.code?.trim() || null, name, key, score, rank, pillars });
  }
  return { rows, errors };
}

/**
 * Imports a year's DTI table for a group in one transaction, replacing that year and
 * group: provinces are matched to ours by code or by name (with or without diacritics,
 * "TP." and "tỉnh" ignored); ranks are taken as published or computed from scores.
 * Any row error refuses the whole file.
 */
export async function importDti(ds: DataSource, bytes: Buffer, options: { year: number; group: DtiGroup; source: string }) {
  const { rows, errors } = parseDtiCsv(bytes);
  if (errors.length) {
    throw new DomainError('INVALID_INPUT', `${errors.length} problem(s) in the DTI table; nothing was written`, {
      errors: errors.map((e) => ({ path: `row ${e.row}.${e.column}`, line: e.row, messages: [e.message] })),
    });
  }
  const ranks = dtiRanks(rows.map((r) => ({ key: r.key, score: r.score, rank: r.rank })));
  return ds.transaction(async (m) => {
    const provinces: { id: string; code: string; name: string }[] =
      options.group === 'provinces' ? await m.query(`SELECT id, code, name FROM org_unit WHERE kind = 'province'`) : [];
    const byCode = new Map(provinces.map((p) => [p.code.toUpperCase(), p.id]));
    const byName = new Map(provinces.map((p) => [dtiNameKey(p.name), p.id]));
    await m.query(`DELETE FROM dti_result WHERE year = $1 AND "group" = $2`, [options.year, options.group]);
    let matched = 0;
    for (const r of rows) {
      const orgUnitId = (r.code && byCode.get(r.code.toUpperCase())) || byName.get(r.key) || null;
      if (orgUnitId) matched++;
      const rank = ranks.get(r.key)!;
      await m.query(
        `INSERT INTO dti_result (year, "group", name, name_key, code, org_unit_id, score, rank, rank_given, pillars, source)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10::jsonb, $11)`,
        [options.year, options.group, r.name, r.key, r.code, orgUnitId, r.score, rank.rank, rank.given, JSON.stringify(r.pillars), options.source],
      );
    }
    return { year: options.year, group: options.group, rows: rows.length, matched };
  });
}
