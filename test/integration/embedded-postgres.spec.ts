import { spawnSync } from 'child_process';
import { mkdtempSync, rmSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { builtEntry } from '../support/run-built';

/** PGlite cannot start inside jest's VM sandbox, so the checks run in a child Node process. */
function probe(command: string, dir: string): Record<string, unknown> {
  builtEntry('api'); // fails clearly when dist/ is missing
  const r = spawnSync(process.execPath, [join(__dirname, '../support/embedded-probe.js'), command, dir], {
    encoding: 'utf8',
    timeout: 60_000,
  });
  return JSON.parse(r.stdout.trim().split('\n').pop() ?? '{}');
}

describe('embedded PostgreSQL (PGlite over a local socket)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'dx-pglite-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('answers parameterised queries of several connections, some inside transactions, each with its own result', () => {
    expect(probe('concurrent', dir)).toEqual({ errors: 0, wrong: 0, lockPid: true });
  });

  it('delivers a NOTIFY to the idle connection that ran LISTEN, once, and not to the sender', () => {
    expect(probe('notify', dir)).toEqual({ listener: ['bullmq_jobs:recompute', 'bullmq_jobs:reports'], sender: [] });
  });

  it('keeps data across a restart and releases its lock on close', () => {
    expect(probe('reopen', dir)).toEqual({ rows: [{ v: 7 }], lockAfterClose: null });
  });
});
