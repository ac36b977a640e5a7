import { spawnSync } from 'node:child_process'
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { Random } from '../../../src-main/core/random'
import { type Embeddings } from '../../../src-main/core/vectors/embeddings'
import { VECTOR_FORMATS, type VectorFormat } from '../../../src-main/core/vectors/vectorFormats'
import { npyHeader } from '../../../src-main/node/vectors/npyFormat'
import { VectorExportError } from '../../../src-main/node/vectors/vectorExportError'
import { type WriteEmbeddingsOptions, writeEmbeddings } from '../../../src-main/node/vectors/writeEmbeddings'
import { interceptWrites, systemError } from '../writeFaults'
import { awkwardFloats, expectBitEqual, readExport, readNpy } from './exportReaders'
import { PYTHON, pythonCanImport } from '../../support/python'

let dir = ''
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'w2v-export-'))
})
afterEach(async () => {
  await rm(dir, { recursive: true, force: true })
})



function embeddingsOf(words: readonly string[], dim: number, seed: number, counts = true): Embeddings {
  return {
    words,
    dim,
    vectors: awkwardFloats(words.length * dim, new Random(seed)),
    counts: counts ? Uint32Array.from(words, (_, i) => 1000 - i) : null,
  }
}

const manyWords = (n: number): string[] => Array.from({ length: n }, (_, i) => `w${i}`)

async function failureOf(promise: Promise<unknown>): Promise<VectorExportError> {
  const error = await promise.then(() => undefined, (e: unknown) => e)
  expect(error).toBeInstanceOf(VectorExportError)
  return error as VectorExportError
}

const listing = async (): Promise<string[]> => (await readdir(dir)).sort()

const WORDS = ['the', 'é', '日本語', '😀', 'naïve', '</s>', 'l’été', 'ǅemal']
const LONE = 'lone\ud800'

interface Case {
  readonly format: VectorFormat
  readonly file: string
  readonly companion?: string
  /** The format must be named (the extension does not say it). */
  readonly explicit?: boolean
  /** Counts are written (and must read back). */
  readonly keepsCounts?: boolean
  readonly refused: readonly string[]
}

const WHITESPACE_WORDS = ['new york', 'tab\there', 'line\nbreak', 'no\u00a0break', 'unit\u001fsep', '', LONE]
const LINE_WORDS = ['line\nbreak', 'cr\r', 'ls\u2028', 'nel\u0085', 'ff\f', '', '   ', '\u00a0', LONE]

const CASES: readonly Case[] = [
  { format: 'word2vec-text', file: 'vectors.txt', refused: WHITESPACE_WORDS },
  { format: 'word2vec-binary', file: 'vectors.bin', refused: WHITESPACE_WORDS },
  { format: 'glove', file: 'glove.txt', explicit: true, refused: WHITESPACE_WORDS },
  { format: 'projector', file: 'vectors.tsv', companion: 'metadata.tsv', keepsCounts: true, refused: ['tab\there', ...LINE_WORDS] },
  { format: 'npy', file: 'vectors.npy', companion: 'vectors.vocab.txt', refused: LINE_WORDS },
  { format: 'json', file: 'vectors.json', keepsCounts: true, refused: [] },
]

