import { ColumnOptions, ValueTransformer } from 'typeorm';
import { canonicalOrNull } from '@dx/domain';

/** numeric ↔ canonical decimal string: measured values never pass through a float. */
const decimalTransformer: ValueTransformer = {
  to: (value: string | null | undefined) => value,
  from: canonicalOrNull,
};

export const decimalColumn = (options: ColumnOptions = {}): ColumnOptions => ({
  type: 'numeric',
  nullable: true,
  transformer: decimalTransformer,
  ...options,
});

export const textColumn = (nullable = false): ColumnOptions => ({ type: 'text', nullable });
export const dateColumn = (nullable = true): ColumnOptions => ({ type: 'date', nullable });
