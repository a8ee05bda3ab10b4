import { ChildProcess, spawn } from 'child_process';
import { existsSync } from 'fs';
import { join } from 'path';
import { progress } from './support';

export const REPO = join(__dirname, '..', '..');

/** A built entry point under dist/ (npm run bench builds first). */
export function builtFile(relative: string): string {
  const file = join(REPO, 'dist', relative);
  if (!existsSync(file)) throw new Error(`${file} is missing: run \`npm run build\` first (npm run bench does)`);
  return file;
}

export interface Child {
  name: string;
  process: ChildProcess;
  output(): string;
  /** The first match of `pattern` in the output, waiting at most `timeoutMs`. */
  waitFor(pattern: RegExp, timeoutMs?: number): Promise<RegExpExecArray>;
  stop(): Promise<void>;
}

const running = new Set<Child>();

/** Only dx-tracker's own variables from `env`: the bench's environment must not leak DATABASE_URL and the like. */
function childEnv(env: Record<string, string>): NodeJS.ProcessEnv {
  const base = { ...process.env };
  for (const key of Object.keys(base))
    if (/^(DATABASE_|REDIS_|QUEUE_|WORKER_|RECOMPUTE_|RUN_WORKER|LOAD_DEMO|JWT_|LOG_|NODE_ENV|PORT|HOST)/.test(key)) delete base[key];
  return { ...base, ...env };
}

/** Starts `node <file>` with `env` (and `nodeArgs`, e.g. --cpu-prof); its output is kept (last 64 kB) for readiness and errors. */
export function startNode(name: string, file: string, env: Record<string, string>, nodeArgs: string[] = []): Child {
  const proc = spawn(process.execPath, [...nodeArgs, file], { cwd: REPO, env: childEnv(env), stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  const waiters = new Set<() => void>();
  const onData = (chunk: Buffer) => {
    output = (output + chunk.toString()).slice(-65_536);
    for (const w of waiters) w();
  };
  proc.stdout!.on('data', onData);
  proc.stderr!.on('data', onData);
  const exited = new Promise<void>((resolve) => proc.once('exit', () => resolve()));
  const child: Child = {
    name,
    process: proc,
    output: () => output,
    waitFor(pattern, timeoutMs = 60_000) {
      return new Promise((resolve, reject) => {
        const check = () => {
          const match = pattern.exec(output);
          if (match) {
            done();
            resolve(match);
          }
        };
        const timer = setTimeout(() => {
          done();
          reject(new Error(`${name}: no ${pattern} within ${timeoutMs} ms:\n${output.slice(-4000)}`));
        }, timeoutMs);
        const onExit = () => {
          done();
          reject(new Error(`${name} exited (${proc.exitCode ?? proc.signalCode}) before ${pattern}:\n${output.slice(-4000)}`));
        };
        const done = () => {
          clearTimeout(timer);
          waiters.delete(check);
          proc.off('exit', onExit);
        };
        waiters.add(check);
        proc.once('exit', onExit);
        check();
      });
    },
    async stop() {
      running.delete(child);
      if (proc.exitCode === null && proc.signalCode === null) {
        proc.kill('SIGTERM');
        const killer = setTimeout(() => proc.kill('SIGKILL'), 10_000);
        await exited;
        clearTimeout(killer);
      }
    },
  };
  running.add(child);
  proc.once('exit', (code, signal) => {
    if (running.has(child) && code !== 0) progress(`${name} exited`, { code, signal });
  });
  return child;
}

/** Stops every child still running (normal end, failure or signal). */
export async function stopAll(): Promise<void> {
  await Promise.all([...running].map((c) => c.stop()));
}
