// @ts-check
import js from '@eslint/js';
import prettier from 'eslint-config-prettier';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const LIBS = ['config', 'db', 'domain', 'jobs', 'plan-file', 'reports', 'status-engine'];
const FRAMEWORKS = ['@nestjs/*', 'typeorm', 'typeorm/*', 'bullmq', 'pg', 'ioredis', 'express'];

/** `no-restricted-imports` options: a lib only through its alias and index, plus what an area may not import. */
function restricted({ paths = [], patterns = [] } = {}) {
  return [
    'error',
    {
      paths,
      patterns: [
        { group: LIBS.map((lib) => `@dx/${lib}/*`), message: 'Import a lib through its alias and index (`@dx/<lib>`), not its files.' },
        ...patterns,
      ],
    },
  ];
}
const noApps = { group: ['@dx/api/*', '@dx/cli/*', '@dx/worker/*'], message: 'Libs never import apps.' };
const noTestOrBench = { group: ['@dx/bench/*', '**/test/**', '**/bench/**'], message: 'Product code never imports tests or benchmarks.' };

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'scratch/**', 'coverage/**', '.dx-data/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    rules: {
      // tsc's noUnusedLocals already reports unused names; keep one voice.
      '@typescript-eslint/no-unused-vars': 'off',
      // Every eslint-disable must say why on the same line: `// eslint-disable-line rule -- reason`.
      'no-warning-comments': 'off',
      'no-restricted-imports': restricted(),
      // No focused or skipped test left behind.
      'no-restricted-syntax': [
        'error',
        {
          selector: 'CallExpression[callee.object.name=/^(it|test|describe)$/][callee.property.name=/^(only|skip)$/]',
          message: 'No focused or skipped test.',
        },
        { selector: 'CallExpression[callee.name=/^(xit|xtest|xdescribe|fit|fdescribe)$/]', message: 'No focused or skipped test.' },
      ],
    },
  },
  {
    files: ['**/*.js', '**/*.cjs'],
    languageOptions: { sourceType: 'commonjs' },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  // Dependency direction (see docs/architecture in the README).
  {
    files: ['libs/domain/**/*.ts'],
    ignores: ['**/*.spec.ts'],
    rules: {
      'no-restricted-imports': restricted({
        patterns: [
          { group: ['@dx/*'], message: 'libs/domain imports nothing from the project.' },
          { group: FRAMEWORKS, message: 'libs/domain imports no framework or driver.' },
          { group: ['fs', 'path', 'node:*', 'child_process', 'crypto'], message: 'libs/domain does no I/O.' },
        ],
      }),
    },
  },
  {
    files: ['libs/config/**/*.ts'],
    rules: { 'no-restricted-imports': restricted({ patterns: [{ group: ['@dx/*'], message: 'libs/config imports no project code.' }] }) },
  },
  {
    files: ['libs/reports/**/*.ts'],
    rules: {
      'no-restricted-imports': restricted({
        patterns: [
          { group: ['@dx/*', '!@dx/domain'], message: 'libs/reports builds files from domain objects and imports only @dx/domain.' },
          { group: FRAMEWORKS, message: 'libs/reports stays pure.' },
        ],
      }),
    },
  },
  {
    files: ['libs/**/*.ts'],
    ignores: ['libs/domain/**', 'libs/config/**', 'libs/reports/**'],
    rules: { 'no-restricted-imports': restricted({ patterns: [noApps, noTestOrBench] }) },
  },
  {
    files: ['apps/api/**/*.ts'],
    rules: {
      'no-restricted-imports': restricted({
        patterns: [{ group: ['@dx/cli/*', '@dx/worker/*'], message: 'Apps never import each other.' }, noTestOrBench],
      }),
    },
  },
  {
    files: ['apps/cli/**/*.ts'],
    rules: {
      'no-restricted-imports': restricted({
        patterns: [{ group: ['@dx/api/*', '@dx/worker/*'], message: 'Apps never import each other.' }, noTestOrBench],
      }),
    },
  },
  {
    files: ['apps/worker/**/*.ts'],
    rules: {
      'no-restricted-imports': restricted({
        patterns: [{ group: ['@dx/api/*', '@dx/cli/*'], message: 'Apps never import each other.' }, noTestOrBench],
      }),
    },
  },
  {
    files: ['apps/web/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      // The classic hooks rules; the React Compiler's stricter ones (set-state-in-effect, purity) are for a compiler build we do not use.
      'react-hooks/rules-of-hooks': 'error',
      'react-hooks/exhaustive-deps': 'error',
      'no-restricted-imports': restricted({
        patterns: [
          {
            group: ['@dx/*', '!@dx/domain'],
            message: 'The web talks to the API over HTTP; it imports only pure labels, rules and types from @dx/domain.',
          },
        ],
      }),
    },
  },
  prettier,
);
