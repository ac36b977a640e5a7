import { mkdirSync, mkdtempSync, utimesSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { type BuiltOutput, staleReason } from '../support/builtOutputs'

const OUTPUT: BuiltOutput = { name: 'thing', outputs: ['out/a.js', 'out/b.js'], sources: ['src', 'config.ts'], script: 'build:thing' }

function tree(): string {
  const root = mkdtempSync(join(tmpdir(), 'w2v-built-'))
  mkdirSync(join(root, 'src/deep'), { recursive: true })
  mkdirSync(join(root, 'out'))
  for (const file of ['src/deep/x.ts', 'config.ts']) writeFileSync(join(root, file), '')
  return root
}

function touch(path: string, seconds: number): void {
  writeFileSync(path, '')
  utimesSync(path, seconds, seconds)
}

describe('staleReason', () => {
  it('names a missing output', () => {
    const root = tree()
    touch(join(root, 'out/a.js'), 2e9)
    expect(staleReason(OUTPUT, root)).toBe('out/b.js missing')
  })

  it('finds an output older than a source deep in a folder, judged by its oldest file', () => {
    const root = tree()
    for (const path of ['src', 'src/deep', 'src/deep/x.ts', 'config.ts']) utimesSync(join(root, path), 1e9, 1e9)
    touch(join(root, 'out/a.js'), 2e9)
    touch(join(root, 'out/b.js'), 2e9)
    expect(staleReason(OUTPUT, root)).toBeNull()
    utimesSync(join(root, 'src/deep/x.ts'), 3e9, 3e9)
    expect(staleReason(OUTPUT, root)).toBe('older than its sources')
    touch(join(root, 'out/a.js'), 4e9)
    expect(staleReason(OUTPUT, root), 'b.js is still older').toBe('older than its sources')
  })
})
