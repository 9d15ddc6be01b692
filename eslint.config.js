// ESLint flat config: recommended rules for TypeScript, the rules of hooks for the renderer,
// and the layer rules of DESIGN.md ("Shape"), enforced with no-restricted-imports.
// No formatting rules: formatting is not what lint is for here.
import { builtinModules } from 'node:module';
import js from '@eslint/js';
import { defineConfig, globalIgnores } from 'eslint/config';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

// ---- layer rules ---------------------------------------------------------------------------

const ELECTRON = {
  paths: [{ name: 'electron', message: "Only src/main/electron/** and src/preload/** may import 'electron' (in plain Node it tries to download a binary)." }],
  patterns: [{ group: ['electron/*'], message: "Only src/main/electron/** and src/preload/** may import 'electron'." }],
};

const builtinNames = builtinModules.filter((name) => !name.startsWith('_'));
const nodeBuiltins = (where) => ({
  paths: builtinNames.map((name) => ({ name, message: `${where} must not use Node built-ins ('${name}').` })),
  patterns: [{ group: ['node:*'], message: `${where} must not use Node built-ins.` }],
});

/**
 * Relative imports that climb out of the directory and name a layer directory on the way
 * ('../../main/desk', '../preload'). A path rule cannot resolve the target, so a folder of
 * the importing layer named like another layer, reached with '../', would also match.
 */
const intoLayers = (layers, where) => ({
  patterns: [
    {
      regex: `^(?:\\./)?(?:\\.\\./)+(?:.*/)?(?:${layers.join('|')})(?:/|$)`,
      message: `${where} must not import from src/${layers.join(', src/')}.`,
    },
    {
      regex: `(?:^|/)src/(?:${layers.join('|')})(?:/|$)`,
      message: `${where} must not import from src/${layers.join(', src/')}.`,
    },
  ],
});

/**
 * Handlers, services and the token service's adapter are given repositories (src/main/repositories.ts),
 * never a connection: only the store, the repositories and the places that work below them
 * (composition root, router, whole-store backups, bulk seeding) may name the driver-level types.
 */
const CONNECTION = {
  patterns: [{ regex: '(?:^|/)store/database$', message: 'Take Repositories or a Store (src/main/repositories.ts), not the driver-level Queryable or Database.' }],
};
const BELOW_REPOSITORIES = [
  'src/main/store/**',
  'src/main/**/*-repository.ts',
  'src/main/repositories.ts',
  'src/main/desk.ts',
  'src/main/rpc/router.ts',
  'src/main/backup/**',
  'src/main/accounts/seed.ts',
];

/** no-restricted-imports takes one options object per file; layers combine theirs here. */
function restrict(...parts) {
  return [
    'error',
    {
      paths: parts.flatMap((p) => p.paths ?? []),
      patterns: parts.flatMap((p) => p.patterns ?? []),
    },
  ];
}

const CODE = ['**/*.{ts,tsx,mts,cts,js,mjs,cjs}'];

// A string or template that starts like a SQL statement.
const SQL_START = '/^\\s*(SELECT|INSERT|UPDATE|DELETE|CREATE|DROP|ALTER|WITH|PRAGMA|BEGIN|COMMIT|ROLLBACK|SAVEPOINT|RELEASE)\\s/';
const SQL_STATEMENT = [`Literal[value=${SQL_START}]`, `TemplateLiteral > TemplateElement:first-child[value.raw=${SQL_START}]`];

// Globals that exist both in Node and in the browser, for src/shared (which must run in both).
const UNIVERSAL_GLOBALS = Object.fromEntries(
  [
    'console',
    'URL',
    'URLSearchParams',
    'TextEncoder',
    'TextDecoder',
    'AbortController',
    'AbortSignal',
    'structuredClone',
    'queueMicrotask',
    'setTimeout',
    'clearTimeout',
    'setInterval',
    'clearInterval',
    'atob',
    'btoa',
  ].map((name) => [name, 'readonly']),
);

