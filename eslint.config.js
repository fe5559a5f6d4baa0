import js from '@eslint/js';
import { createNodeResolver, importX } from 'eslint-plugin-import-x';
import vue from 'eslint-plugin-vue';
import globals from 'globals';
import tseslint from 'typescript-eslint';

// Import boundaries of ARCHITECTURE.md, in words: each folder may import only what its runtime has.
const nodeBuiltins = ['node:*', 'fs', 'path', 'os', 'net', 'http', 'https', 'crypto', 'child_process', 'events', 'stream'];
const zone = (files, forbidden, why) => ({
  files,
  rules: {
    'no-restricted-imports': ['error', { patterns: forbidden.map((group) => ({ group: [group], message: why })) }],
  },
});

const rendererForbidden = [...nodeBuiltins, 'electron', 'express', 'kysely', 'serialport', '**/drivers/**', '**/server/**', '**/electron/**'];

/** A zone that also forbids imports matching `regex` (relative paths that leave a folder). */
const regexZone = (files, forbidden, regex, why, ignores = []) => ({
  files,
  ignores,
  rules: {
    'no-restricted-imports': [
      'error',
      { patterns: [...forbidden.map((group) => ({ group: [group], message: 'renderer/ may import core; hardware only through its bridge module.' })), { regex, message: why }] },
    ],
  },
});

// Inside the POS (renderer/ but admin/), ARCHITECTURE in docs/architecture.md: the ground (api, bridge,
// db, i18n, shared, styles) imports no feature; the sync engine imports the ground only (features
// register their handlers at composition); features import the ground, sync and other features;
// only the composition (App.vue, main.ts, app/) imports everything. No import cycle anywhere.
const posFeatures = ['pairing', 'redeem', 'counter', 'shift', 'staff', 'members', 'hardware'].map((f) => `./renderer/${f}`);
const posComposition = ['./renderer/app', './renderer/App.vue', './renderer/main.ts'];
const posGround = ['api', 'bridge', 'db', 'i18n', 'shared', 'styles'].map((f) => `./renderer/${f}`);
const posLayers = {
  files: ['renderer/**/*.{ts,vue}'],
  ignores: ['renderer/admin/**'],
  plugins: { 'import-x': importX },
  // The rules parse each imported file with these parsers and this file's parser options: a .vue
  // file's <script lang="ts"> needs the TypeScript parser named here too.
  languageOptions: { parserOptions: { parser: tseslint.parser, extraFileExtensions: ['.vue'] } },
  settings: {
    'import-x/resolver-next': [createNodeResolver({ extensions: ['.ts', '.vue', '.js'] })],
    // Without these the rules would follow .js files only, and see no cycle among .ts and .vue.
    'import-x/extensions': ['.ts', '.vue', '.js'],
    'import-x/parsers': { '@typescript-eslint/parser': ['.ts'], 'vue-eslint-parser': ['.vue'] },
  },
  rules: {
    'import-x/no-cycle': ['error', { ignoreExternal: true }],
    'import-x/no-restricted-paths': [
      'error',
      {
        zones: [
          ...posGround.map((target) => ({
            target,
            from: ['./renderer/sync', ...posFeatures, ...posComposition],
            message: 'the POS ground (api, bridge, db, i18n, shared, styles) imports no feature, sync or composition.',
          })),
          {
            target: './renderer/sync',
            from: [...posFeatures, ...posComposition],
            message: 'the sync engine imports no feature: a feature registers a SyncHandler in renderer/app/sync-wiring.ts.',
          },
          ...posFeatures.map((target) => ({
            target,
            from: posComposition,
            message: 'a feature never imports the composition (App.vue, main.ts, renderer/app/).',
          })),
        ],
      },
    ],
  },
};

export default tseslint.config(
  { ignores: ['node_modules/', 'out/', 'dist/', '.tsbuild/', 'coverage/', 'test-results/', 'bench-results/', 'data/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  ...vue.configs['flat/recommended'],
  {
    files: ['**/*.vue'],
    languageOptions: { parserOptions: { parser: tseslint.parser, extraFileExtensions: ['.vue'] } },
  },
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'vue/multi-word-component-names': 'off',
      'vue/max-attributes-per-line': 'off',
      'vue/singleline-html-element-content-newline': 'off',
      'vue/html-self-closing': 'off',
    },
  },
  {
    files: ['renderer/**/*.{ts,vue}'],
    languageOptions: { globals: { ...globals.browser } },
  },
  zone(
    ['core/**'],
    [...nodeBuiltins, 'electron', 'vue', 'pinia', 'dexie', 'express', 'kysely', 'serialport', '**/drivers/**', '**/server/**', '**/renderer/**', '**/electron/**'],
    'core/ is the pure domain: no Node, DOM, Electron or other folder (ARCHITECTURE.md).',
  ),
  zone(
    ['drivers/**'],
    ['electron', 'vue', 'pinia', 'dexie', 'express', '**/server/**', '**/renderer/**', '**/electron/**'],
    'drivers/ may import core, Node and hardware libraries only.',
  ),
  zone(
    ['server/**'],
    ['electron', 'vue', 'pinia', 'dexie', 'serialport', '**/drivers/**', '**/renderer/**', '**/electron/**'],
    'server/ may import core only.',
  ),
  zone(['renderer/**'], rendererForbidden, 'renderer/ may import core; hardware only through its bridge module.'),
  // The back office (renderer/admin) and the POS (the rest of renderer/) never import each other;
  // both may import core/ and renderer/shared/. renderer/shared imports neither app, only the
  // error wording of renderer/i18n/{zh-CN,en}.ts, the one dictionary of API error messages.
  ...[1, 2, 3, 4].map((depth) =>
    regexZone(
      [`renderer/admin/${'*/'.repeat(depth - 1)}*.{ts,vue}`],
      rendererForbidden,
      `^${'\\.\\./'.repeat(depth)}(?!shared/|\\.\\./core/|\\.\\./package\\.json$)`,
      'renderer/admin/ (the back office) may import core/ and renderer/shared/, never the POS.',
    ),
  ),
  ...[1, 2, 3].map((depth) =>
    regexZone(
      [`renderer/shared/${'*/'.repeat(depth - 1)}*.{ts,vue}`],
      rendererForbidden,
      `^${'\\.\\./'.repeat(depth)}(?!\\.\\./core/|i18n/(zh-CN|en)$)`,
      'renderer/shared/ is used by both apps: it imports core/ and error wording only, never an app.',
    ),
  ),
  regexZone(
    ['renderer/**/*.{ts,vue}'],
    rendererForbidden,
    '(^|/)admin(/|$)',
    'the POS never imports the back office (renderer/admin/); shared code lives in renderer/shared/.',
    ['renderer/admin/**', 'renderer/shared/**'],
  ),
  posLayers,
  zone(
    ['electron/preload/**'],
    ['**/drivers/**', '**/server/**', '**/renderer/**', 'serialport'],
    'the preload exposes window.pos over IPC; drivers live in the main process.',
  ),
  zone(
    ['electron/main/**'],
    ['**/server/**', '**/renderer/**', 'vue', 'pinia', 'dexie'],
    'electron/main wires core and drivers.',
  ),
);
