import { EntityManager } from 'typeorm';
import { PlanFile, WebItemsSeen } from '@dx/domain';
import type { ImportOptions } from './plan-importer';
import { ImportRowWriter } from './import-row.writer';

/** What the stages of one import share: the transaction, the file, the ids matched so far, and the writer that counts. */
export interface ImportContext {
  readonly m: EntityManager;
  readonly plan: PlanFile;
  readonly options: ImportOptions & { checksum: string; warnings: unknown[] };
  readonly writer: ImportRowWriter;
  /** The province's org unit id, set by the province stage. */
  provinceId: string;
  /** Org unit ids by code (the province and its agencies). */
  readonly orgIds: Map<string, string>;
  /** Indicator ids by code (the file's indicators). */
  readonly indicatorIds: Map<string, string>;
  /** Tasks and goals the web app added or edited, as this import found them (issue 19). */
  readonly webItems: WebItemsSeen;
}

/** A NUL stands for a missing source in natural keys: no text value holds one. */
export const NUL = '\u0000';
