/** The "Tình trạng" filter of a list: every state by its Vietnamese label, or "tất cả" (the empty value). */
export function StatusFilter({
  value,
  onChange,
  labels,
}: {
  value: string;
  onChange: (value: string) => void;
  labels: Record<string, string>;
}) {
  return (
    <div className="filters">
      <label>
        Tình trạng
        <select value={value} onChange={(e) => onChange(e.target.value)}>
          <option value="">tất cả</option>
          {Object.entries(labels).map(([v, label]) => (
            <option key={v} value={v}>
              {label}
            </option>
          ))}
        </select>
      </label>
    </div>
  );
}