describe.each(CASES)('writeEmbeddings as $format', ({ format, file, companion, explicit, keepsCounts, refused }) => {
  const target = (): string => join(dir, file)
  const expectedFiles = (): string[] => [target(), ...(companion ? [join(dir, companion)] : [])]
  const options = (more: WriteEmbeddingsOptions = {}): WriteEmbeddingsOptions => ({ ...(explicit ? { format } : {}), ...more })

  it('writes words and float32 values that read back exactly', async () => {
    const embeddings = embeddingsOf(WORDS, 7, 1)
    const { files } = await writeEmbeddings(target(), embeddings, options())
    expect(files).toEqual(expectedFiles())
    expect(await listing()).toEqual(files.map((f) => f.slice(dir.length + 1)).sort())
    const back = await readExport(format, files, 7)
    expect(back.words).toEqual(WORDS)
    expect(back.dim).toBe(7)
    expectBitEqual(back.vectors, embeddings.vectors)
    if (keepsCounts) expect(back.counts).toEqual(Array.from(embeddings.counts!))
  })

  it('writes many rows in ~1 MB batches, reporting progress up to the total', async () => {
    const count = 20_000
    const embeddings = embeddingsOf(manyWords(count), 50, 2)
    const calls: [number, number][] = []
    const { files } = await writeEmbeddings(target(), embeddings, options({ onProgress: (rows, total) => calls.push([rows, total]) }))
    expect(calls.length).toBeGreaterThan(2)
    expect(calls.at(-1)).toEqual([count, count])
    for (let i = 1; i < calls.length; i++) expect(calls[i]![0]).toBeGreaterThan(calls[i - 1]![0])
    const back = await readExport(format, files, 50)
    expect(back.words).toEqual(embeddings.words)
    expectBitEqual(back.vectors, embeddings.vectors)
  })

  it('writes an empty vocabulary as a valid file', async () => {
    const calls: number[][] = []
    const { files } = await writeEmbeddings(target(), embeddingsOf([], 4, 3), options({ onProgress: (...args) => calls.push(args) }))
    expect(calls).toEqual([[0, 0]])
    const back = await readExport(format, files, 4)
    expect(back.words).toEqual([])
    expect(back.vectors.length).toBe(0)
  })

  it('leaves nothing behind when cancelled mid-write', async () => {
    const controller = new AbortController()
    const error = await failureOf(writeEmbeddings(target(), embeddingsOf(manyWords(20_000), 50, 4), options({
      signal: controller.signal, onProgress: () => controller.abort(),
    })))
    expect(error.kind).toBe('cancelled')
    expect(error.message).toMatch(/^Saving the vectors “.*” was cancelled/)
    expect(await listing()).toEqual([])
  })

  it('does not start when already cancelled', async () => {
    const error = await failureOf(writeEmbeddings(target(), embeddingsOf(WORDS, 3, 5), options({ signal: AbortSignal.abort() })))
    expect(error.kind).toBe('cancelled')
    expect(await listing()).toEqual([])
  })

  it('reports a full disk and keeps the previous files', async () => {
    for (const path of expectedFiles()) await writeFile(path, 'previous')
    const spy = await interceptWrites(0, () => {
      throw systemError('ENOSPC')
    })
    let error: VectorExportError
    try {
      error = await failureOf(writeEmbeddings(target(), embeddingsOf(WORDS, 3, 6), options()))
    } finally {
      spy.mockRestore()
    }
    expect(error.kind).toBe('diskFull')
    expect(error.message).toBe(`The disk is full: could not save the vectors “${target()}”. Free some space and try again.`)
    for (const path of expectedFiles()) expect(await readFile(path, 'utf8')).toBe('previous')
    expect(await listing()).toEqual(expectedFiles().map((f) => f.slice(dir.length + 1)).sort())
  })

  it.each(refused.map((word) => [word]))('refuses the word %j before writing anything', async (word) => {
    await writeFile(target(), 'previous')
    const words = ['ok', 'fine', word, 'after']
    const error = await failureOf(writeEmbeddings(target(), embeddingsOf(words, 2, 7), options()))
    expect(error.kind).toBe('invalidWord')
    expect(error.row).toBe(2)
    expect(error.word).toBe(word)
    expect(error.message).toContain(`word 3 (${JSON.stringify(word)})`)
    expect(error.message).toContain(target())
    expect(await readFile(target(), 'utf8')).toBe('previous')
    expect(await listing()).toEqual([file])
  })

  it.each([Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY])('refuses a vector holding %s, naming the word', async (value) => {
    const embeddings = embeddingsOf(WORDS, 3, 8)
    embeddings.vectors[4 * 3 + 1] = value
    const error = await failureOf(writeEmbeddings(target(), embeddings, options()))
    expect(error.kind).toBe('invalidValue')
    expect(error.row).toBe(4)
    expect(error.message).toContain(`word 5 ("naïve") has ${value} in column 2`)
    expect(await listing()).toEqual([])
  })
})

