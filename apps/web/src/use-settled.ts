import { useEffect, useState } from 'react';

/**
 * `value` once it has stayed the same for `ms` (null at once), and whether a newer value is
 * still waiting: typing a period does not send a request per key.
 */
export function useSettled<T>(value: T | null, ms: number): { value: T | null; settling: boolean } {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    if (value === null) {
      setSettled(null);
      return;
    }
    const timer = setTimeout(() => setSettled(value), ms);
    return () => clearTimeout(timer);
  }, [value, ms]);
  return { value: settled, settling: value !== null && value !== settled };
}
