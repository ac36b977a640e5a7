import { spawnSync } from 'node:child_process'
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { Random } from '../../src-main/core/random'
import { formatFloat32 } from '../../src-main/node/vectors/float32Text'
import {
  type Word2vecFormat, Word2vecFormatError, word2vecFormatFromPath, writeWord2vecVectors,
} from '../../src-main/node/word2vecFormat'
import { type ReadBack, awkwardFloats, expectBitEqual, readWord2vecBinary, readWord2vecText } from './vectors/exportReaders'
import { interceptWrites, systemError } from './writeFaults'
import { PYTHON, pythonCanImport } from '../support/python'

let dir = ''
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'w2v-format-'))
})
afterEach(async () => {
  await rm(dir, { recursive: true, force: true })
})




const parse = (format: Word2vecFormat, bytes: Buffer): ReadBack => format === 'text' ? readWord2vecText(bytes) : readWord2vecBinary(bytes)



const WORDS = ['the', 'é', '日本語', '😀', 'naïve', '</s>', 'l’été', 'ǅemal']

describe('formatFloat32', () => {
  it('writes few digits for simple values', () => {
    expect([0, -0, 1, -2.5, 0.5, 1024, Math.fround(0.1), 1e-7, 3e38].map((x) => formatFloat32(Math.fround(x))))
      .toEqual(['0', '-0', '1', '-2.5', '0.5', '1024', '0.100000001', '1.00000001e-7', '3.00000001e+38'])
  })

  it('reads back as the same float32 for any bit pattern', () => {
    const floats = awkwardFloats(300_000, new Random(7))
    let longest = ''
    for (const x of floats) {
      const s = formatFloat32(x)
      if (!Object.is(Math.fround(Number(s)), x)) expect.fail(`${x} was written as ${s}`)
      if (s.length > longest.length) longest = s
    }
    expect(longest.length).toBeLessThanOrEqual('-0.00000123456789'.length)
  })
})

describe.each(['text', 'binary'] as const)('word2vec %s writer', (format) => {
  const name = format === 'text' ? 'vectors.txt' : 'vectors.bin'

  it('round-trips words and vectors exactly', async () => {
    const dim = 7
    const vectors = awkwardFloats(WORDS.length * dim, new Random(1))
    await writeWord2vecVectors(join(dir, name), WORDS, vectors, { dim })
    const parsed = parse(format, await readFile(join(dir, name)))
    expect(parsed.words).toEqual(WORDS)
    expect(parsed.dim).toBe(dim)
    expectBitEqual(parsed.vectors, vectors)
    expect(await readdir(dir)).toEqual([name])
  })

  it('skips the row padding when stride > dim', async () => {
    const dim = 3
    const stride = 4
    const padded = new Float32Array(WORDS.length * stride).fill(999)
    const expected = new Float32Array(WORDS.length * dim)
    const random = new Random(2)
    for (let row = 0; row < WORDS.length; row++) {
      for (let j = 0; j < dim; j++) expected[row * dim + j] = padded[row * stride + j] = random.normal()
    }
    await writeWord2vecVectors(join(dir, name), WORDS, padded, { dim, stride })
    const parsed = parse(format, await readFile(join(dir, name)))
    expect(parsed.words).toEqual(WORDS)
    expectBitEqual(parsed.vectors, expected)
  })

  it('writes the words whole as UTF-8', async () => {
    await writeWord2vecVectors(join(dir, name), WORDS, new Float32Array(WORDS.length), { dim: 1 })
    const bytes = await readFile(join(dir, name))
    for (const word of WORDS) expect(bytes.includes(Buffer.from(`\n${word} `, 'utf8')), word).toBe(true)
  })

  it('writes many rows in batches, reporting progress up to the total', async () => {
    const count = 20_000
    const dim = 50
    const words = Array.from({ length: count }, (_, i) => `w${i}`)
    const vectors = awkwardFloats(count * dim, new Random(3))
    const calls: [number, number][] = []
    await writeWord2vecVectors(join(dir, name), words, vectors, { dim, onProgress: (rows, total) => calls.push([rows, total]) })
    expect(calls.length).toBeGreaterThan(2)
    expect(calls.at(-1)).toEqual([count, count])
    for (let i = 1; i < calls.length; i++) expect(calls[i]![0]).toBeGreaterThan(calls[i - 1]![0])
    const parsed = parse(format, await readFile(join(dir, name)))
    expect(parsed.words).toEqual(words)
    expectBitEqual(parsed.vectors, vectors)
  })

  it('writes rows longer than a batch', async () => {
    const dim = format === 'text' ? 120_000 : 300_000 // over 1 MB either way
    const vectors = awkwardFloats(2 * dim, new Random(4))
    await writeWord2vecVectors(join(dir, name), ['a', 'b'], vectors, { dim })
    const parsed = parse(format, await readFile(join(dir, name)))
    expect(parsed.words).toEqual(['a', 'b'])
    expectBitEqual(parsed.vectors, vectors)
  })

  it('writes an empty vocabulary as just the header', async () => {
    const calls: number[][] = []
    await writeWord2vecVectors(join(dir, name), [], new Float32Array(0), { dim: 4, onProgress: (...args) => calls.push(args) })
    expect(await readFile(join(dir, name), 'utf8')).toBe('0 4\n')
    expect(calls).toEqual([[0, 0]])
  })

  it.each([
    ['new york', 'a space'], ['tab\there', 'a tab'], ['line\nbreak', 'a newline'], ['cr\r', 'a carriage return'],
    ['no\u00a0break', 'a no-break space'], ['ideo\u3000space', 'an ideographic space'], ['\u2028', 'a line separator'],
    ['nel\u0085', 'a next-line'], ['unit\u001fsep', 'a unit separator'], ['', 'nothing'], ['lone\ud800', 'a lone surrogate'],
  ])('refuses the word %j (%s) before writing anything', async (word) => {
    const target = join(dir, name)
    await writeFile(target, 'previous')
    const words = ['ok', 'fine', word, 'after']
    const error = await writeWord2vecVectors(target, words, new Float32Array(words.length), { dim: 1 }).then(() => undefined, (e: unknown) => e)
    expect(error).toBeInstanceOf(Word2vecFormatError)
    const { kind, row, message } = error as Word2vecFormatError
    expect(kind).toBe('invalidWord')
    expect(row).toBe(2)
    expect(message).toContain(`word 3 (${JSON.stringify(word)})`)
    expect(message).toContain(target)
    expect(await readFile(target, 'utf8')).toBe('previous')
    expect(await readdir(dir)).toEqual([name])
  })

  it('leaves nothing behind when cancelled mid-write', async () => {
    const controller = new AbortController()
    const words = Array.from({ length: 20_000 }, (_, i) => `w${i}`)
    const error = await writeWord2vecVectors(join(dir, name), words, new Float32Array(words.length * 50).fill(0.123), {
      dim: 50, signal: controller.signal, onProgress: () => controller.abort(),
    }).then(() => undefined, (e: unknown) => e)
    expect(error).toBeInstanceOf(Word2vecFormatError)
    expect((error as Word2vecFormatError).kind).toBe('cancelled')
    expect((error as Word2vecFormatError).message).toMatch(/^Saving the vectors “.*” was cancelled/)
    expect(await readdir(dir)).toEqual([])
  })

  it('reports a full disk and keeps the previous file', async () => {
    const target = join(dir, name)
    await writeFile(target, 'previous')
    const spy = await interceptWrites(0, () => {
      throw systemError('ENOSPC')
    })
    let error: unknown
    try {
      error = await writeWord2vecVectors(target, WORDS, new Float32Array(WORDS.length), { dim: 1 }).then(() => undefined, (e: unknown) => e)
    } finally {
      spy.mockRestore()
    }
    expect(error).toBeInstanceOf(Word2vecFormatError)
    expect((error as Word2vecFormatError).kind).toBe('diskFull')
    expect((error as Word2vecFormatError).message).toBe(`The disk is full: could not save the vectors “${target}”. Free some space and try again.`)
    expect(await readFile(target, 'utf8')).toBe('previous')
    expect(await readdir(dir)).toEqual([name])
  })
})

