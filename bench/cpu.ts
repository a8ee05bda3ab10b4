import { readFileSync } from 'fs';

/** The machine's busy CPU time (all cores, every process) from /proc/stat; null where there is none (not Linux). */
function cpuTimes(): { busy: number; total: number } | null {
  try {
    const line = readFileSync('/proc/stat', 'utf8').split('\n')[0];
    const f = line.trim().split(/\s+/).slice(1).map(Number);
    const idle = f[3] + (f[4] ?? 0);
    const total = f.reduce((a, b) => a + b, 0);
    return { busy: total - idle, total };
  } catch {
    return null;
  }
}

/** Share of the machine's CPU (0-100 %, all cores together) that was busy between `start()` and the call of the returned function. */
export function cpuBusy(): () => number | null {
  const start = cpuTimes();
  return () => {
    const end = cpuTimes();
    if (!start || !end || end.total === start.total) return null;
    return Math.round((1000 * (end.busy - start.busy)) / (end.total - start.total)) / 10;
  };
}
