import type { ReactNode } from 'react';

/** The one row of a table with nothing to list yet, saying what it lacks ("Chưa có …") instead of bare headers. */
export function EmptyRow({ columns, children }: { columns: number; children: ReactNode }) {
  return (
    <tr className="empty">
      <td colSpan={columns}>{children}</td>
    </tr>
  );
}