export default defineConfig(
  globalIgnores(['out/**', '**/.bench-out/**', 'node_modules/**', 'test-results/**', 'playwright-report/**', 'dist/**', 'coverage/**', 'test/fixtures/electron-insecure/**']),

  js.configs.recommended,
  tseslint.configs.recommended,

  {
    files: CODE,
    // Globals are set per directory below (flat config merges `globals`, so none are set here).
    languageOptions: { ecmaVersion: 2023, sourceType: 'module' },
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      // `void promise` marks a deliberate fire-and-forget; `() => void x()` is a common idiom.
      'no-void': 'off',
      // Non-null assertions after a check the compiler cannot follow (noUncheckedIndexedAccess).
      '@typescript-eslint/no-non-null-assertion': 'off',
      eqeqeq: ['error', 'always', { null: 'ignore' }],
      // Off: it has no option for comma sequences, which the SQL builders use as statements
      // (`if (x) (clauses.push(...), params.push(...))`); TypeScript catches most dead expressions.
      '@typescript-eslint/no-unused-expressions': 'off',
      'no-restricted-imports': restrict(ELECTRON),
    },
  },

  // The Electron shell and the preload are the only places 'electron' may be imported.
  {
    files: ['src/main/**'],
    languageOptions: { globals: { ...globals.node } },
  },
  {
    files: ['src/main/electron/**'],
    rules: { 'no-restricted-imports': restrict(intoLayers(['renderer', 'preload'], 'src/main')) },
  },
  {
    files: ['src/main/**'],
    ignores: ['src/main/electron/**'],
    rules: { 'no-restricted-imports': restrict(ELECTRON, intoLayers(['renderer', 'preload'], 'src/main')) },
  },
  {
    files: ['src/main/**'],
    ignores: ['src/main/electron/**', ...BELOW_REPOSITORIES],
    rules: { 'no-restricted-imports': restrict(ELECTRON, intoLayers(['renderer', 'preload'], 'src/main'), CONNECTION) },
  },
  // SQL lives in src/main/store/ and in *-repository.ts files: every other file calls a named, typed repository function.
  {
    files: ['src/main/**/*.ts'],
    ignores: ['src/main/store/**', 'src/main/**/*-repository.ts'],
    rules: {
      'no-restricted-syntax': [
        'error',
        ...SQL_STATEMENT.map((selector) => ({ selector, message: 'SQL belongs in a *-repository.ts file (or src/main/store/): call a named repository function here.' })),
      ],
    },
  },
  {
    // Sandboxed: only 'electron' (and a few polyfilled built-ins) can be required at runtime.
    files: ['src/preload/**'],
    languageOptions: { globals: { ...globals.browser } },
    rules: { 'no-restricted-imports': restrict(nodeBuiltins('src/preload (sandboxed)'), intoLayers(['main', 'renderer'], 'src/preload')) },
  },

  // src/shared: pure TypeScript for both runtimes. No Node, no Electron, no DOM, no other layer.
  {
    files: ['src/shared/**'],
    languageOptions: {
      globals: UNIVERSAL_GLOBALS,
      // The scope analyser declares only ECMAScript's own globals, so no-undef catches DOM and Node ones.
      parserOptions: { lib: ['es2023'] },
    },
    rules: {
      'no-undef': 'error',
      'no-restricted-imports': restrict(ELECTRON, nodeBuiltins('src/shared'), intoLayers(['main', 'renderer', 'preload'], 'src/shared')),
    },
  },

  // src/renderer: the browser. No Node, no Electron, nothing from the main process or the preload.
  {
    files: ['src/renderer/**'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      // Off: it flags the fetch-on-mount idiom `useEffect(() => void refresh(), [refresh])` even
      // when every setState in `refresh` runs after an await, i.e. not synchronously in the effect.
      'react-hooks/set-state-in-effect': 'off',
      'no-restricted-imports': restrict(ELECTRON, nodeBuiltins('src/renderer'), intoLayers(['main', 'preload'], 'src/renderer')),
    },
  },

  // Tests and tooling run in Node (Playwright tests also evaluate code in the page).
  {
    files: ['test/**', 'scripts/**', 'bench/**', '*.config.{ts,js,mjs}'],
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
  },
  {
    files: ['**/*.{js,mjs,cjs}'],
    rules: { '@typescript-eslint/consistent-type-imports': 'off' },
  },
);
