import { existsSync, readdirSync, readFileSync } from 'fs';
import { join } from 'path';
import { DataSource } from 'typeorm';
import { DomainError, DTI_GROUPS, DtiFramework, DtiGroup, kpiMessages, Localised } from '@dx/domain';
import { issueMessageIn, parseDtiFrameworks } from '@dx/plan-file';
import { DtiFrameworkRepository } from './dti-framework.repository';
import { checkDtiTable, DtiTableRow, writeDtiTable } from './dti-import';
import { syncDtiObservations } from './dti-observations';
import { dtiTableMessages } from './dti-table.messages';

export const DTI_FRAMEWORK_FILE = 'frameworks.yaml';
const TABLE_FILE = new RegExp(`^(\\d{4})-(${DTI_GROUPS.join('|')})\\.csv$`);

export interface DtiDirectoryResult {
  frameworks: number;
  tables: { file: string; year: number; group: DtiGroup; rows: number; matched: number }[];
}

/**
 * Imports a directory laid out like `data/dti/`: `frameworks.yaml` (optional) and tables
 * named `YEAR-GROUP.csv`. Every file is checked first (all problems, each with its file);
 * then everything is written in one transaction, so a bad file leaves the database as it was.
 */
export async function importDtiDirectory(
  ds: DataSource,
  dir: string,
  onFile: (file: string) => void = () => undefined,
): Promise<DtiDirectoryResult> {
  const names = readdirSync(dir).sort();
  const problems: { path: string; line: number | null; messages: (string | Localised)[] }[] = [];
  let frameworks: DtiFramework[] = [];
  if (existsSync(join(dir, DTI_FRAMEWORK_FILE))) {
    const parsed = parseDtiFrameworks(readFileSync(join(dir, DTI_FRAMEWORK_FILE)));
    frameworks = parsed.value ?? [];
    for (const e of parsed.errors)
      problems.push({
        path: `${DTI_FRAMEWORK_FILE}: ${e.path}`,
        line: e.line,
        messages: [{ vi: issueMessageIn(e, 'vi'), en: issueMessageIn(e, 'en') }],
      });
  }
  const tables = names
    .filter((n) => n.toLowerCase().endsWith('.csv'))
    .flatMap((file) => {
      const m = TABLE_FILE.exec(file);
      if (!m) {
        problems.push({ path: file, line: null, messages: [dtiTableMessages.tableFileName(DTI_GROUPS.join(', '))] });
        return [];
      }
      return [{ file, year: Number(m[1]), group: m[2] as DtiGroup }];
    })
    .sort((a, b) => a.year - b.year || a.group.localeCompare(b.group));
  const stored = new DtiFrameworkRepository(ds.manager);
  const checked: { file: string; year: number; group: DtiGroup; rows: DtiTableRow[] }[] = [];
  for (const t of tables) {
    const framework = frameworks.find((f) => f.year === t.year && f.group === t.group) ?? (await stored.find(t.year, t.group));
    try {
      checked.push({ ...t, rows: checkDtiTable(readFileSync(join(dir, t.file)), framework, t.file) });
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      problems.push(...((error.details as { errors: typeof problems }).errors ?? []));
    }
  }
  if (problems.length) throw new DomainError('INVALID_INPUT', kpiMessages.dtiProblems(problems.length, dir), { errors: problems });
  return ds.transaction(async (m) => {
    if (frameworks.length) {
      onFile(DTI_FRAMEWORK_FILE);
      await new DtiFrameworkRepository(m).save(frameworks);
    }
    const result: DtiDirectoryResult = { frameworks: frameworks.length, tables: [] };
    for (const t of checked) {
      onFile(t.file);
      const written = await writeDtiTable(m, t.rows, { year: t.year, group: t.group, source: t.file });
      result.tables.push({ file: t.file, year: t.year, group: t.group, ...written });
    }
    await syncDtiObservations(m);
    return result;
  });
}