describe('the words each format refuses', () => {
  it('are as VECTOR_FORMATS describes them', () => {
    const described = Object.fromEntries(VECTOR_FORMATS.map((f) => [f.format, f.words]))
    for (const { format, refused } of CASES) {
      const text = described[format]!
      if (refused.length === 0) expect(text).toMatch(/^any word/)
      if (refused.includes('')) expect(text).toMatch(/empty/)
      if (refused.includes('new york')) expect(text).toMatch(/whitespace/)
      if (refused.includes('tab\there')) expect(text).toMatch(/whitespace|tab/)
      if (refused.includes('cr\r')) expect(text).toMatch(/line break/)
      if (refused.includes('   ')) expect(text).toMatch(/blank/)
    }
  })

  it('leave spaces to the Projector and NumPy, and anything to JSON', async () => {
    const spaced = ['new york', ' leading', 'trailing ', 'a\u00a0b']
    for (const [format, file, words] of [
      ['projector', 'vectors.tsv', spaced], ['npy', 'v.npy', [...spaced, 'tab\there']],
      ['json', 'v.json', ['', 'new york', 'tab\t', 'line\nbreak', '"quoted"', 'back\\slash', LONE, '\u2028', '\u0000', '😀']],
    ] as const) {
      const embeddings = embeddingsOf(words, 2, 9)
      const { files } = await writeEmbeddings(join(dir, file), embeddings)
      const back = await readExport(format, files, 2)
      expect(back.words).toEqual(words)
      expectBitEqual(back.vectors, embeddings.vectors)
    }
  })
})

describe('choosing the format', () => {
  it('follows the extension, case-insensitively, .vec being word2vec text', async () => {
    const embeddings: Embeddings = { words: ['w'], vectors: Float32Array.of(0.5, -0.25), dim: 2, counts: null }
    await writeEmbeddings(join(dir, 'a.VEC'), embeddings)
    expect(await readFile(join(dir, 'a.VEC'), 'utf8')).toBe('1 2\nw 0.5 -0.25\n')
  })

  it('takes an explicit format for a name whose extension names none, or the same one', async () => {
    const embeddings: Embeddings = { words: ['w'], vectors: Float32Array.of(0.5, -0.25), dim: 2, counts: Uint32Array.of(3) }
    const { files } = await writeEmbeddings(join(dir, 'a.dat'), embeddings, { format: 'json' })
    expect(files).toEqual([join(dir, 'a.dat')])
    expect(await readFile(join(dir, 'a.dat'), 'utf8')).toBe('{"dim":2,"words":["w"],"counts":[3],"vectors":[\n[0.5,-0.25]\n]}\n')
    expect((await writeEmbeddings(join(dir, 'b.json'), embeddings, { format: 'json' })).files).toEqual([join(dir, 'b.json')])
  })

  it.each(['word2vec-binary', 'word2vec-text', 'npy', 'projector'] as const)('writes %s when asked, under a name with no format of its own', async (format) => {
    const embeddings = embeddingsOf(WORDS, 3, 20)
    const { files } = await writeEmbeddings(join(dir, 'out.vectors'), embeddings, { format })
    const back = await readExport(format, files, 3)
    expect(back.words).toEqual(WORDS)
    expectBitEqual(back.vectors, embeddings.vectors)
  })

  it.each([
    ['a.npy', 'json'], ['a.txt', 'json'], ['a.bin', 'word2vec-text'], ['a.json', 'npy'], ['a.tsv', 'glove'],
  ] as const)('refuses %s as %s: the extension says another format, and it would be read back as that', async (name, format) => {
    const path = join(dir, name)
    const error = await failureOf(writeEmbeddings(path, embeddingsOf(WORDS, 2, 10), { format }))
    expect(error.kind).toBe('formatMismatch')
    expect(error.message).toMatch(/^Cannot save .* as “.*”: its extension says .*, and it would be read back as that\./)
    expect(await listing()).toEqual([])
  })

  it('writes GloVe under a text name, as GloVe files are named', async () => {
    const { files } = await writeEmbeddings(join(dir, 'glove.6B.50d.txt'), embeddingsOf(WORDS, 2, 10), { format: 'glove' })
    expect(files).toEqual([join(dir, 'glove.6B.50d.txt')])
  })

  it.each(['vectors.dat', 'vectors', 'glove.6B'])('refuses %s, whose extension names no format, listing the choices', async (name) => {
    const path = join(dir, name)
    const error = await failureOf(writeEmbeddings(path, embeddingsOf(WORDS, 2, 10)))
    expect(error.kind).toBe('unknownFormat')
    expect(error.message).toContain(`“${path}”`)
    for (const { format, extensions } of VECTOR_FORMATS) {
      expect(error.message).toContain(format)
      for (const extension of extensions) expect(error.message).toContain(extension)
    }
    expect(await listing()).toEqual([])
  })

  it('refuses a format name it does not know', async () => {
    const error = await failureOf(writeEmbeddings(join(dir, 'v.txt'), embeddingsOf(WORDS, 2, 11), { format: 'csv' as VectorFormat }))
    expect(error.kind).toBe('unknownFormat')
    expect(error.message).toContain('“csv” is not a vector format')
  })

  it('rejects a matrix that does not fit the words', async () => {
    await expect(writeEmbeddings(join(dir, 'v.json'), { words: ['a', 'b'], vectors: new Float32Array(7), dim: 4, counts: null })).rejects.toThrow(RangeError)
    await expect(writeEmbeddings(join(dir, 'v.json'), { words: ['a'], vectors: new Float32Array(4), dim: 4, counts: Uint32Array.of(1, 2) })).rejects.toThrow(RangeError)
    expect(await listing()).toEqual([])
  })
})