describe('word2vec writer options', () => {
  it('picks the format from the extension unless told', async () => {
    expect(['a.bin', 'A.BIN', 'a.txt', 'a.vec', 'a'].map(word2vecFormatFromPath)).toEqual(['binary', 'binary', 'text', 'text', 'text'])
    const vectors = Float32Array.from([0.5, 0.25])
    await writeWord2vecVectors(join(dir, 'forced.bin'), ['w'], vectors, { dim: 2, format: 'text' })
    expect(await readFile(join(dir, 'forced.bin'), 'utf8')).toBe('1 2\nw 0.5 0.25\n')
    await writeWord2vecVectors(join(dir, 'auto.bin'), ['w'], vectors, { dim: 2 })
    expect(readWord2vecBinary(await readFile(join(dir, 'auto.bin'))).vectors).toEqual(vectors)
  })

  it('rejects a matrix too small for the words, a bad dim or stride', async () => {
    const path = join(dir, 'v.txt')
    await expect(writeWord2vecVectors(path, ['a', 'b'], new Float32Array(7), { dim: 4 })).rejects.toThrow(RangeError)
    await expect(writeWord2vecVectors(path, ['a'], new Float32Array(4), { dim: 0 })).rejects.toThrow(RangeError)
    await expect(writeWord2vecVectors(path, ['a'], new Float32Array(4), { dim: 4, stride: 3 })).rejects.toThrow(RangeError)
    expect(await readdir(dir)).toEqual([])
  })
})

const hasGensim = pythonCanImport('gensim', 'the gensim interop tests of the word2vec writers')

const LOAD_WITH_GENSIM = `
import json, sys
from gensim.models import KeyedVectors
kv = KeyedVectors.load_word2vec_format(sys.argv[1], binary=sys.argv[2] == 'binary')
print(json.dumps({'words': list(kv.index_to_key), 'vectors': [[float(x) for x in row] for row in kv.vectors]}))
`

describe.each(['text', 'binary'] as const)('gensim reads our %s file', (format) => {
  it.skipIf(!hasGensim)('with the same words and float32 vectors', async () => {
    const path = join(dir, format === 'text' ? 'ours.txt' : 'ours.bin')
    const dim = 5
    const stride = 8
    const random = new Random(5)
    const vectors = new Float32Array(WORDS.length * stride)
    for (let i = 0; i < vectors.length; i++) vectors[i] = random.normal() * 10 ** random.randint(-30, 30)
    vectors[0] = 0
    vectors[1] = -0
    await writeWord2vecVectors(path, WORDS, vectors, { dim, stride })
    const run = spawnSync(PYTHON, ['-c', LOAD_WITH_GENSIM, path, format], { encoding: 'utf8' })
    expect(run.stderr.includes('Traceback') ? run.stderr : '').toBe('')
    expect(run.status).toBe(0)
    const loaded = JSON.parse(run.stdout) as { words: string[]; vectors: number[][] }
    expect(loaded.words).toEqual(WORDS)
    const expected = new Float32Array(WORDS.length * dim)
    for (let row = 0; row < WORDS.length; row++) expected.set(vectors.subarray(row * stride, row * stride + dim), row * dim)
    expectBitEqual(Float32Array.from(loaded.vectors.flat()), expected)
  })
})
