import { describe, expect, it } from 'vitest'
import { type VectorFormat } from '../../../src-main/core/vectors/vectorFormats'
import { type ReadEmbeddingsOptions, readEmbeddings } from '../../../src-main/node/vectors/readEmbeddings'
import { sniffVectorFormat } from '../../../src-main/node/vectors/vectorFormatDetection'
import { expectVectors, failureOf, npyFile, useTempDir, word2vecBinary } from './vectorFileFixtures'

const tmp = useTempDir()

const WORDS = ['the', 'naïve', '日本語', '😀', '</s>']
const ROWS = [
  [0.1, -0.25, 3.5],
  [1e-7, 2.5e10, -2],
  [0.333333343, -1, 0],
  [123.456, 7, -8.75],
  [0.5, 0.5, 0.5],
]
const textLines = (separator = ' '): string[] => WORDS.map((w, i) => [w, ...ROWS[i]!.map(String)].join(separator))

/** Every format's fixture, written by hand, and the file name to write it under. */
const FIXTURES: Record<VectorFormat, { name: string; files: () => Record<string, string | Buffer> }> = {
  'word2vec-text': { name: 'vectors.txt', files: () => ({ 'vectors.txt': `5 3\n${textLines().join('\n')}\n` }) },
  'word2vec-binary': { name: 'vectors.bin', files: () => ({ 'vectors.bin': word2vecBinary(WORDS, ROWS) }) },
  'glove': { name: 'glove.6B.3d.txt', files: () => ({ 'glove.6B.3d.txt': `${textLines().join('\n')}\n` }) },
  'projector': {
    name: 'vectors.tsv',
    files: () => ({
      'vectors.tsv': `${ROWS.map((r) => r.join('\t')).join('\n')}\n`,
      'metadata.tsv': `word\tcount\n${WORDS.map((w, i) => `${w}\t${100 - i}`).join('\n')}\n`,
    }),
  },
  'npy': { name: 'emb.npy', files: () => ({ 'emb.npy': npyFile(ROWS), 'emb.vocab.txt': `${WORDS.join('\n')}\n` }) },
  'json': {
    name: 'emb.json',
    files: () => ({ 'emb.json': JSON.stringify({ dim: 3, words: WORDS, counts: [5, 4, 3, 2, 1], vectors: ROWS }, null, 2) }),
  },
}

async function writeFixture(format: VectorFormat): Promise<string> {
  const fixture = FIXTURES[format]
  for (const [name, content] of Object.entries(fixture.files())) await tmp.file(name, content)
  return tmp.path(fixture.name)
}

describe.each(Object.keys(FIXTURES) as VectorFormat[])('the %s format', (format) => {
  it('loads the words and float32 values, detecting the format', async () => {
    const { embeddings, format: detected, warnings } = await readEmbeddings(await writeFixture(format))
    expect(detected).toBe(format)
    expectVectors(embeddings, WORDS, ROWS)
    expect(warnings).toEqual([])
  })

  it.each([1, 2, 3, 5, 7, 64])('reads the same in chunks of %i bytes', async (chunkBytes) => {
    const { embeddings } = await readEmbeddings(await writeFixture(format), { format, chunkBytes })
    expectVectors(embeddings, WORDS, ROWS)
  })

  it('reads only the first vectors with a limit', async () => {
    const { embeddings } = await readEmbeddings(await writeFixture(format), { limit: 2 })
    expectVectors(embeddings, WORDS.slice(0, 2), ROWS.slice(0, 2))
    if (embeddings.counts !== null) expect(embeddings.counts).toHaveLength(2)
  })

  it('reports progress per chunk up to the total size', async () => {
    const path = await writeFixture(format)
    const calls: [number, number][] = []
    await readEmbeddings(path, { chunkBytes: 16, onProgress: (read, total) => calls.push([read, total]) })
    const total = Object.values(FIXTURES[format].files()).reduce((sum, c) => sum + Buffer.byteLength(c), 0)
    expect(calls.length).toBeGreaterThan(3)
    expect(calls.at(-1)).toEqual([total, total])
    calls.forEach(([read], i) => expect(read).toBeGreaterThanOrEqual(calls[i - 1]?.[0] ?? 0))
  })

  it('stops with a cancelled error when the signal fires', async () => {
    const path = await writeFixture(format)
    const controller = new AbortController()
    const error = await failureOf(readEmbeddings(path, { chunkBytes: 8, signal: controller.signal, onProgress: () => controller.abort() }))
    expect(error.kind).toBe('cancelled')
    expect(error.message).toContain(FIXTURES[format].name)
  })
})