describe('exact layouts', () => {
  const small: Embeddings = { words: ['a', 'é'], vectors: Float32Array.of(0.5, -1, 0, 2.25), dim: 2, counts: Uint32Array.of(3, 1) }
  const text = (name: string): Promise<string> => readFile(join(dir, name), 'utf8')

  it('GloVe: one line per word, no header', async () => {
    await writeEmbeddings(join(dir, 'g.txt'), small, { format: 'glove' })
    expect(await text('g.txt')).toBe('a 0.5 -1\né 0 2.25\n')
  })

  it('Projector: tab-separated vectors, metadata with a word/count header when counts are known', async () => {
    expect((await writeEmbeddings(join(dir, 'vectors.tsv'), small)).files).toEqual([join(dir, 'vectors.tsv'), join(dir, 'metadata.tsv')])
    expect(await text('vectors.tsv')).toBe('0.5\t-1\n0\t2.25\n')
    expect(await text('metadata.tsv')).toBe('word\tcount\na\t3\né\t1\n')
  })

  it('Projector: one word per line and no header without counts; other names get name.metadata.tsv', async () => {
    expect((await writeEmbeddings(join(dir, 'run1.tsv'), { ...small, counts: null })).files).toEqual([join(dir, 'run1.tsv'), join(dir, 'run1.metadata.tsv')])
    expect(await text('run1.metadata.tsv')).toBe('a\né\n')
  })

  it('NumPy: the vocabulary is one word per line', async () => {
    const { files } = await writeEmbeddings(join(dir, 'm.npy'), small)
    expect(files).toEqual([join(dir, 'm.npy'), join(dir, 'm.vocab.txt')])
    expect(await text('m.vocab.txt')).toBe('a\né\n')
    const npy = readNpy(await readFile(join(dir, 'm.npy')))
    expect(npy.shape).toEqual([2, 2])
    expect(npy.headerBytes).toBe(128)
    expect(Array.from(npy.vectors)).toEqual([0.5, -1, 0, 2.25])
  })

  it('NumPy: the header pads the data to a multiple of 64 bytes for any shape', () => {
    for (const [rows, dim] of [[0, 1], [1, 1], [9, 99], [99_999, 300], [3_000_000, 300], [1e9, 1e6], [123_456_789_012, 1]]) {
      const header = npyHeader(rows!, dim!)
      expect(header.length % 64).toBe(0)
      expect(header.readUInt16LE(8)).toBe(header.length - 10)
      expect(header.at(-1)).toBe(0x0a)
      expect(header.toString('latin1', 10)).toMatch(new RegExp(`^\\{'descr': '<f4', 'fortran_order': False, 'shape': \\(${rows}, ${dim}\\), \\} *\\n$`))
    }
  })

  it('JSON: counts null when unknown; an empty vocabulary', async () => {
    await writeEmbeddings(join(dir, 'a.json'), { ...small, counts: null })
    expect(await text('a.json')).toBe('{"dim":2,"words":["a","é"],"counts":null,"vectors":[\n[0.5,-1],\n[0,2.25]\n]}\n')
    await writeEmbeddings(join(dir, 'b.json'), { words: [], vectors: new Float32Array(0), dim: 3, counts: null })
    expect(await text('b.json')).toBe('{"dim":3,"words":[],"counts":null,"vectors":[]}\n')
  })

  it('writes a row longer than a batch', async () => {
    const embeddings = embeddingsOf(['a', 'b'], 300_000, 12) // 1.2 MB of floats a row
    for (const [format, file] of [['npy', 'big.npy'], ['projector', 'big.tsv'], ['json', 'big.json'], ['glove', 'big.txt']] as const) {
      const { files } = await writeEmbeddings(join(dir, file), embeddings, { format })
      const back = await readExport(format, files, 300_000)
      expect(back.words).toEqual(['a', 'b'])
      expectBitEqual(back.vectors, embeddings.vectors)
    }
  })
})

