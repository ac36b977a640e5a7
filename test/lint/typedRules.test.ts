/**
 * The rules that need the module graph or types: import cycles and unhandled promises. Each text
 * is linted as an existing file of the repository (the typed rules need a file a TypeScript
 * project holds), so a cycle is one the text closes with the files on disk.
 */
import { ESLint } from 'eslint'
import { describe, expect, it } from 'vitest'

const eslint = new ESLint({ cwd: process.cwd() })

async function ruleIds(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath })
  expect(result!.messages.filter((m) => m.fatal)).toEqual([])
  return result!.messages.map((m) => m.ruleId ?? '')
}

describe('lint rules that read types and imports', () => {
  it('refuses an import that closes a cycle (naiveSoftmax imports activations)', async () => {
    expect(await ruleIds('src-main/core/activations.ts', "import { naiveSoftmaxLossAndGradient } from './naiveSoftmax'\nexport const f = naiveSoftmaxLossAndGradient\n")).toContain('import-x/no-cycle')
  })

  it('allows the same import where it closes no cycle', async () => {
    expect(await ruleIds('src-main/core/sgd.ts', "import { naiveSoftmaxLossAndGradient } from './naiveSoftmax'\nexport const f = naiveSoftmaxLossAndGradient\n")).not.toContain('import-x/no-cycle')
  })

  it('refuses a promise nobody handles, and an async function where a callback result is ignored', async () => {
    const floating = "async function save(): Promise<void> {}\nexport function f(): void {\n  save()\n}\n"
    expect(await ruleIds('src-main/core/sgd.ts', floating)).toContain('@typescript-eslint/no-floating-promises')
    const misused = "export function f(list: number[]): void {\n  list.forEach(async () => {})\n}\n"
    expect(await ruleIds('src-main/core/sgd.ts', misused)).toContain('@typescript-eslint/no-misused-promises')
    expect(await ruleIds('src-main/core/sgd.ts', "async function save(): Promise<void> {}\nexport function f(): void {\n  void save()\n}\n")).toEqual([])
  })
})
