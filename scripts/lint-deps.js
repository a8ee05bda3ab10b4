#!/usr/bin/env node
/**
 * What ESLint (eslint.config.mjs) cannot say simply:
 * - a relative import never leaves its area (a lib, an app, test/, bench/, migrations/): across areas, use the
 *   `@dx/...` aliases, so a lib is reached through its index and a move never leaves a climb of `../../..` behind;
 * - every `eslint-disable` says why on the same line (`-- reason`).
 */
const { readFileSync, readdirSync, statSync } = require('fs');
const { join, relative, resolve, dirname } = require('path');

const root = resolve(__dirname, '..');
const problems = [];

function walk(dir) {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (name === 'node_modules' || name === 'dist') return [];
    return statSync(path).isDirectory() ? walk(path) : /\.(ts|tsx|js|mjs)$/.test(path) ? [path] : [];
  });
}

const area = (file) => {
  const rel = relative(root, file).split('/');
  return rel[0] === 'apps' || rel[0] === 'libs' ? `${rel[0]}/${rel[1]}` : rel[0];
};

for (const dir of ['apps', 'libs', 'test', 'bench', 'migrations', 'scripts']) {
  for (const file of walk(join(root, dir))) {
    const source = readFileSync(file, 'utf8');
    const rel = relative(root, file);
    for (const match of source.matchAll(
      /(?:import|export)\s[^'"]*?from\s+['"](\.[^'"]*)['"]|(?:require|import)\(\s*['"](\.[^'"]*)['"]\s*\)/g,
    )) {
      const spec = match[1] ?? match[2];
      const target = area(resolve(dirname(file), spec));
      // test/support/embedded-probe.js runs the built code, which lives in dist/.
      if (target !== area(file) && target !== 'dist')
        problems.push(`${rel}: "${spec}" climbs into ${target}; import it through its @dx alias`);
    }
    source.split('\n').forEach((line, i) => {
      if (/\/[/*]\s*eslint-disable/.test(line) && !/\/[/*]\s*eslint-disable[^\n]*\s--\s+\S/.test(line))
        problems.push(`${rel}:${i + 1}: eslint-disable without a reason (add "-- why")`);
    });
  }
}

if (problems.length) {
  process.stderr.write(`lint: ${problems.length} problem(s)\n${problems.map((p) => `  ${p}`).join('\n')}\n`);
  process.exit(1);
}
process.stdout.write('lint: imports stay in their area, every eslint-disable has a reason\n');