describe('counts', () => {
  it('come from the Projector metadata and JSON, and are null elsewhere', async () => {
    const counts: Partial<Record<VectorFormat, number[] | null>> = {}
    for (const format of Object.keys(FIXTURES) as VectorFormat[]) {
      const { embeddings } = await readEmbeddings(await writeFixture(format))
      counts[format] = embeddings.counts === null ? null : Array.from(embeddings.counts)
    }
    expect(counts).toEqual({
      'word2vec-text': null, 'word2vec-binary': null, 'glove': null, 'npy': null,
      'projector': [100, 99, 98, 97, 96], 'json': [5, 4, 3, 2, 1],
    })
  })

  it('are null for one-column Projector metadata (no header line) and JSON null counts', async () => {
    await tmp.file('vectors.tsv', '1\t2\n3\t4\n')
    await tmp.file('metadata.tsv', 'word\ncount\n')
    const projector = await readEmbeddings(tmp.path('vectors.tsv'))
    expect(projector.embeddings.words).toEqual(['word', 'count'])
    expect(projector.embeddings.counts).toBeNull()
    const json = await readEmbeddings(await tmp.file('v.json', '{"vectors": [[1, 2]], "counts": null, "words": ["a"]}'))
    expectVectors(json.embeddings, ['a'], [[1, 2]])
    expect(json.embeddings.counts).toBeNull()
  })
})

describe('format detection', () => {
  const header = Buffer.from('2 3\n')
  it('takes a first line of two whole numbers as a word2vec header, binary when what follows is not text', () => {
    expect(sniffVectorFormat(Buffer.from('2 3\nthe 1 2 3\nof 4 5 6\n'))).toBe('word2vec-text')
    expect(sniffVectorFormat(word2vecBinary(['a', 'b'], [[0.1, 0.2, 0.3], [1, 2, 3]]))).toBe('word2vec-binary')
    expect(sniffVectorFormat(Buffer.concat([header, Buffer.from('a '), Buffer.from([0xd7, 0x23, 0x3c, 0x41])]))).toBe('word2vec-binary')
    expect(sniffVectorFormat(Buffer.from('\ufeff2 3\r\nthe 1 2 3\r\n'))).toBe('word2vec-text')
  })

  it('takes anything else as GloVe, and recognises NumPy and JSON by their first bytes', () => {
    expect(sniffVectorFormat(Buffer.from('the 1 2 3\n'))).toBe('glove')
    expect(sniffVectorFormat(Buffer.from('2 3 4\nthe 1 2 3\n'))).toBe('glove')
    expect(sniffVectorFormat(Buffer.from('12 0.5\n7 0.25\n'))).toBe('glove')
    expect(sniffVectorFormat(npyFile([[1]]))).toBe('npy')
    expect(sniffVectorFormat(Buffer.from('\n  {"words": []}'))).toBe('json')
  })

  it('looks at the content of .txt, .vec and unnamed files, and trusts .bin, .tsv, .npy and .json', async () => {
    const glove = await readEmbeddings(await tmp.file('glove.vec', 'a 1 2\nb 3 4\n'))
    expect(glove.format).toBe('glove')
    const text = await readEmbeddings(await tmp.file('vectors', '2 2\na 1 2\nb 3 4\n'))
    expect(text.format).toBe('word2vec-text')
    const binary = await readEmbeddings(await tmp.file('model.txt', word2vecBinary(['a'], [[0.5, 0.25]])))
    expect(binary.format).toBe('word2vec-binary')
    expectVectors(binary.embeddings, ['a'], [[0.5, 0.25]])
    const error = await failureOf(readEmbeddings(await tmp.file('text.bin', 'a 1 2\n')))
    expect(error.kind).toBe('badHeader')
  })

  it('obeys an explicit format over the extension', async () => {
    const path = await tmp.file('words.json', '3 1\na 1\nb 2\nc 3\n')
    const { format, embeddings } = await readEmbeddings(path, { format: 'word2vec-text' })
    expect(format).toBe('word2vec-text')
    expect(embeddings.words).toEqual(['a', 'b', 'c'])
  })
})

