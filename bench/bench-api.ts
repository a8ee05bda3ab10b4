import { builtFile, Child, startNode } from './processes';

export interface ServiceEnv {
  databaseUrl: string;
  redisUrl: string;
  queuePrefix: string;
  jwtSecret: string;
}

/** Production settings (JSON logs at info, as a deployment runs), pointed at the bench's database, Redis and queue prefix. */
export function productionEnv(env: ServiceEnv, extra: Record<string, string> = {}): Record<string, string> {
  return {
    NODE_ENV: 'production',
    DATABASE_URL: env.databaseUrl,
    REDIS_URL: env.redisUrl,
    QUEUE_PREFIX: env.queuePrefix,
    JWT_SECRET: env.jwtSecret,
    RUN_WORKER: 'false',
    LOAD_DEMO_DATA: 'false',
    HOST: '127.0.0.1',
    PORT: '0',
    LOGIN_RATE_LIMIT: '1000',
    ...extra,
  };
}

export interface BenchApi {
  child: Child;
  url: string;
}

/** The built bench API server (the product's app plus the constant route) as its own process; the load generator stays out of its event loop. */
export async function startBenchApi(env: ServiceEnv, nodeArgs: string[] = []): Promise<BenchApi> {
  const child = startNode('bench api', builtFile('bench/api/api-server.js'), productionEnv(env), nodeArgs);
  const match = await child.waitFor(/bench api listening at (http:\/\/[\d.]+:\d+)/);
  return { child, url: match[1] };
}

/** A built worker process (dist/apps/worker), as `npm run start:worker` runs it; resolves when it is ready. */
export async function startWorker(
  name: string,
  env: ServiceEnv,
  extra: Record<string, string> = {},
  nodeArgs: string[] = [],
): Promise<Child> {
  const child = startNode(name, builtFile('apps/worker/src/main.js'), productionEnv(env, extra), nodeArgs);
  await child.waitFor(/worker process started/);
  return child;
}

/** Signs in through the API; returns the access token. */
export async function signIn(url: string, username: string, password: string): Promise<string> {
  const res = await fetch(`${url}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ username, password }),
  });
  if (!res.ok) throw new Error(`sign-in failed: ${res.status} ${await res.text()}`);
  return ((await res.json()) as { accessToken: string }).accessToken;
}
