/** Validity periods of org units and reference provinces: both ends inclusive, null for open. */
export interface Validity {
  validFrom: string | null;
  validTo: string | null;
}

/** Whether something with this validity exists on `date` (YYYY-MM-DD). */
export function validOn(unit: Validity, date: string): boolean {
  return (unit.validFrom === null || unit.validFrom <= date) && (unit.validTo === null || date <= unit.validTo);
}
