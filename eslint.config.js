import js from '@eslint/js'
import { defineConfig } from 'eslint/config'
import { createTypeScriptImportResolver } from 'eslint-import-resolver-typescript'
import importX from 'eslint-plugin-import-x'
import pluginVue from 'eslint-plugin-vue'
import globals from 'globals'
import tseslint from 'typescript-eslint'
import layers from './eslint/layers.js'

export default defineConfig(
  { ignores: ['out/**', 'dist/**', 'node_modules/**', 'coverage/**', 'src-main/kernels/assembly/**'] },
  js.configs.recommended,
  tseslint.configs.recommended,
  pluginVue.configs['flat/recommended'],
  {
    files: ['**/*.vue'],
    // Components run in the window: DOM types and globals (KeyboardEvent, DragEvent…) are theirs.
    languageOptions: { parserOptions: { parser: tseslint.parser }, globals: globals.browser },
    rules: { 'vue/block-lang': ['error', { script: { lang: 'ts' } }] },
  },
  {
    files: ['eslint/**/*.js', 'eslint.config.js', '.ci/**/*.js'],
    languageOptions: { globals: globals.node },
  },
  {
    files: ['src-main/core/**', 'src-main/kernels/**'],
    rules: {
      'no-restricted-properties': ['error', { object: 'Math', property: 'random', message: 'Pass a seeded Random explicitly so runs replay.' }],
    },
  },
  {
    // Type-aware promise rules: a promise nobody awaits loses its rejection (an unhandled error
    // the user never sees), and an async function handed to a callback slot that ignores its
    // result does the same.
    files: ['**/*.ts', '**/*.vue'],
    languageOptions: {
      parserOptions: { project: ['./tsconfig.node.json', './tsconfig.web.json'], tsconfigRootDir: import.meta.dirname, extraFileExtensions: ['.vue'] },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
    },
  },
  {
    // Modules that import each other in a ring cannot be understood, tested or loaded one at a
    // time (and the first to load sees the others half-initialised).
    files: ['**/*.ts', '**/*.vue'],
    plugins: { 'import-x': importX },
    settings: {
      'import-x/resolver-next': [createTypeScriptImportResolver({ project: ['tsconfig.node.json', 'tsconfig.web.json'], noWarnOnMultipleProjects: true })],
      // import-x follows only .js files unless told; ours are TypeScript.
      'import-x/extensions': ['.ts'],
      'import-x/parsers': { '@typescript-eslint/parser': ['.ts'] },
    },
    rules: { 'import-x/no-cycle': ['error', { ignoreExternal: true }] },
  },
  {
    // One-way window state: a store holds state; flows that span stores live in the session module.
    files: ['src-renderer/src/stores/**'],
    rules: {
      '@typescript-eslint/no-restricted-imports': ['error', {
        patterns: [{ regex: '(^\\.|/stores)/', message: 'A store imports no other store; a flow that spans stores belongs in composables/session.ts.' }],
      }],
    },
  },
  {
    plugins: { w2v: layers },
    rules: {
      'w2v/layers': 'error',
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
      'vue/max-attributes-per-line': 'off',
      'vue/singleline-html-element-content-newline': 'off',
    },
  },
)