describe('two-file formats', () => {
  it.each([['projector', 'vectors.tsv'], ['npy', 'v.npy']] as const)('%s: rows line up with and without counts', async (format, file) => {
    for (const counts of [true, false]) {
      const embeddings = embeddingsOf(manyWords(5000).map((w, i) => (i % 7 === 0 ? `${w} x` : w)), 3, 13, counts)
      const { files } = await writeEmbeddings(join(dir, file), embeddings)
      const back = await readExport(format, files, 3)
      expect(back.words).toEqual(embeddings.words)
      expectBitEqual(back.vectors, embeddings.vectors)
      if (format === 'projector') expect(back.counts).toEqual(counts ? Array.from(embeddings.counts!) : null)
    }
  })

  it.each([['projector', 'vectors.tsv', 'metadata.tsv'], ['npy', 'v.npy', 'v.vocab.txt']] as const)(
    '%s: a failure while writing the second file leaves both earlier files as they were',
    async (_format, file, companion) => {
      await writeFile(join(dir, file), 'previous vectors')
      await writeFile(join(dir, companion), 'previous words')
      const spy = await interceptWrites(1, () => { // the vectors file fits one batch; its companion's write fails
        throw systemError('EACCES')
      })
      let error: VectorExportError
      try {
        error = await failureOf(writeEmbeddings(join(dir, file), embeddingsOf(WORDS, 3, 14)))
      } finally {
        spy.mockRestore()
      }
      expect(error.kind).toBe('permission')
      expect(error.path).toBe(join(dir, companion))
      expect(error.message).toMatch(/^Permission denied: could not save the (metadata|word list) “/)
      expect(await readFile(join(dir, file), 'utf8')).toBe('previous vectors')
      expect(await readFile(join(dir, companion), 'utf8')).toBe('previous words')
      expect(await listing()).toEqual([companion, file].sort())
    },
  )

  it('when the companion cannot take its name, the vectors file is not written either', async () => {
    await mkdir(join(dir, 'metadata.tsv'))
    await writeFile(join(dir, 'metadata.tsv', 'inside'), '')
    const error = await failureOf(writeEmbeddings(join(dir, 'vectors.tsv'), embeddingsOf(WORDS, 3, 15)))
    expect(error.path).toBe(join(dir, 'metadata.tsv'))
    expect(await listing()).toEqual(['metadata.tsv'])
  })

  it('a vectors name taken by a folder is refused before either file is written: the old companion stays', async () => {
    await mkdir(join(dir, 'vectors.tsv'))
    await writeFile(join(dir, 'vectors.tsv', 'inside'), '')
    await writeFile(join(dir, 'metadata.tsv'), 'previous words')
    const error = await failureOf(writeEmbeddings(join(dir, 'vectors.tsv'), embeddingsOf(WORDS, 3, 16)))
    expect(error.path).toBe(join(dir, 'vectors.tsv'))
    expect(error.message).toMatch(/^Could not save the vectors “.*”: that name is a folder\./)
    expect(await listing()).toEqual(['metadata.tsv', 'vectors.tsv'])
    expect(await readFile(join(dir, 'metadata.tsv'), 'utf8')).toBe('previous words')
    expect(await readdir(join(dir, 'vectors.tsv'))).toEqual(['inside'])
  })

  it('a cancel while the second file is written leaves neither file', async () => {
    const controller = new AbortController()
    const embeddings = embeddingsOf(manyWords(200_000), 1, 17) // a word list of several batches
    let lastProgress = 0
    const spy = await interceptWrites(0, () => {
      if (lastProgress === embeddings.words.length) controller.abort()
    })
    let error: VectorExportError
    try {
      error = await failureOf(writeEmbeddings(join(dir, 'v.npy'), embeddings, { signal: controller.signal, onProgress: (rows) => { lastProgress = rows } }))
    } finally {
      spy.mockRestore()
    }
    expect(lastProgress).toBe(embeddings.words.length)
    expect(error.kind).toBe('cancelled')
    expect(error.path).toBe(join(dir, 'v.vocab.txt'))
    expect(await listing()).toEqual([])
  })
})


