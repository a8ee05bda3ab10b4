#!/usr/bin/env node
/**
 * The checks `npm test` runs before jest — lint, type-check, build — run side by side: they share no output and
 * each is mostly one single-threaded process, so on 2 cores they finish in about the time of the longest instead of
 * the sum. Each one's output is printed in one piece when it ends; the exit code is non-zero if any failed.
 * Usage: node scripts/run-checks.js [script …] (npm scripts; default: lint typecheck build; `npm test` names their parts,
 * so that the longest part, not the longest sequence, sets how long the checks take).
 */
const { spawn } = require('child_process');

const scripts = process.argv.slice(2).length ? process.argv.slice(2) : ['lint', 'typecheck', 'build'];
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';

function run(script) {
  const started = Date.now();
  return new Promise((resolve) => {
    const child = spawn(npm, ['run', '-s', script], { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, FORCE_COLOR: '0' } });
    const chunks = [];
    child.stdout.on('data', (c) => chunks.push(c));
    child.stderr.on('data', (c) => chunks.push(c));
    child.on('error', (error) => chunks.push(Buffer.from(`${error.message}\n`)));
    child.on('close', (code, signal) => {
      const seconds = ((Date.now() - started) / 1000).toFixed(1);
      const output = Buffer.concat(chunks).toString('utf8');
      const ok = code === 0;
      process.stdout.write(`[checks] ${script}: ${ok ? 'ok' : `FAILED (${signal ?? `exit ${code}`})`} in ${seconds} s\n`);
      if (output.trim()) process.stdout.write(output.endsWith('\n') ? output : `${output}\n`);
      resolve(ok);
    });
  });
}

Promise.all(scripts.map(run)).then((results) => {
  process.exitCode = results.every(Boolean) ? 0 : 1;
});
