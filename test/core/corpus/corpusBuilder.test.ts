import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { CorpusBuilder, CorpusError, MemoryTokenSink, type RawCorpus, SENTENCE_END, rawCorpusFromText } from '../../../src-main/core/corpus/index'
import { plainRaw as plain, rawTokens } from '../../support/rawTokens'

/** The corpus as nested word lists: easy to read in an assertion. */
function sentences(raw: RawCorpus): string[][] {
  const out: string[][] = []
  const { tokens, sentenceEnds } = rawTokens(raw)
  let start = 0
  for (const end of sentenceEnds) {
    out.push(Array.from(tokens.subarray(start, end), (id) => raw.types[id]!))
    start = end
  }
  return out
}

function build(chunks: readonly string[], options = {}, source?: string): RawCorpus {
  const builder = new CorpusBuilder(options, source)
  for (const chunk of chunks) builder.addText(chunk)
  return builder.finish()
}


describe('CorpusBuilder', () => {
  it('makes one sentence a line, interns types in order of first occurrence and counts them', () => {
    const raw = rawCorpusFromText('The cat sat.\nThe dog sat on the cat\n')
    expect(raw.types).toEqual(['the', 'cat', 'sat', 'dog', 'on'])
    expect(Array.from(raw.typeCounts)).toEqual([3, 2, 2, 1, 1])
    const { tokens, sentenceEnds } = rawTokens(raw)
    expect(Array.from(tokens)).toEqual([0, 1, 2, 0, 3, 2, 4, 0, 1])
    expect(Array.from(sentenceEnds)).toEqual([3, 9])
    expect([raw.tokenCount, raw.sentenceCount]).toEqual([9, 2])
  })

  it('handles \\n, \\r\\n and \\r line ends, and makes no sentence of empty or punctuation-only lines', () => {
    const raw = rawCorpusFromText('a b\r\n\r\nc\rd\n\n...\n  \ne')
    expect(sentences(raw)).toEqual([['a', 'b'], ['c'], ['d'], ['e']])
  })

  it('gives the same corpus however the text is cut into chunks, \\r\\n split included', () => {
    const text = 'One fish,\r\ntwo fish.\r\rred fish\n\nblue fish — done\r\n'
    const whole = plain(rawCorpusFromText(text))
    for (let cut = 0; cut <= text.length; cut++) expect(plain(build([text.slice(0, cut), text.slice(cut)]))).toEqual(whole)
    expect(plain(build([...text]))).toEqual(whole)
  })

  it('gives the same corpus for random texts and random chunkings', () => {
    const piece = fc.constantFrom('a', 'bb', 'é', ' ', '\n', '\r', '\r\n', ',', 'x-y', '😀', '9')
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 40 }), fc.array(fc.nat(), { maxLength: 6 }), (pieces, rawCuts) => {
        const text = pieces.join('')
        const cuts = [...new Set(rawCuts.map((c) => c % (text.length + 1)))].sort((a, b) => a - b)
        const chunks = [...cuts, text.length].map((cut, i, all) => text.slice(i === 0 ? 0 : all[i - 1], cut))
        expect(plain(build(chunks))).toEqual(plain(rawCorpusFromText(text)))
      }),
      { numRuns: 300 },
    )
  })

  it('reads a line longer than any chunk, without newlines, as one sentence', () => {
    const words = Array.from({ length: 30_000 }, (_, i) => `w${i % 1000}`)
    const text = words.join(' ')
    const chunks = Array.from({ length: Math.ceil(text.length / 997) }, (_, i) => text.slice(i * 997, (i + 1) * 997))
    const raw = build([...chunks, '\nlast line'])
    expect(raw.sentenceCount).toBe(2)
    expect(rawTokens(raw).sentenceEnds[0]).toBe(30_000)
    expect(sentences(raw)[0]).toEqual(words)
    expect(raw.types.length).toBe(1002) // w0…w999, last, line
  })

  it('counts tokens as it goes and cannot be used after finish()', () => {
    const builder = new CorpusBuilder()
    builder.addText('a b c\nd')
    expect(builder.tokenCount).toBe(3)
    const raw = builder.finish()
    expect(raw.tokenCount).toBe(4)
    expect(builder.finish()).toBe(raw)
    expect(() => builder.addText('more')).toThrow(/after finish/)
  })

  it('starts each source on a new line', () => {
    const builder = new CorpusBuilder()
    builder.beginSource('a.txt')
    builder.addText('end of a')
    builder.beginSource('b.txt')
    builder.addText('\nstart of b')
    expect(sentences(builder.finish())).toEqual([['end', 'of', 'a'], ['start', 'of', 'b']])
  })

  it('returns an empty corpus for text without words', () => {
    const raw = rawCorpusFromText('\n\n ... \n')
    expect(raw.types).toEqual([])
    expect(raw.tokenCount).toBe(0)
    expect(raw.sentenceCount).toBe(0)
    expect(raw.store.kind === 'memory' && raw.store.values.length).toBe(0)
  })

  it('writes the stream to its sink in batches: type ids with SENTENCE_END after each non-empty line', () => {
    const batches: number[] = []
    const sink = new MemoryTokenSink()
    const write = sink.write.bind(sink)
    sink.write = (values) => {
      batches.push(values.length)
      write(values)
    }
    const builder = new CorpusBuilder({}, undefined, sink)
    const line = Array.from({ length: 1000 }, (_, i) => `w${i % 7}`).join(' ')
    for (let i = 0; i < 100; i++) builder.addText(`${line}

`)
    const raw = builder.finish()
    expect(batches.length).toBeGreaterThan(1) // 100,100 values in batches of 65,536
    const values = raw.store.kind === 'memory' ? raw.store.values : new Int32Array(0)
    expect(values.length).toBe(100 * 1001)
    expect(values[1000]).toBe(SENTENCE_END)
    expect(values.filter((v) => v === SENTENCE_END).length).toBe(100)
    expect(values.buffer).toBeInstanceOf(SharedArrayBuffer)
  })
})

describe('CorpusBuilder, CS224n format', () => {
  const cs224n = { format: 'cs224n' as const }
  const file = 'sentence_index\tsentence\n1\tThe Rock is destined to be great .\r\n2\tIt is great\n\n3\tthe end\n'

  it('skips the header and the index of each line', () => {
    expect(sentences(rawCorpusFromText(file, cs224n))).toEqual([
      ['the', 'rock', 'is', 'destined', 'to', 'be', 'great'], ['it', 'is', 'great'], ['the', 'end'],
    ])
    expect(plain(build([...file], cs224n))).toEqual(plain(rawCorpusFromText(file, cs224n)))
  })

  it('reports a line without a tab by its number, naming the file', () => {
    const bad = 'sentence_index\tsentence\n1\tfine\r\n2\tfine\r\nno tab here\n'
    const run = () => rawCorpusFromText(bad, cs224n, 'datasetSentences.txt')
    expect(run).toThrow(CorpusError)
    expect(run).toThrow('Line 4 of “datasetSentences.txt” has no tab.')
    expect(() => build([...bad], cs224n)).toThrow(/Line 4 of the corpus/)
  })

  it('restarts line numbers and the header for each source', () => {
    const builder = new CorpusBuilder(cs224n)
    builder.beginSource('a.txt')
    builder.addText('header\n1\tfirst\n')
    builder.beginSource('b.txt')
    builder.addText('header\n1\tsecond\nbroken')
    expect(() => builder.finish()).toThrow('Line 3 of “b.txt” has no tab')
  })
})