const hasNumpy = pythonCanImport('numpy', 'the NumPy interop tests of the exporter')
const hasGensim = pythonCanImport('gensim', 'the gensim interop test of the GloVe exporter')

function python(script: string, ...args: string[]): unknown {
  const run = spawnSync(PYTHON, ['-c', script, ...args], { encoding: 'utf8', maxBuffer: 64 << 20 })
  expect(run.stderr.includes('Traceback') ? run.stderr : '').toBe('')
  expect(run.status).toBe(0)
  return JSON.parse(run.stdout)
}

interface PythonMatrix { words: string[]; shape: number[]; dtype: string; vectors: number[][] }

const LOAD_NPY = `
import json, sys
import numpy as np
a = np.load(sys.argv[1])
with open(sys.argv[2], encoding='utf-8', newline='') as f:
    words = f.read().splitlines()
print(json.dumps({'words': words, 'shape': list(a.shape), 'dtype': str(a.dtype), 'vectors': a.astype(float).tolist()}))
`

const SAVE_NPY = `
import sys
import numpy as np
rows, dim = int(sys.argv[2]), int(sys.argv[3])
a = np.fromfile(sys.argv[1], dtype='<f4').reshape(rows, dim)
np.save(sys.argv[4], a)
`

const LOAD_TSV = `
import json, sys
import numpy as np
a = np.loadtxt(sys.argv[1], delimiter='\\t', dtype=np.float32, ndmin=2)
print(json.dumps({'words': [], 'shape': list(a.shape), 'dtype': str(a.dtype), 'vectors': a.astype(float).tolist()}))
`

const LOAD_GLOVE = `
import json, sys
from gensim.models import KeyedVectors
kv = KeyedVectors.load_word2vec_format(sys.argv[1], binary=False, no_header=True)
print(json.dumps({'words': list(kv.index_to_key), 'shape': list(kv.vectors.shape), 'dtype': str(kv.vectors.dtype), 'vectors': kv.vectors.astype(float).tolist()}))
`

describe('interop with NumPy and gensim', () => {
  const embeddings = embeddingsOf(WORDS, 5, 18)

  it.skipIf(!hasNumpy)('np.load reads our .npy with the same shape and float32 values, and the vocabulary lines up', async () => {
    const { files } = await writeEmbeddings(join(dir, 'ours.npy'), embeddings)
    const loaded = python(LOAD_NPY, files[0]!, files[1]!) as PythonMatrix
    expect(loaded.shape).toEqual([WORDS.length, 5])
    expect(loaded.dtype).toBe('float32')
    expect(loaded.words).toEqual(WORDS)
    expectBitEqual(Float32Array.from(loaded.vectors.flat()), embeddings.vectors)
  })

  it.skipIf(!hasNumpy)('our .npy is byte for byte what np.save writes', async () => {
    for (const [rows, dim] of [[8, 5], [0, 3], [1000, 17]] as const) {
      const sample = embeddingsOf(manyWords(rows), dim, 19)
      const { files } = await writeEmbeddings(join(dir, 'ours.npy'), sample)
      await writeFile(join(dir, 'raw.f32'), sample.vectors)
      python(`${SAVE_NPY}\nprint('{}')`, join(dir, 'raw.f32'), String(rows), String(dim), join(dir, 'theirs.npy'))
      expect((await readFile(files[0]!)).equals(await readFile(join(dir, 'theirs.npy')))).toBe(true)
    }
  })

  it.skipIf(!hasNumpy)('np.loadtxt reads our Projector vectors.tsv', async () => {
    const { files } = await writeEmbeddings(join(dir, 'vectors.tsv'), embeddings)
    const loaded = python(LOAD_TSV, files[0]!) as PythonMatrix
    expect(loaded.shape).toEqual([WORDS.length, 5])
    expectBitEqual(Float32Array.from(loaded.vectors.flat()), embeddings.vectors)
  })

  it.skipIf(!hasGensim)('gensim reads our GloVe file (no_header=True)', async () => {
    const { files } = await writeEmbeddings(join(dir, 'glove.txt'), embeddings, { format: 'glove' })
    const loaded = python(LOAD_GLOVE, files[0]!) as PythonMatrix
    expect(loaded.words).toEqual(WORDS)
    expectBitEqual(Float32Array.from(loaded.vectors.flat()), embeddings.vectors)
  })
})