describe('text files from other tools', () => {
  it('reads fastText .vec files (a trailing space on each line) and CRLF line ends', async () => {
    const vec = await readEmbeddings(await tmp.file('wiki.vec', '2 3 \nthe 0.1 0.2 0.3 \n, -1 -2 -3 \n'))
    expectVectors(vec.embeddings, ['the', ','], [[0.1, 0.2, 0.3], [-1, -2, -3]])
    const crlf = await readEmbeddings(await tmp.file('w.txt', '\ufeff2 2\r\nthe 1 2\r\nof 3 4'))
    expectVectors(crlf.embeddings, ['the', 'of'], [[1, 2], [3, 4]])
  })

  it.each([3, 1 << 20])('keeps GloVe words with spaces whole, taking the last fields as the vector, and says so (chunks of %i bytes)', async (chunkBytes) => {
    const path = await tmp.file('glove.840B.txt', ', 1 2\n. . . 3 4\nat name@domain.com 5 6\n')
    const { embeddings, warnings } = await readEmbeddings(path, { chunkBytes })
    expectVectors(embeddings, [',', '. . .', 'at name@domain.com'], [[1, 2], [3, 4], [5, 6]])
    expect(warnings).toEqual([expect.stringMatching(/^2 words contain spaces.*line 2: “\. \. \.”/)])
  })

  it('skips blank lines and accepts numbers in every decimal form', async () => {
    const path = await tmp.file('g.txt', 'a 1e3 -2.5E-2 +4\n\n   \nb .5 5. -0\n\n')
    const { embeddings } = await readEmbeddings(path)
    expectVectors(embeddings, ['a', 'b'], [[1000, -0.025, 4], [0.5, 5, -0]])
    expect(Object.is(embeddings.vectors[5], -0)).toBe(true)
  })

  it('loads a header of 0 vectors as an empty set of the stated dimension', async () => {
    const { embeddings } = await readEmbeddings(await tmp.file('none.txt', '0 50\n'))
    expect(embeddings).toEqual({ words: [], vectors: new Float32Array(0), dim: 50, counts: null })
  })
})

describe('binary files from other tools', () => {
  it('reads rows written without the newline after each vector', async () => {
    const path = await tmp.file('v.bin', word2vecBinary(WORDS, ROWS, { newline: false }))
    expectVectors((await readEmbeddings(path)).embeddings, WORDS, ROWS)
  })

  it('reads float64 and big-endian NumPy arrays, rounding to float32, and version 2 headers', async () => {
    const rows = [[0.1, 1 / 3], [-2.5, 1e-40]]
    for (const [descr, version] of [['<f8', 1], ['>f4', 1], ['>f8', 2], ['<f4', 2]] as const) {
      await tmp.file('a.npy', npyFile(rows, { descr, version }))
      await tmp.file('a.vocab.txt', 'x\ny\n')
      expectVectors((await readEmbeddings(tmp.path('a.npy'))).embeddings, ['x', 'y'], rows)
    }
  })

  it('finds a NumPy vocabulary named vocab.txt beside the array', async () => {
    await tmp.file('vectors.npy', npyFile([[1, 2]]))
    await tmp.file('vocab.txt', 'hello\n')
    expectVectors((await readEmbeddings(tmp.path('vectors.npy'))).embeddings, ['hello'], [[1, 2]])
  })

  it.each([1, 2, 5, 1 << 20])('reads JSON in any key order, with escapes, unknown keys and without "dim" (chunks of %i bytes)', async (chunkBytes) => {
    const json = '{"vectors": [[1, 2.5], [-3e2, 4]], "meta": {"a": [1, {"b": "c\\""}]}, "words": ["tab\\there", "\\u00e9\\ud83d\\ude00"]}'
    const { embeddings } = await readEmbeddings(await tmp.file('v.json', json), { chunkBytes })
    expectVectors(embeddings, ['tab\there', 'é😀'], [[1, 2.5], [-300, 4]])
  })
})

describe('limit', () => {
  it('stops reading early, counting duplicates as read, as gensim does', async () => {
    const path = await tmp.file('v.txt', '4 1\na 1\na 2\nb 3\nc 4\n')
    const { embeddings, warnings } = await readEmbeddings(path, { limit: 3 })
    expectVectors(embeddings, ['a', 'b'], [[1], [3]])
    expect(warnings).toHaveLength(1)
  })

  it('does not check the rest of the file (a limit below a lying header loads)', async () => {
    const path = await tmp.file('v.txt', '9 1\na 1\nb 2\nc 3\n')
    expectVectors((await readEmbeddings(path, { limit: 2 })).embeddings, ['a', 'b'], [[1], [2]])
  })

  it('above the number of vectors reads them all', async () => {
    const path = await tmp.file('v.bin', word2vecBinary(WORDS, ROWS))
    expectVectors((await readEmbeddings(path, { limit: 1000 })).embeddings, WORDS, ROWS)
  })

  it.each([0, -1, 1.5, NaN])('%s is refused', async (limit) => {
    await expect(readEmbeddings(tmp.path('x.txt'), { limit })).rejects.toThrow(RangeError)
  })
})

