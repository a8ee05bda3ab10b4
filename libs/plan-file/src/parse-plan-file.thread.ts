import { existsSync } from 'fs';
import { availableParallelism } from 'os';
import { join } from 'path';
import { Worker } from 'worker_threads';
import { ParsedPlanFile, parsePlanFile } from './parse-plan-file';

/** Below this a file parses in milliseconds, quicker than a thread starts. */
export const OFF_THREAD_MIN_BYTES = 256 * 1024;
/** Parses at once; more wait their turn, so uploads cannot take every core from the requests being served. */
const MAX_THREADS = Math.max(1, availableParallelism() - 1);
const WORKER_FILE = join(__dirname, 'parse-plan-file.worker.js');

let running = 0;
const waiting: (() => void)[] = [];

async function turn<T>(work: () => Promise<T>): Promise<T> {
  if (running >= MAX_THREADS) await new Promise<void>((resolve) => waiting.push(resolve));
  running++;
  try {
    return await work();
  } finally {
    running--;
    waiting.shift()?.();
  }
}

function inThread(bytes: Uint8Array): Promise<ParsedPlanFile> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(WORKER_FILE, { workerData: bytes });
    worker.once('message', (parsed: ParsedPlanFile) => resolve(parsed));
    worker.once('error', reject);
    worker.once('exit', (code) => reject(new Error(`plan file parser thread exited with code ${code}`)));
  });
}

/**
 * parsePlanFile for servers: a large file (a 20 MiB plan takes tens of seconds) is parsed in
 * a worker thread, so the process keeps answering other requests meanwhile. Same result as
 * parsePlanFile. Where the compiled worker is absent (code run from TypeScript sources, as
 * in unit tests) it parses in the calling thread.
 */
export function parsePlanFileOffThread(bytes: Uint8Array): Promise<ParsedPlanFile> {
  if (bytes.byteLength < OFF_THREAD_MIN_BYTES || !existsSync(WORKER_FILE)) return Promise.resolve(parsePlanFile(bytes));
  return turn(() => inThread(bytes));
}
