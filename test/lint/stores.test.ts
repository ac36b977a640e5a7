import { describe, expect, it } from 'vitest'
import { untypedEslint as eslint } from '../support/untypedEslint'

async function storeImportErrors(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath })
  expect(result!.messages.filter((m) => m.fatal)).toEqual([])
  return result!.messages.filter((m) => m.ruleId === '@typescript-eslint/no-restricted-imports').map((m) => m.message)
}

describe('stores import no other store', () => {
  it.each([
    ['src-renderer/src/stores/x.ts', "import { useCorpusStore } from './corpus'"],
    ['src-renderer/src/stores/x.ts', "import type { RunRecord } from './training'"],
    ['src-renderer/src/stores/x.ts', "import { useAppStore } from '../stores/app'"],
  ])('rejects in %s: %s', async (file, code) => {
    const errors = await storeImportErrors(file, code)
    expect(errors).toHaveLength(1)
    expect(errors[0]).toMatch(/A store imports no other store/)
  })

  it.each([
    ['src-renderer/src/stores/x.ts', "import { requestTrainer } from '../composables/trainerClient'\nimport { defineStore } from 'pinia'"],
    ['src-renderer/src/composables/session.ts', "import { useCorpusStore } from '../stores/corpus'"],
  ])('allows in %s: %s', async (file, code) => {
    expect(await storeImportErrors(file, code)).toEqual([])
  })
})
