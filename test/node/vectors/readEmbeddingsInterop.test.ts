import { spawnSync } from 'node:child_process'
import { writeFile } from 'node:fs/promises'
import { describe, expect, it } from 'vitest'
import { Random } from '../../../src-main/core/random'
import { type Embeddings } from '../../../src-main/core/vectors/embeddings'
import { VECTOR_FORMATS, type VectorFormat } from '../../../src-main/core/vectors/vectorFormats'
import { readEmbeddings } from '../../../src-main/node/vectors/readEmbeddings'
import { writeEmbeddings } from '../../../src-main/node/vectors/writeEmbeddings'
import { failureOf, useTempDir } from './vectorFileFixtures'
import { PYTHON, pythonCanImport } from '../../support/python'

const tmp = useTempDir()

/** Bit-for-bit equality, so -0 and the last bit of every float count. */
function expectSameFloats(actual: Float32Array, expected: Float32Array): void {
  expect(actual.length).toBe(expected.length)
  const a = new Uint32Array(actual.buffer, actual.byteOffset, actual.length)
  const b = new Uint32Array(expected.buffer, expected.byteOffset, expected.length)
  for (let i = 0; i < b.length; i++) {
    if (a[i] !== b[i]) expect.fail(`float ${i}: ${actual[i]} is not ${expected[i]}`)
  }
}

function randomFloats(n: number, random: Random): Float32Array {
  const floats = new Float32Array(n)
  for (let i = 0; i < n; i++) floats[i] = random.normal() * 10 ** random.randint(-30, 30)
  return floats
}

describe('a large word2vec binary file (50,000 × 100)', () => {
  it('loads into one exactly-sized Float32Array with the same words and values', async () => {
    const count = 50_000
    const dim = 100
    const expected = randomFloats(count * dim, new Random(11))
    const bytes = new Uint8Array(expected.buffer)
    const parts: Buffer[] = [Buffer.from(`${count} ${dim}\n`)]
    for (let row = 0; row < count; row++) {
      parts.push(Buffer.from(`w${row} `), Buffer.from(bytes.subarray(row * dim * 4, (row + 1) * dim * 4)), Buffer.from('\n'))
    }
    const path = await tmp.file('large.bin', Buffer.concat(parts))
    let chunks = 0
    const { embeddings, warnings } = await readEmbeddings(path, { onProgress: () => chunks++ })
    expect(embeddings.words).toHaveLength(count)
    expect(embeddings.words[49_999]).toBe('w49999')
    expect(embeddings.vectors.buffer.byteLength).toBe(count * dim * 4)
    expectSameFloats(embeddings.vectors, expected)
    expect(warnings).toEqual([])
    expect(chunks).toBeGreaterThanOrEqual(20)
  })

  it('of GloVe text (20,000 × 50) loads too, grown from an estimate and trimmed', async () => {
    const count = 20_000
    const dim = 50
    const expected = randomFloats(count * dim, new Random(12))
    const lines: string[] = []
    for (let row = 0; row < count; row++) lines.push(`w${row} ${Array.from(expected.subarray(row * dim, (row + 1) * dim)).join(' ')}`)
    const path = await tmp.file('large.txt', lines.join('\n') + '\n')
    const { embeddings, format } = await readEmbeddings(path)
    expect(format).toBe('glove')
    expect(embeddings.vectors.buffer.byteLength).toBe(count * dim * 4)
    expectSameFloats(embeddings.vectors, expected)
  })
})

const WORDS = ['the', 'naïve', '日本語', '😀', '</s>', 'ǅemal', 'l’été', 'x']

function sample(counts: boolean): Embeddings {
  const vectors = randomFloats(WORDS.length * 7, new Random(3))
  vectors.set([0, -0, 3.4028234663852886e38, 1.401298464324817e-45, 1.1754942106924411e-38, 16777217, 0.1])
  return { words: WORDS, dim: 7, vectors, counts: counts ? Uint32Array.from(WORDS, (_, i) => 4_000_000_000 - i) : null }
}

const FILE_NAMES: Record<VectorFormat, string> = {
  'word2vec-text': 'v.txt', 'word2vec-binary': 'v.bin', 'glove': 'glove.txt', 'projector': 'vectors.tsv', 'npy': 'v.npy', 'json': 'v.json',
}

describe.each(VECTOR_FORMATS.map((f) => f.format))('round trip through the %s writer', (format) => {
  it.each([true, false])('gives back the same words, float32 bits and (where kept) counts: counts %s', async (withCounts) => {
    const original = sample(withCounts)
    const path = tmp.path(FILE_NAMES[format])
    await writeEmbeddings(path, original, { format })
    const { embeddings, format: detected, warnings } = await readEmbeddings(path)
    expect(detected).toBe(format)
    expect(warnings).toEqual([])
    expect(embeddings.words).toEqual(WORDS)
    expect(embeddings.dim).toBe(7)
    expectSameFloats(embeddings.vectors, original.vectors)
    const keepsCounts = withCounts && (format === 'projector' || format === 'json')
    expect(embeddings.counts === null ? null : Array.from(embeddings.counts)).toEqual(keepsCounts ? Array.from(original.counts!) : null)
  })
})

