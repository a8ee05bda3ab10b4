/**
 * The national meaning of a shared indicator: what it measures (unit, kind, scale, direction) and where its values
 * come from (the DTI figure that feeds it), the same for every province that uses its code, so that provinces
 * compare. What a province sets for itself (its label, its national target as its file cites it, its goals'
 * targets) is not part of it. Pure: the caller loads the stored entry and who uses it.
 */

export const NATIONAL_ATTRIBUTES = ['unit', 'kind', 'scale', 'direction', 'dti'] as const;
export type NationalAttribute = (typeof NATIONAL_ATTRIBUTES)[number];

/** An indicator's national meaning; null where a plan file left an optional key out (or the catalogue has no value). */
export type NationalMeaning = Record<NationalAttribute, string | null>;

export interface NationalConflict {
  attribute: NationalAttribute;
  /** What the catalogue holds, as the provinces that use the indicator have it. */
  national: string;
  /** What the file states instead. */
  stated: string;
}

export interface NationalMeaningMerge {
  /** The catalogue's entry after the file. */
  meaning: NationalMeaning;
  /** Attributes whose stored value the file changes. */
  changed: NationalAttribute[];
  conflicts: NationalConflict[];
}

/**
 * What a plan file's statement of an indicator does to the national catalogue's entry (`stored`, null when the
 * code is new). While no other province uses the indicator (`sharedWith` empty), the file is the whole entry,
 * so a key it leaves out clears that value (dropping `dti:` stops the DTI feed). Once others use it, the first
 * file that states a value sets it: a key left out keeps the stored value, a value stated where the catalogue
 * has none is added, and a different value is a conflict (changing what others' data mean would corrupt the
 * comparison).
 */
export function mergeNationalMeaning(
  stored: NationalMeaning | null,
  stated: NationalMeaning,
  sharedWith: readonly string[],
): NationalMeaningMerge {
  if (stored === null) return { meaning: { ...stated }, changed: [], conflicts: [] };
  const meaning = { ...stored };
  const conflicts: NationalConflict[] = [];
  for (const attribute of NATIONAL_ATTRIBUTES) {
    const [have, want] = [stored[attribute], stated[attribute]];
    if (sharedWith.length === 0 || have === null) meaning[attribute] = want;
    else if (want !== null && want !== have) conflicts.push({ attribute, national: have, stated: want });
  }
  const changed = NATIONAL_ATTRIBUTES.filter((a) => meaning[a] !== stored[a]);
  return { meaning, changed, conflicts };
}

const LABELS: Record<NationalAttribute, string> = {
  unit: 'đơn vị (unit)',
  kind: 'loại chỉ số (kind)',
  scale: 'hệ số quy đổi (scale)',
  direction: 'chiều đánh giá (direction)',
  dti: 'nguồn số liệu DTI (dti)',
};

/** The plan file a province using a shared indicator last imported: where the catalogue's value comes from. */
export interface NationalSource {
  province: string;
  file: string;
}

/**
 * The Vietnamese explanation of a refused import: which file and province state what, against what the catalogue
 * holds, after which files (`sources`: the latest import of each province using it that has one) and which
 * provinces use it, e.g. `tệp ha-noi.yaml (HNI) ghi chỉ số dùng chung "dti-hang" với đơn vị (unit) "thứ hạng",
 * nhưng danh mục chỉ số quốc gia ghi đơn vị (unit) "hạng" theo tệp quang-ninh.yaml của QNI (các tỉnh đang dùng: QNI)`.
 */
export function nationalConflictMessage(c: {
  file: string;
  province: string;
  indicator: string;
  sharedWith: readonly string[];
  sources: readonly NationalSource[];
  conflicts: NationalConflict[];
}): string {
  const what = c.conflicts.map((x) => `${LABELS[x.attribute]} "${x.stated}"`).join(', ');
  const national = c.conflicts.map((x) => `${LABELS[x.attribute]} "${x.national}"`).join(', ');
  const after = c.sources.length ? ` theo ${c.sources.map((x) => `tệp ${x.file} của ${x.province}`).join(', ')}` : '';
  return (
    `tệp ${c.file} (${c.province}) ghi chỉ số dùng chung "${c.indicator}" với ${what}, ` +
    `nhưng danh mục chỉ số quốc gia ghi ${national}${after} (các tỉnh đang dùng: ${c.sharedWith.join(', ')})`
  );
}

/** The advice that ends a refusal: how the file can agree with the catalogue. */
export const NATIONAL_CONFLICT_ADVICE =
  'sửa tệp cho khớp danh mục (hoặc bỏ khóa không bắt buộc để dùng giá trị chung), hoặc đặt mã khác nếu đó là một chỉ số khác; chưa ghi gì vào cơ sở dữ liệu';
