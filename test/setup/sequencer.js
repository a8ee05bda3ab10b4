/**
 * Starts the longest test files first, so that on a clean clone (no timing cache yet) a two-minute file does not
 * start last and leave one worker running alone. The rest keep Jest's own order (by recorded duration, else size).
 */
const Sequencer = require('@jest/test-sequencer').default;

// Longest first, as measured in `bash .ci/run` on a 2-core machine (the 21 files over 15 s, 2026-12-03, after the
// hostile-input, fuzz and CLI speed-ups); a file missing here just takes Jest's order.
const LONGEST_FIRST = [
  'test/e2e/embedded-loop.e2e-spec.ts',
  'test/e2e/hostile-input.e2e-spec.ts',
  'test/browser/dashboard.e2e-spec.ts',
  'test/e2e/cli.e2e-spec.ts',
  'test/faults/report-worker-kill.spec.ts',
  'test/browser/walk.e2e-spec.ts',
  'test/e2e/shared-indicators.e2e-spec.ts',
  'test/faults/restart-during-write.spec.ts',
  'test/e2e/embedded-start.e2e-spec.ts',
  'test/browser/notifications.e2e-spec.ts',
  'test/e2e/reports.e2e-spec.ts',
  'test/e2e/write-api.e2e-spec.ts',
  'test/browser/flows.e2e-spec.ts',
  'test/integration/recompute-queue.spec.ts',
  'test/unit/plan-file/parse-plan-file.fuzz.spec.ts',
  'test/e2e/backup.e2e-spec.ts',
  'test/e2e/dti.e2e-spec.ts',
  'test/faults/concurrent-writers.spec.ts',
  'test/e2e/fuzz.e2e-spec.ts',
  'test/e2e/rbac.e2e-spec.ts',
  'test/integration/embedded-postgres.spec.ts',
];

class LongestFirstSequencer extends Sequencer {
  async sort(tests) {
    const sorted = await super.sort(tests);
    const rank = (test) => {
      const i = LONGEST_FIRST.findIndex((path) => test.path.endsWith(path));
      return i === -1 ? LONGEST_FIRST.length : i;
    };
    return sorted
      .map((test, i) => ({ test, i }))
      .sort((a, b) => rank(a.test) - rank(b.test) || a.i - b.i)
      .map(({ test }) => test);
  }
}

module.exports = LongestFirstSequencer;
