import { ESLint } from 'eslint'

/**
 * ESLint with the repository's config, minus the rules that need type information: the lint
 * tests lint text as files that do not exist, which no TypeScript project holds, and they test
 * other rules (layers, store imports).
 */
export const untypedEslint = new ESLint({
  cwd: process.cwd(),
  overrideConfig: {
    languageOptions: { parserOptions: { project: null } },
    rules: { '@typescript-eslint/no-floating-promises': 'off', '@typescript-eslint/no-misused-promises': 'off', 'import-x/no-cycle': 'off' },
  },
})