describe('duplicate words', () => {
  it.each([
    ['word2vec-text', 'v.txt', '5 1\nthe 1\nof 2\nthe 3\nof 4\nthe 5\n', 'line 4'],
    ['glove', 'g.txt', 'the 1\nof 2\nthe 3\nof 4\nthe 5\n', 'line 3'],
    ['word2vec-binary', 'v.bin', word2vecBinary(['the', 'of', 'the', 'of', 'the'], [[1], [2], [3], [4], [5]]), 'vector 3'],
  ] as const)('in %s keep the first vector and warn with the count and the first place', async (_, name, content, place) => {
    const { embeddings, warnings } = await readEmbeddings(await tmp.file(name, content))
    expectVectors(embeddings, ['the', 'of'], [[1], [2]])
    expect(warnings).toEqual([`3 duplicate words were skipped (first at ${place}: “the”); the first vector of each word is kept.`])
  })

  it('in JSON and the Projector keep the counts of the rows kept', async () => {
    const json = await readEmbeddings(await tmp.file('v.json', '{"words": ["a", "b", "a"], "counts": [3, 2, 1], "vectors": [[1], [2], [3]]}'))
    expectVectors(json.embeddings, ['a', 'b'], [[1], [2]])
    expect(Array.from(json.embeddings.counts!)).toEqual([3, 2])
    expect(json.warnings).toEqual(['1 duplicate word was skipped (first at word 3: “a”); the first vector of each word is kept.'])
    await tmp.file('vectors.tsv', '1\n2\n3\n')
    await tmp.file('metadata.tsv', 'Word\tFrequency\nb\t7\nb\t6\nc\t5\n')
    const projector = await readEmbeddings(tmp.path('vectors.tsv'))
    expectVectors(projector.embeddings, ['b', 'c'], [[1], [3]])
    expect(Array.from(projector.embeddings.counts!)).toEqual([7, 5])
    expect(projector.warnings[0]).toContain('first at metadata line 3: “b”')
  })
})

describe('encoding errors', () => {
  const invalid = Buffer.concat([Buffer.from('2 2\nok 1 2\ncaf'), Buffer.from([0xe9]), Buffer.from(' 3 4\n')])
  const options = (encodingErrors: ReadEmbeddingsOptions['encodingErrors']): ReadEmbeddingsOptions => ({ encodingErrors })

  it('replace invalid UTF-8 with U+FFFD by default and warn with the count', async () => {
    const content = Buffer.concat([Buffer.from('3 2\nok 1 2\ncaf'), Buffer.from([0xe9]), Buffer.from(' 3 4\n'), Buffer.from([0xff]), Buffer.from(' 5 6\n')])
    const { embeddings, warnings } = await readEmbeddings(await tmp.file('latin1.txt', content))
    expectVectors(embeddings, ['ok', 'caf\ufffd', '\ufffd'], [[1, 2], [3, 4], [5, 6]])
    expect(warnings).toEqual(['2 words were not valid UTF-8; the invalid bytes were replaced with U+FFFD (first at line 3: “caf\ufffd”).'])
  })

  it('keep a literal U+FFFD without counting it', async () => {
    const { embeddings, warnings } = await readEmbeddings(await tmp.file('v.txt', '1 1\n\ufffd 1\n'), options('strict'))
    expect(embeddings.words).toEqual(['\ufffd'])
    expect(warnings).toEqual([])
  })

  it('with strict stop at the first invalid word, naming its line', async () => {
    const error = await failureOf(readEmbeddings(await tmp.file('v.txt', invalid), options('strict')))
    expect(error.kind).toBe('invalidEncoding')
    expect(error.line).toBe(3)
    expect(error.message).toMatch(/line 3 of “v\.txt” is not valid UTF-8 \(bytes 63 61 66 e9\)/)
  })

  it('with strict name the vector of a binary file and the line of a vocabulary', async () => {
    const binary = Buffer.concat([Buffer.from('1 1\n'), Buffer.from([0x61, 0xc3, 0x20]), Buffer.alloc(4), Buffer.from('\n')])
    const error = await failureOf(readEmbeddings(await tmp.file('v.bin', binary), options('strict')))
    expect([error.kind, error.row, error.message.includes('vector 1 of “v.bin”')]).toEqual(['invalidEncoding', 1, true])
    await tmp.file('a.npy', npyFile([[1], [2]]))
    await tmp.file('a.vocab.txt', Buffer.concat([Buffer.from('fine\nbad'), Buffer.from([0x80]), Buffer.from('\n')]))
    const vocab = await failureOf(readEmbeddings(tmp.path('a.npy'), options('strict')))
    expect([vocab.kind, vocab.line, vocab.message.includes('vocabulary line 2 of “a.vocab.txt”')]).toEqual(['invalidEncoding', 2, true])
  })

  it('apply to JSON words too', async () => {
    const json = Buffer.concat([Buffer.from('{"words": ["a', 'latin1'), Buffer.from([0xff]), Buffer.from('"], "vectors": [[1]]}')])
    const path = await tmp.file('v.json', json)
    const replaced = await readEmbeddings(path)
    expect(replaced.embeddings.words).toEqual(['a\ufffd'])
    expect(replaced.warnings).toHaveLength(1)
    expect((await failureOf(readEmbeddings(path, options('strict')))).kind).toBe('invalidEncoding')
  })
})