const hasGensim = pythonCanImport('gensim, numpy', 'the gensim import interop tests')

const WRITE_WITH_GENSIM = `
import json, sys
import numpy as np
from gensim.models import KeyedVectors
words, dim, out = json.loads(sys.argv[1]), int(sys.argv[2]), sys.argv[3]
rng = np.random.default_rng(7)
vectors = (rng.standard_normal((len(words), dim)) * 10.0 ** rng.integers(-30, 30, (len(words), dim))).astype(np.float32)
vectors[0, 0], vectors[0, 1] = 0.0, -0.0
kv = KeyedVectors(dim)
kv.add_vectors(words, vectors)
kv.save_word2vec_format(out + '.txt', binary=False)
kv.save_word2vec_format(out + '.bin', binary=True)
kv.save_word2vec_format(out + '-noheader.txt', binary=False, write_header=False)
np.save(out + '.npy', kv.vectors)
np.save(out + '-f8.npy', kv.vectors.astype(np.float64))
np.save(out + '-fortran.npy', np.asfortranarray(kv.vectors))
with open(out + '.vocab.txt', 'w', encoding='utf-8') as f:
    f.write(''.join(w + '\\n' for w in kv.index_to_key))
print(json.dumps({'words': list(kv.index_to_key), 'bits': kv.vectors.view(np.uint32).ravel().tolist()}))
`

describe('files written by gensim and NumPy', () => {
  it.skipIf(!hasGensim)('load with the same words and float32 vectors', async () => {
    const base = tmp.path('gensim')
    const run = spawnSync(PYTHON, ['-c', WRITE_WITH_GENSIM, JSON.stringify(WORDS), '9', base], { encoding: 'utf8' })
    expect(run.stderr.includes('Traceback') ? run.stderr : '').toBe('')
    const written = JSON.parse(run.stdout) as { words: string[]; bits: number[] }
    expect(written.words).toEqual(WORDS)
    const expected = new Float32Array(Uint32Array.from(written.bits).buffer)
    for (const [suffix, format] of [['.txt', 'word2vec-text'], ['.bin', 'word2vec-binary'], ['-noheader.txt', 'glove'], ['.npy', 'npy']] as const) {
      const { embeddings, format: detected } = await readEmbeddings(base + suffix)
      expect(detected, suffix).toBe(format)
      expect(embeddings.words, suffix).toEqual(WORDS)
      expectSameFloats(embeddings.vectors, expected)
    }
    await writeFile(`${base}-f8.vocab.txt`, WORDS.join('\n') + '\n')
    expectSameFloats((await readEmbeddings(`${base}-f8.npy`)).embeddings.vectors, expected)
    await writeFile(`${base}-fortran.vocab.txt`, WORDS.join('\n') + '\n')
    expect((await failureOf(readEmbeddings(`${base}-fortran.npy`))).kind).toBe('unsupportedArray')
  })
})

const fastTextProbe = spawnSync('fasttext', [], { encoding: 'utf8' })
const hasFastText = fastTextProbe.error === undefined
if (!hasFastText) console.warn(`Skipping the fastText .vec interop test: the fasttext command cannot run (${fastTextProbe.error?.message}). Install Debian's fasttext to run it.`)

const LOAD_WITH_GENSIM = `
import json, sys
import numpy as np
from gensim.models import KeyedVectors
kv = KeyedVectors.load_word2vec_format(sys.argv[1], binary=False)
print(json.dumps({'words': list(kv.index_to_key), 'bits': kv.vectors.view(np.uint32).ravel().tolist()}))
`

describe('a .vec file written by fastText', () => {
  it.skipIf(!hasFastText || !hasGensim)('loads with the words and vectors gensim reads from it', async () => {
    const random = new Random(5)
    const vocabulary = ['river', 'bank', 'money', 'water', 'loan', 'fish', 'café', 'naïve']
    const corpus = Array.from({ length: 300 }, () => Array.from({ length: 12 }, () => vocabulary[random.randint(0, vocabulary.length - 1)]).join(' ')).join('\n')
    const input = await tmp.file('corpus.txt', corpus + '\n')
    const output = tmp.path('model')
    const train = spawnSync('fasttext', ['skipgram', '-input', input, '-output', output, '-dim', '8', '-epoch', '1', '-minCount', '1', '-thread', '1', '-verbose', '0'], { encoding: 'utf8' })
    expect(train.status, train.stderr).toBe(0)
    const { embeddings, format } = await readEmbeddings(`${output}.vec`)
    expect(format).toBe('word2vec-text')
    const run = spawnSync(PYTHON, ['-c', LOAD_WITH_GENSIM, `${output}.vec`], { encoding: 'utf8' })
    expect(run.stderr.includes('Traceback') ? run.stderr : '').toBe('')
    const gensim = JSON.parse(run.stdout) as { words: string[]; bits: number[] }
    expect(embeddings.words).toEqual(gensim.words)
    expect(embeddings.words).toContain('café')
    expectSameFloats(embeddings.vectors, new Float32Array(Uint32Array.from(gensim.bits).buffer))
  })
})
