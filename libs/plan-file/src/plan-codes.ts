import { PROVINCE_CODE_PATTERN } from '@dx/domain';

/** Formats of the codes a plan file names its elements by. */
export const PROVINCE_CODE = PROVINCE_CODE_PATTERN;
export const AGENCY_CODE = /^[A-Za-z0-9][A-Za-z0-9._-]{0,31}$/;
export const INDICATOR_CODE = /^[a-z0-9]+(-[a-z0-9]+)*$/;
/** Document numbers such as `09-NQ/TU`, `37/KH-UBND`; goal codes such as `G1.1`. */
export const DOCUMENT_CODE = /^[^\s](.{0,62}[^\s])?$/;
export const ITEM_CODE = /^[A-Za-z0-9][A-Za-z0-9._/-]{0,31}$/;
