import { parentPort, workerData } from 'worker_threads';
import { parsePlanFile } from './parse-plan-file';

/** Runs in a worker thread (see parse-plan-file.thread.ts): parses the bytes it is given and posts the result. */
parentPort?.postMessage(parsePlanFile(workerData as Uint8Array));
