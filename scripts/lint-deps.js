#!/usr/bin/env node
/**
 * Enforces the project's dependency direction and keeps focused or skipped
 * tests out of the suite:
 * - libs/domain imports nothing from the project and no framework or driver;
 * - libs never import apps; apps never import each other; libs/config imports no project code;
 * - libs/reports imports only libs/domain (its builders are fed with domain objects);
 * - no `.only`, `.skip`, `xit`, `fit` in tests.
 */
const { readFileSync, readdirSync, statSync } = require('fs');
const { join, relative, resolve, dirname } = require('path');

const root = resolve(__dirname, '..');
const problems = [];

function walk(dir) {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (name === 'node_modules' || name === 'dist') return [];
    return statSync(path).isDirectory() ? walk(path) : path.endsWith('.ts') ? [path] : [];
  });
}

const FRAMEWORKS = /^(@nestjs\/|typeorm|bullmq|pg$|ioredis|express)/;
const area = (file) => {
  const rel = relative(root, file).split('/');
  return rel[0] === 'apps' || rel[0] === 'libs' ? `${rel[0]}/${rel[1]}` : rel[0];
};

for (const dir of ['apps', 'libs', 'test', 'migrations']) {
  for (const file of walk(join(root, dir))) {
    const source = readFileSync(file, 'utf8');
    const from = area(file);
    const rel = relative(root, file);
    for (const match of source.matchAll(/(?:import|export)\s[^'"]*?from\s+['"]([^'"]+)['"]|require\(['"]([^'"]+)['"]\)/g)) {
      const spec = match[1] ?? match[2];
      const target = spec.startsWith('.') ? area(resolve(dirname(file), spec)) : null;
      if (from === 'libs/domain') {
        if (target && target !== 'libs/domain') problems.push(`${rel}: libs/domain must not import ${spec}`);
        if (!target && FRAMEWORKS.test(spec)) problems.push(`${rel}: libs/domain must not import the framework or driver "${spec}"`);
      }
      if (from === 'libs/config' && target && target !== 'libs/config') problems.push(`${rel}: libs/config imports no project code (${spec})`);
      if (from === 'libs/reports' && target && !['libs/reports', 'libs/domain'].includes(target)) {
        problems.push(`${rel}: libs/reports builds files from domain objects and imports only libs/domain (${spec})`);
      }
      if (from.startsWith('libs/') && target && target.startsWith('apps/')) problems.push(`${rel}: a lib must not import an app (${spec})`);
      if (from.startsWith('apps/') && target && target.startsWith('apps/') && target !== from) {
        problems.push(`${rel}: apps must not import each other (${spec})`);
      }
    }
    if (/\.(spec|e2e-spec)\.ts$/.test(file)) {
      source.split('\n').forEach((line, i) => {
        if (/\b(it|test|describe)\.(only|skip)\(|\b(xit|xdescribe|fit|fdescribe)\(/.test(line)) {
          problems.push(`${rel}:${i + 1}: focused or skipped test`);
        }
      });
    }
  }
}

if (problems.length) {
  process.stderr.write(`lint: ${problems.length} problem(s)\n${problems.map((p) => `  ${p}`).join('\n')}\n`);
  process.exit(1);
}
process.stdout.write('lint: dependency direction and test focus OK\n');
