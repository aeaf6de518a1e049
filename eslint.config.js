import { builtinModules } from 'node:module';
import js from '@eslint/js';
import globals from 'globals';
import reactHooks from 'eslint-plugin-react-hooks';
import tseslint from 'typescript-eslint';

// ---- layer boundaries (DESIGN.md, "Layers") ---------------------------------------------------
//
// Each boundary is a list of regular expressions over the import specifier, checked for static
// imports and re-exports (`import`, `import type`, `export ... from`: no-restricted-imports) and
// for `import('...')` and `typeof import('...')` (no-restricted-syntax). Relative specifiers are
// matched by their shape: `(../)+main/` from anywhere in electron/core can only reach
// electron/main, since core has no folder of that name.

const UP = '(?:\\.\\./)+';
const escape = (text) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const NODE_BUILTINS = builtinModules.filter((name) => !name.startsWith('_') && !name.startsWith('node:'));

/** esquery reads `/.../` up to the first slash, so a slash inside the pattern is written \x2F. */
const selectorRegex = (regex) => regex.replaceAll('/', '\\x2F');

function boundary(restrictions) {
  return {
    'no-restricted-imports': ['error', { patterns: restrictions.map(({ regex, message }) => ({ regex, message })) }],
    'no-restricted-syntax': [
      'error',
      ...restrictions.flatMap(({ regex, message }) =>
        [
          `ImportExpression > Literal.source[value=/${selectorRegex(regex)}/]`,
          `TSImportType Literal[value=/${selectorRegex(regex)}/]`,
        ].map((selector) => ({ selector, message })),
      ),
    ],
  };
}

const CORE_MESSAGE =
  'electron/core is plain Node: it never imports electron, React, main, cli, preload or the renderer.';
const RENDERER_MESSAGE =
  'The renderer imports from electron/ only electron/core/domain/** and electron/ipc/contract; the rest is behind window.lanyard.';
const RENDERER_RUNTIME_MESSAGE =
  'The renderer runs sandboxed in Chromium: no electron, no Node built-ins; it reaches main only through window.lanyard.';
const MAIN_MESSAGE = 'electron/main never imports electron/cli: a command file is never a library.';
const PRELOAD_MESSAGE = 'The sandboxed preload can load only electron and ../ipc/contract.js.';

const coreBoundary = boundary([
  { regex: '^(?:electron|react|react-dom)(?:/|$)', message: CORE_MESSAGE },
  { regex: `^${UP}(?:electron/)?(?:main|cli|preload)(?:/|$)`, message: CORE_MESSAGE },
  { regex: `^${UP}renderer(?:/|$)`, message: CORE_MESSAGE },
]);

const rendererBoundary = boundary([
  // Into electron/, other than electron/core/domain/... and electron/ipc/contract(.js) ...
  { regex: `^${UP}electron(?!/core/domain/.|/ipc/contract(?:\\.js)?$)(?:/|$)`, message: RENDERER_MESSAGE },
  // ... and no way back out of those through `..`.
  { regex: `^${UP}electron/(?:.*/)?\\.\\.(?:/|$)`, message: RENDERER_MESSAGE },
  { regex: '^electron(?:/|$)', message: RENDERER_RUNTIME_MESSAGE },
  { regex: `^(?:node:|(?:${NODE_BUILTINS.map(escape).join('|')})(?:/|$))`, message: RENDERER_RUNTIME_MESSAGE },
]);

const mainBoundary = boundary([{ regex: `^${UP}(?:electron/)?cli(?:/|$)`, message: MAIN_MESSAGE }]);

const commandBoundary = boundary([
  {
    regex: '^\\./',
    message:
      'A command file is not a library for another command: move what they share into electron/core (or electron/cli).',
  },
]);

const preloadBoundary = boundary([{ regex: '^(?!electron$|\\.\\./ipc/contract\\.js$)', message: PRELOAD_MESSAGE }]);

export default tseslint.config(
  { ignores: ['dist/**', 'release/**', 'node_modules/**', 'test/artifacts/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-console': 'error',
    },
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: { ...reactHooks.configs.recommended.rules },
  },
  {
    // Command-line entry points, scripts, tests and benchmarks talk to the terminal.
    files: ['electron/cli/**', 'scripts/**', 'test/**', 'bin/**'],
    rules: { 'no-console': 'off' },
  },
  {
    // The `lanyard` entry is CommonJS on purpose (bin/package.json): it starts faster.
    files: ['bin/**/*.js'],
    languageOptions: { sourceType: 'commonjs', globals: { ...globals.node } },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  { files: ['electron/core/**'], rules: coreBoundary },
  // The Vite config is a Node build script that happens to live beside the pages.
  { files: ['renderer/**'], ignores: ['renderer/vite.config.ts'], rules: rendererBoundary },
  { files: ['electron/main/**'], rules: mainBoundary },
  { files: ['electron/preload/**'], rules: preloadBoundary },
  { files: ['electron/cli/commands/**'], rules: commandBoundary },
  {
    // The preload bundles the contract into its sandboxed script, so the contract imports types only.
    files: ['electron/ipc/**'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: '.',
              allowTypeImports: true,
              message: 'electron/ipc/contract is bundled into the sandboxed preload: it imports types only.',
            },
          ],
        },
      ],
    },
  },
);
