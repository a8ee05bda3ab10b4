import type { TrackedIndicator } from '@dx/domain';
import { TASK_STATUS } from './format';

/** One option per task status, labelled as the tracker words it. */
export function TaskStatusOptions() {
  return (
    <>
      {Object.entries(TASK_STATUS).map(([k, v]) => (
        <option key={k} value={k}>
          {v}
        </option>
      ))}
    </>
  );
}

/** One option per indicator, by code, labelled with its name and unit. */
export function IndicatorOptions({ indicators }: { indicators: TrackedIndicator[] }) {
  return (
    <>
      {indicators.map((i) => (
        <option key={i.code} value={i.code}>
          {i.name} ({i.unit})
        </option>
      ))}
    </>
  );
}
