import js from '@eslint/js';
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
  zone(
    ['renderer/**'],
    [...nodeBuiltins, 'electron', 'express', 'kysely', 'serialport', '**/drivers/**', '**/server/**', '**/electron/**'],
    'renderer/ may import core; hardware only through its bridge module.',
  ),
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
