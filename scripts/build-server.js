#!/usr/bin/env node
/**
 * Builds the server side (apps, libs, migrations, bench) into `dist/` with SWC, the transpiler Jest already runs the
 * same code through (options in `.swcrc`, shared with jest.config.js), then rewrites the `@dx/...` aliases to
 * relative paths with `tsc-alias`. Which files are built is `tsconfig.build.json`'s `include`/`exclude`, read with
 * the TypeScript API. Types are checked by `npm run typecheck`, not here: transpiling alone takes a few seconds
 * where `tsc` took about forty, which is what a first `npm start` waits for.
 */
const { mkdir, writeFile } = require('node:fs/promises');
const { readFileSync } = require('node:fs');
const { basename, dirname, join, relative, resolve } = require('node:path');
const swc = require('@swc/core');
const { replaceTscAliasPaths } = require('tsc-alias');
const ts = require('typescript');

const root = resolve(__dirname, '..');
const CONFIG = join(root, 'tsconfig.build.json');

function sourceFiles() {
  const parsed = ts.getParsedCommandLineOfConfigFile(CONFIG, {}, { ...ts.sys, onUnRecoverableConfigFileDiagnostic: fail });
  if (parsed.errors.length) fail(parsed.errors[0]);
  return { files: parsed.fileNames.filter((file) => !file.endsWith('.d.ts')), outDir: parsed.options.outDir };
}

function fail(diagnostic) {
  console.error(`tsconfig.build.json: ${ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n')}`);
  process.exit(1);
}

async function build(file, outDir, options) {
  const out = join(outDir, relative(root, file)).replace(/\.ts$/, '.js');
  const { code, map } = await swc.transformFile(file, {
    ...options,
    outputPath: out,
    sourceFileName: relative(dirname(out), file),
    sourceMaps: true,
    swcrc: false,
  });
  await mkdir(dirname(out), { recursive: true });
  await writeFile(out, `${code}\n//# sourceMappingURL=${basename(out)}.map\n`);
  await writeFile(`${out}.map`, map);
}

async function main() {
  const { files, outDir } = sourceFiles();
  const options = JSON.parse(readFileSync(join(root, '.swcrc'), 'utf8'));
  await Promise.all(files.map((file) => build(file, outDir, options)));
  await replaceTscAliasPaths({ configFile: CONFIG });
}

main().catch((error) => {
  console.error(error.message ?? error);
  process.exit(1);
});
