#!/usr/bin/env node
/**
 * Runs `npm run build` only when a source changed since the last successful build: a file or folder under apps,
 * libs, migrations or bench (a deleted file changes its folder's time), tsconfig*.json, .swcrc, package.json or
 * package-lock.json newer than `dist/.build-stamp`, or the stamp or an entry point missing. The stamp takes the
 * time the build started, so an edit made while it runs is built next time. `npm run cli` and `npm start` call this.
 */
const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');

const root = path.resolve(__dirname, '..');
const stamp = path.join(root, 'dist', '.build-stamp');
const SOURCE_DIRS = ['apps', 'libs', 'migrations', 'bench'];
const SKIP = new Set(['node_modules', 'dist', '.git']);
const OUTPUTS = ['dist/apps/api/src/main.js', 'dist/apps/cli/src/main.js'];

/** The latest modification time (ms) under `dir`, folders included. */
function newestUnder(dir) {
  let newest = 0;
  const stack = [dir];
  while (stack.length > 0) {
    const current = stack.pop();
    newest = Math.max(newest, fs.statSync(current).mtimeMs);
    for (const entry of fs.readdirSync(current, { withFileTypes: true })) {
      if (SKIP.has(entry.name)) continue;
      const full = path.join(current, entry.name);
      if (entry.isDirectory()) stack.push(full);
      else newest = Math.max(newest, fs.statSync(full).mtimeMs);
    }
  }
  return newest;
}

function newestSource() {
  const topFiles = fs
    .readdirSync(root)
    .filter((name) => /^tsconfig.*\.json$/.test(name) || ['.swcrc', 'package.json', 'package-lock.json'].includes(name));
  let newest = 0;
  for (const name of topFiles) newest = Math.max(newest, fs.statSync(path.join(root, name)).mtimeMs);
  for (const dir of SOURCE_DIRS) {
    if (fs.existsSync(path.join(root, dir))) newest = Math.max(newest, newestUnder(path.join(root, dir)));
  }
  return newest;
}

function isStale() {
  if (!fs.existsSync(stamp) || OUTPUTS.some((file) => !fs.existsSync(path.join(root, file)))) return true;
  return newestSource() > fs.statSync(stamp).mtimeMs;
}

if (isStale()) {
  const started = new Date();
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  const build = spawnSync(npm, ['run', '-s', 'build'], { cwd: root, stdio: 'inherit' });
  if (build.status !== 0) process.exit(build.status ?? 1);
  fs.mkdirSync(path.dirname(stamp), { recursive: true });
  fs.writeFileSync(stamp, `${started.toISOString()}\n`);
  fs.utimesSync(stamp, started, started);
}
