#!/usr/bin/env node
/**
 * The checks `npm test` runs — lint, type-check, build — side by side: they share no output and each is mostly one
 * single-threaded process, so on 2 cores they finish in about the time of the longest instead of the sum. Each one's
 * output is printed in one piece when it ends; the exit code is non-zero if any failed.
 *
 * With `--beside COMMAND [ARG …]`, COMMAND (e.g. jest) runs at the same time with the terminal as its output, and the
 * checks run at a lower CPU priority (nice 10): the test suite waits on PostgreSQL, Redis, child processes and timers
 * for much of its run, and the checks use the CPU it leaves, instead of holding it up for their whole length.
 *
 * Usage: node scripts/run-checks.js [script …] [--beside COMMAND [ARG …]]
 *   (scripts are npm scripts; default: lint typecheck build). Arguments after COMMAND go to it.
 */
const { spawn } = require('child_process');
const { setPriority } = require('os');

const argv = process.argv.slice(2);
const at = argv.indexOf('--beside');
const checks = at === -1 ? argv : argv.slice(0, at);
const beside = at === -1 ? [] : argv.slice(at + 1);
const scripts = checks.length ? checks : ['lint', 'typecheck', 'build'];
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
const CHECK_PRIORITY = 10;

function runCheck(script) {
  const started = Date.now();
  return new Promise((resolve) => {
    const child = spawn(npm, ['run', '-s', script], { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, FORCE_COLOR: '0' } });
    // Only beside another command: alone, the checks are all there is to run. The priority is inherited by the
    // processes npm starts; a platform that refuses it just runs them at the normal one.
    if (beside.length && child.pid) {
      try {
        setPriority(child.pid, CHECK_PRIORITY);
      } catch {
        /* not permitted here: normal priority */
      }
    }
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

function runBeside([command, ...args]) {
  return new Promise((resolve) => {
    const child = spawn(command, args, { stdio: 'inherit', shell: process.platform === 'win32' });
    child.on('error', (error) => {
      process.stderr.write(`${command}: ${error.message}\n`);
      resolve(false);
    });
    child.on('close', (code) => resolve(code === 0));
  });
}

const runs = scripts.map(runCheck);
if (beside.length) runs.push(runBeside(beside));
Promise.all(runs).then((results) => {
  process.exitCode = results.every(Boolean) ? 0 : 1;
});
