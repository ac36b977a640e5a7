import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { generateMixedScriptText } from '../../../bench/mixedScriptCorpus'
import { type RawCorpus, type TokenizerOptions, rawCorpusFromText } from '../../../src-main/core/corpus/index'
import { PieceMerger } from '../../../src-main/core/corpus/pieceMerger'
import { PieceTokenizer } from '../../../src-main/core/corpus/pieceTokenizer'
import { MemoryTokenSink } from '../../../src-main/core/corpus/tokenStore'
import { rawTokens } from '../../support/rawTokens'

const plain = (raw: RawCorpus) => {
  const { tokens, sentenceEnds } = rawTokens(raw)
  return { types: [...raw.types], counts: [...raw.typeCounts], tokens: [...tokens], ends: [...sentenceEnds], tokenCount: raw.tokenCount, sentenceCount: raw.sentenceCount }
}

/** What the parallel reader does, on one thread: piece i to tokenizer i mod k, merged in order. */
function merged(pieces: readonly string[], tokenizers: number, options: Partial<TokenizerOptions> = {}): RawCorpus {
  const sink = new MemoryTokenSink()
  const merger = new PieceMerger(tokenizers, sink)
  const threads = Array.from({ length: tokenizers }, () => new PieceTokenizer(options))
  pieces.forEach((piece, i) => merger.add(i % tokenizers, threads[i % tokenizers]!.tokenize(piece)))
  merger.endLine()
  threads.forEach((thread, w) => merger.addCounts(w, thread.counts()))
  return { types: merger.types(), typeCounts: merger.typeCounts(), tokenCount: merger.tokenCount, sentenceCount: merger.sentenceCount, store: sink.finish() }
}

/** Cuts `text` at the given offsets (anywhere: inside a line, between \r and \n). */
function cut(text: string, at: readonly number[]): string[] {
  const cuts = [...new Set(at.map((c) => c % (text.length + 1)))].sort((a, b) => a - b)
  return [...cuts, text.length].map((c, i, all) => text.slice(i === 0 ? 0 : all[i - 1], c))
}

describe('PieceTokenizer + PieceMerger', () => {
  let mixed = ''
  generateMixedScriptText(30_000, { seed: 5, typesPerScript: 200 }, (piece) => (mixed += piece))

  it('make the one-thread corpus from pieces of whole lines, for 1 to 4 tokenizers', () => {
    const lines = mixed.split(/(?<=\n)/)
    const pieces = Array.from({ length: Math.ceil(lines.length / 7) }, (_, i) => lines.slice(7 * i, 7 * i + 7).join(''))
    for (const k of [1, 2, 3, 4]) expect(plain(merged(pieces, k))).toEqual(plain(rawCorpusFromText(mixed)))
    const options = { punctuation: 'keep', numbers: 'strip' } as const
    expect(plain(merged(pieces, 3, options))).toEqual(plain(rawCorpusFromText(mixed, options)))
  })

  it('drop the markers of lines left empty, even when a line or a \\r\\n is cut between pieces at whitespace', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom('a', 'b c', ' ', '\n', '\r', '\r\n', '!', 'é'), { maxLength: 40 }), fc.array(fc.nat(), { maxLength: 5 }), fc.integer({ min: 1, max: 3 }), (parts, at, k) => {
        // The reader cuts only at line ends and whitespace: cut there.
        const text = parts.join('')
        const allowed = [...text].flatMap((ch, i) => (ch === ' ' || ch === '\n' || ch === '\r' ? [i + 1] : []))
        const pieces = allowed.length === 0 ? [text] : cut(text, at.map((a) => allowed[a % allowed.length]!))
        expect(plain(merged(pieces, k))).toEqual(plain(rawCorpusFromText(text)))
      }),
      { numRuns: 500 },
    )
  })
})
