import { ChildProcess, spawn, spawnSync } from 'child_process';
import { existsSync } from 'fs';
import { join } from 'path';

const REPO = join(__dirname, '../..');

export function builtEntry(app: 'api' | 'worker' | 'cli'): string {
  const file = join(REPO, 'dist/apps', app, 'src/main.js');
  if (!existsSync(file)) throw new Error(`${file} is missing: run \`npm run build\` first (npm test does)`);
  return file;
}

/** The environment a user would have: none of dx-tracker's variables unless given. */
export function cleanEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
  const env = { ...process.env };
  for (const key of ['DATABASE_URL', 'REDIS_URL', 'DX_DATA_DIR', 'PORT', 'HOST', 'LOAD_DEMO_DATA', 'NODE_ENV', 'QUEUE_PREFIX', 'DX_LANG'])
    delete env[key];
  return { ...env, ...extra };
}

export interface CliResult {
  status: number | null;
  stdout: string;
  stderr: string;
}

export function runCli(args: string[], env: Record<string, string>, cwd = REPO, input?: string): CliResult {
  const r = spawnSync(process.execPath, [builtEntry('cli'), ...args], {
    cwd,
    env: cleanEnv(env),
    encoding: 'utf8',
    timeout: 60_000,
    input,
  });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

export interface RunningProcess {
  url: string;
  output: () => string;
  stop(signal?: NodeJS.Signals): Promise<number | null>;
}

/** The start banner the API prints last: between two rule lines. */
const BANNER = /^═{20,}$[^]*?^═{20,}$/m;

/** Starts the built API as a user would and waits for its "running at" line and its start banner. */
export function startBuiltApi(env: Record<string, string>, timeoutMs = 60_000): Promise<RunningProcess> {
  const child = spawn(process.execPath, [builtEntry('api')], { cwd: REPO, env: cleanEnv(env), stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`API did not start within ${timeoutMs} ms:\n${output}`));
    }, timeoutMs);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /running at (http:\/\/[\d.]+:\d+)/.exec(output);
      // Started once the start banner (with the demo passwords on a first start) has come out whole after that line;
      // with JSON logs, which print no banner without demo passwords, once that line is out.
      if (match && (env.LOG_FORMAT === 'json' || BANNER.test(output.slice(match.index)))) {
        clearTimeout(timer);
        resolve({
          url: match[1],
          output: () => output,
          async stop(signal = 'SIGTERM') {
            child.kill(signal);
            return exited;
          },
        });
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`API exited with ${code} before starting:\n${output}`));
    });
  });
}

/** Built worker processes started by a test, killed (SIGKILL, as a crash) or stopped at its end. */
export class BuiltWorkers {
  readonly children: ChildProcess[] = [];

  constructor(private readonly env: () => Record<string, string>) {}

  start(): ChildProcess {
    const child = spawn(process.execPath, [builtEntry('worker')], { env: cleanEnv(this.env()), stdio: 'ignore' });
    this.children.push(child);
    return child;
  }

  async kill(child: ChildProcess, signal: NodeJS.Signals = 'SIGKILL'): Promise<void> {
    if (child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill(signal);
    await exited;
  }

  async killAll(): Promise<void> {
    await Promise.all(this.children.map((c) => this.kill(c)));
  }
}
