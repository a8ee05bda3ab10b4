/**
 * A user of a running dx-tracker over HTTP, as the embedded loop test and the embedded soak drive it:
 * sign in, read a summary, update the tasks of task group NV3 of 37/KH-UBND, order reports, follow jobs.
 */

/** The tasks given to NV3 of 37/KH-UBND (its file lists none) so that updates have something to change. */
export const NV3_TASKS = ['NV3.1', 'NV3.2', 'NV3.3'] as const;
const DOCUMENT = '37/KH-UBND';
const GROUP = 'NV3';
/** The status each update gives, in turn: every update changes the NV3 rollup. */
const CYCLE = ['in_progress', 'done', 'not_started'] as const;

/** The Quảng Ninh plan file with three not-started tasks in NV3 of 37/KH-UBND. */
export function withNv3Tasks(planText: string): string {
  const tasks = NV3_TASKS.map(
    (code, i) =>
      `          - code: ${code}\n            title: Nhiệm vụ hạ tầng số thử nghiệm ${i + 1}\n            lead: STTTT\n            due: 2026-12-31\n            status: not_started\n`,
  ).join('');
  const replaced = planText.replace(/(- code: NV3\n\s+name: [^\n]+\n\s+declared_count: \d+\n\s+)tasks: \[\]\n/, `$1tasks:\n${tasks}`);
  if (replaced === planText) throw new Error('task group NV3 with "tasks: []" not found in the plan file');
  return replaced;
}

interface SummaryBody {
  computedAt: string | null;
  pendingJob: string | null;
  documents: { code: string; taskGroups: { code: string; rollup: { tasks: { counts: Record<string, number> } | null } }[] }[];
}

export interface JobBody {
  state: string;
  result: Record<string, unknown> | null;
  failedReason: string | null;
}

export class EmbeddedClient {
  private readonly tasks = new Map<string, { id: string; version: number; status: string }>();

  private constructor(
    readonly url: string,
    private readonly token: string,
  ) {}

  static async signIn(url: string, username: string, password: string): Promise<EmbeddedClient> {
    const res = await fetch(`${url}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ username, password }),
    });
    if (res.status !== 200) throw new Error(`sign-in of ${username}: ${res.status} ${await res.text()}`);
    return new EmbeddedClient(url, ((await res.json()) as { accessToken: string }).accessToken);
  }

  private async call<T>(path: string, init: RequestInit = {}, expected = [200]): Promise<{ body: T; headers: Headers }> {
    const res = await fetch(`${this.url}${path}`, {
      ...init,
      headers: { Authorization: `Bearer ${this.token}`, 'Content-Type': 'application/json', ...init.headers },
    });
    const text = await res.text();
    if (!expected.includes(res.status)) throw new Error(`${init.method ?? 'GET'} ${path}: ${res.status} ${text}`);
    return { body: JSON.parse(text) as T, headers: res.headers };
  }

  async summary(asOf?: string): Promise<SummaryBody> {
    return (await this.call<SummaryBody>(`/api/v1/provinces/QNI/summary${asOf ? `?as_of=${asOf}` : ''}`)).body;
  }

  /** Reads the ids, versions and statuses of the NV3 tasks. */
  async loadTasks(): Promise<void> {
    const q = new URLSearchParams({ province: 'QNI', document: DOCUMENT, group: GROUP, pageSize: '50' });
    const { body } = await this.call<{ items: { id: string; code: string; version: number; status: string }[] }>(`/api/v1/tasks?${q}`);
    for (const t of body.items) this.tasks.set(t.code, { id: t.id, version: t.version, status: t.status });
    if (this.tasks.size !== NV3_TASKS.length) throw new Error(`expected the ${NV3_TASKS.length} NV3 tasks, found ${this.tasks.size}`);
  }

  /** Update number `i`: the next task in turn gets the status after its current one; returns the NV3 counts to expect. */
  async updateNextTask(i: number): Promise<{ committedAt: number; expected: Record<string, number> }> {
    const code = NV3_TASKS[i % NV3_TASKS.length];
    const task = this.tasks.get(code)!;
    const status = CYCLE[(CYCLE.indexOf(task.status as (typeof CYCLE)[number]) + 1) % CYCLE.length];
    const { body } = await this.call<{ version: number; status: string }>(`/api/v1/tasks/${task.id}`, {
      method: 'PATCH',
      headers: { 'If-Match': `"${task.version}"` },
      body: JSON.stringify({ status, progress: status === 'done' ? 100 : status === 'in_progress' ? 50 : 0 }),
    });
    const committedAt = Date.now();
    this.tasks.set(code, { ...task, version: body.version, status: body.status });
    return { committedAt, expected: this.expectedCounts() };
  }

  private expectedCounts(): Record<string, number> {
    const counts: Record<string, number> = {};
    for (const t of this.tasks.values()) counts[t.status] = (counts[t.status] ?? 0) + 1;
    return counts;
  }

  /** Whether today's summary shows NV3's tasks with exactly these counts by status (absent statuses count 0). */
  async nv3CountsAre(expected: Record<string, number>): Promise<boolean> {
    const s = await this.summary();
    const group = s.documents.find((d) => d.code === DOCUMENT)?.taskGroups.find((g) => g.code === GROUP);
    const counts = group?.rollup.tasks?.counts;
    if (!counts) return false;
    return Object.keys({ ...counts, ...expected }).every((k) => (counts[k] ?? 0) === (expected[k] ?? 0));
  }

  async orderReport(document: string, period: string): Promise<string> {
    const { body } = await this.call<{ job: { id: string } }>(
      '/api/v1/reports',
      { method: 'POST', body: JSON.stringify({ province: 'QNI', document, period }) },
      [202],
    );
    return body.job.id;
  }

  async job(id: string): Promise<JobBody> {
    return (await this.call<JobBody>(`/api/v1/jobs/${encodeURIComponent(id)}`)).body;
  }

  /** Polls a job until it completed or failed; throws past `timeoutMs`. */
  async untilJobDone(id: string, timeoutMs: number): Promise<JobBody> {
    let last: JobBody | null = null;
    await this.untilVisible(
      `job ${id} to finish`,
      async () => {
        last = await this.job(id);
        return last.state === 'completed' || last.state === 'failed';
      },
      timeoutMs,
    );
    return last!;
  }

  /** Polls `check` every 100 ms until it holds; returns how long that took (ms), throws past `timeoutMs`. */
  async untilVisible(what: string, check: () => Promise<boolean>, timeoutMs: number): Promise<number> {
    const started = Date.now();
    for (;;) {
      if (await check()) return Date.now() - started;
      if (Date.now() - started > timeoutMs) throw new Error(`not visible within ${timeoutMs} ms: ${what}`);
      await new Promise((r) => setTimeout(r, 100));
    }
  }
}
