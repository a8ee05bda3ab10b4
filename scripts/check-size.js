#!/usr/bin/env node
/**
 * Size limits of the source (issue 18, "smaller units"): no source file over 300 lines and no function over 80
 * lines, tests, fixtures and generated files aside. Functions are found with the TypeScript compiler's parser
 * (declarations, methods, constructors, accessors, function expressions and arrow functions); a function's
 * length is the lines from its first token to its last, nested functions included.
 *
 * `migrations/` is not checked: migrations are applied history, never rewritten once they have run, so splitting
 * them would only risk changing what a fresh database gets.
 *
 * Usage: `node scripts/check-size.js [path...]` (default: apps libs bench scripts). Prints one line per excess and
 * exits 1 when there is any.
 */
const { readFileSync, readdirSync, statSync } = require('fs');
const { join, relative, resolve } = require('path');
const ts = require('typescript');

const MAX_FILE_LINES = 300;
const MAX_FUNCTION_LINES = 80;

const root = resolve(__dirname, '..');
const DEFAULT_DIRS = ['apps', 'libs', 'bench', 'scripts'];
/** Directories never read: dependencies, build output, tests and their fixtures. */
const SKIPPED_DIRS = new Set(['node_modules', 'dist', 'coverage', 'test', 'tests', '__tests__', 'fixtures', '__fixtures__']);
/** Test files, declaration files and generated sources. */
const SKIPPED_FILES = /(\.(spec|test|e2e-spec)\.tsx?|\.d\.ts|\.generated\.tsx?)$/;

function sourceFiles(path) {
  if (!statSync(path).isDirectory()) return /\.tsx?$/.test(path) && !SKIPPED_FILES.test(path) ? [path] : [];
  return readdirSync(path)
    .sort()
    .flatMap((name) => (SKIPPED_DIRS.has(name) || name.startsWith('.') ? [] : sourceFiles(join(path, name))));
}

/** A readable name for a function-like node: its own, or the variable, property or class member it is assigned to. */
function nameOf(node) {
  if (ts.isConstructorDeclaration(node)) return `${nameOf(node.parent)}.constructor`;
  if (node.name && ts.isIdentifier(node.name)) {
    const owner = ts.isClassLike(node.parent) && node.parent.name ? `${node.parent.name.text}.` : '';
    return owner + node.name.text;
  }
  if (node.name) return node.name.getText();
  const parent = node.parent;
  if (parent && (ts.isVariableDeclaration(parent) || ts.isPropertyAssignment(parent) || ts.isPropertyDeclaration(parent)) && parent.name) {
    return parent.name.getText();
  }
  if (parent && ts.isCallExpression(parent)) return `<callback of ${parent.expression.getText().slice(0, 40)}>`;
  return '<anonymous>';
}

const isFunctionLike = (node) =>
  ts.isFunctionDeclaration(node) ||
  ts.isMethodDeclaration(node) ||
  ts.isConstructorDeclaration(node) ||
  ts.isGetAccessorDeclaration(node) ||
  ts.isSetAccessorDeclaration(node) ||
  ts.isFunctionExpression(node) ||
  ts.isArrowFunction(node);

/** The excesses of one file, as printable lines. */
function checkFile(file) {
  const text = readFileSync(file, 'utf8');
  const rel = relative(root, file);
  const problems = [];
  const lines = text.split('\n').length - (text.endsWith('\n') ? 1 : 0);
  if (lines > MAX_FILE_LINES) problems.push(`${rel}: ${lines} lines (max ${MAX_FILE_LINES})`);
  const kind = file.endsWith('.tsx') ? ts.ScriptKind.TSX : ts.ScriptKind.TS;
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true, kind);
  const visit = (node) => {
    if (isFunctionLike(node) && node.body) {
      const first = source.getLineAndCharacterOfPosition(node.getStart(source)).line;
      const last = source.getLineAndCharacterOfPosition(node.getEnd()).line;
      const length = last - first + 1;
      if (length > MAX_FUNCTION_LINES) {
        problems.push(`${rel}:${first + 1}: function ${nameOf(node)} is ${length} lines (max ${MAX_FUNCTION_LINES})`);
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return problems;
}

const targets = process.argv.length > 2 ? process.argv.slice(2).map((p) => resolve(p)) : DEFAULT_DIRS.map((d) => join(root, d));
const problems = targets.flatMap((target) => sourceFiles(target)).flatMap(checkFile);
for (const problem of problems) console.log(problem);
if (problems.length > 0) {
  console.error(
    `check-size: ${problems.length} unit(s) over the limits (files ${MAX_FILE_LINES} lines, functions ${MAX_FUNCTION_LINES} lines)`,
  );
  process.exit(1);
}
