import { ROLE_LABELS_VI, type Role } from '../access/access-policy';
import type { IsoDate } from '../plan.types';

/**
 * The provincial department that runs digital transformation, as it was named at a date.
 *
 * Since 1 March 2025 (the 2025 reorganisation of the government: Nghị quyết 176/2025/QH15 for
 * the ministries, the provinces' own decisions for their departments) the Sở Thông tin và
 * Truyền thông of every province is merged into the Sở Khoa học và Công nghệ, and the Bộ Thông
 * tin và Truyền thông into the Bộ Khoa học và Công nghệ. Reports, role labels and report numbers
 * dated before that day keep the old names.
 */
export interface IctDepartment {
  /** "Sở Thông tin và Truyền thông" / "Sở Khoa học và Công nghệ". */
  name: string;
  /** The issuer line of a report heading, in capitals: "SỞ KHOA HỌC VÀ CÔNG NGHỆ". */
  issuer: string;
  /** "Sở TT&TT" / "Sở KH&CN", as labels and messages say it. */
  abbreviation: string;
  /** The agency code in report numbers: "STTTT" / "SKHCN". */
  code: string;
  /** The symbol of a report's number: "BC-STTTT" / "BC-SKHCN" (Nghị định 30/2020/NĐ-CP, Phụ lục III). */
  reportSuffix: string;
  /** The ministry above it: "Bộ Thông tin và Truyền thông" / "Bộ Khoa học và Công nghệ". */
  ministry: string;
}

/** The first day of the merged Sở Khoa học và Công nghệ. */
export const ICT_MERGER_DATE: IsoDate = '2025-03-01';

const BEFORE_MERGER: IctDepartment = {
  name: 'Sở Thông tin và Truyền thông',
  issuer: 'SỞ THÔNG TIN VÀ TRUYỀN THÔNG',
  abbreviation: 'Sở TT&TT',
  code: 'STTTT',
  reportSuffix: 'BC-STTTT',
  ministry: 'Bộ Thông tin và Truyền thông',
};

const AFTER_MERGER: IctDepartment = {
  name: 'Sở Khoa học và Công nghệ',
  issuer: 'SỞ KHOA HỌC VÀ CÔNG NGHỆ',
  abbreviation: 'Sở KH&CN',
  code: 'SKHCN',
  reportSuffix: 'BC-SKHCN',
  ministry: 'Bộ Khoa học và Công nghệ',
};

/** The department at `date` (ISO): the Sở TT&TT before 2025-03-01, the Sở KH&CN on and after it. */
export function ictDepartmentAt(date: IsoDate): IctDepartment {
  return date < ICT_MERGER_DATE ? BEFORE_MERGER : AFTER_MERGER;
}

/** A report's number line with the number left blank for the clerk: "Số:        /BC-SKHCN". */
export function blankReportNumber(date: IsoDate): string {
  return `Số:        /${ictDepartmentAt(date).reportSuffix}`;
}

/** The roles' Vietnamese names at `date`: an officer is "cán bộ Sở TT&TT" before the merger, "cán bộ Sở KH&CN" after. */
export function roleLabelsAt(date: IsoDate): Record<Role, string> {
  return { ...ROLE_LABELS_VI, officer: `cán bộ ${ictDepartmentAt(date).abbreviation}` };
}
