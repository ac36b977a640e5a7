import { execFileSync } from 'node:child_process'
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { plantedSynonymsText } from '../support/syntheticCorpus'

describe('bundled w2v (npm run build:cli; the global setup rebuilds it when stale)', () => {
  it('trains with two worker threads from plain JavaScript, finding its worker and kernels', () => {
    const dir = mkdtempSync(join(tmpdir(), 'w2v-bundle-'))
    const corpus = join(dir, 'c.txt')
    writeFileSync(corpus, plantedSynonymsText(2000))
    const out = join(dir, 'v.bin')
    const stdout = execFileSync(process.execPath, ['out/cli/w2v.js', 'train', '--corpus', corpus, '--out', out, '--threads', '2', '--min-count', '1', '--dim', '8', '--epochs', '1', '--json'], { encoding: 'utf8' })
    const summary = JSON.parse(stdout.trim().split('\n').at(-1)!) as { threads: number; kernel: string; vocab: number }
    expect(summary).toMatchObject({ threads: 2, kernel: 'wasm-simd' })
    expect(readFileSync(out).toString('latin1').split('\n')[0]).toBe(`${summary.vocab} 8`)
  })

  it('plots a PNG, loading resvg’s native binding from node_modules (kept out of the bundle)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'w2v-bundle-plot-'))
    const vectors = join(dir, 'v.txt')
    writeFileSync(vectors, '3 2\nking 1 0\nqueen 0 1\nman 1 1\n')
    const out = join(dir, 'word_vectors.png')
    execFileSync(process.execPath, ['out/cli/w2v.js', 'plot', '--vectors', vectors, '--words', 'king queen man', '--out', out], { encoding: 'utf8' })
    const png = readFileSync(out)
    expect([...png.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])
    expect([png.readUInt32BE(16), png.readUInt32BE(20)]).toEqual([1280, 960])
  })
})
