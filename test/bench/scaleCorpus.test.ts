import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { ensureScaleCorpus } from '../../bench/corpusCache'
import { PLANTED, type ScaleCorpusSpec, ZIPF_EXPONENT, generateScaleCorpus, spell } from '../../bench/scaleCorpus'

/** The whole text and the chunks it came in. */
function generate(spec: ScaleCorpusSpec, chunkChars?: number): { text: string; chunks: string[]; result: ReturnType<typeof generateScaleCorpus> } {
  const chunks: string[] = []
  const result = generateScaleCorpus(spec, (chunk) => chunks.push(chunk), chunkChars)
  return { text: chunks.join(''), chunks, result }
}

const tokensOf = (text: string): string[] => text.split(/\s+/).filter((t) => t !== '')

describe('spell', () => {
  it('gives every number its own word of letters, short words to small numbers', () => {
    expect([0, 25, 26, 27, 701, 702].map(spell)).toEqual(['a', 'z', 'aa', 'ab', 'zz', 'aaa'])
    const words = Array.from({ length: 20_000 }, (_, n) => spell(n))
    expect(new Set(words).size).toBe(words.length)
    expect(words.every((w) => /^[a-z]+$/.test(w))).toBe(true)
  })
})

describe('generateScaleCorpus', () => {
  const zipf: ScaleCorpusSpec = { kind: 'zipf', tokens: 50_000, types: 2_000, seed: 3 }
  const planted: ScaleCorpusSpec = { kind: 'planted', tokens: 200_000, types: 5_000, seed: 3 }

  it('gives the same bytes for the same seed and different bytes for another seed', () => {
    for (const spec of [zipf, planted]) {
      const a = generate(spec)
      const b = generate(spec)
      expect(b.text).toBe(a.text)
      expect(b.result.questions).toBe(a.result.questions)
      expect(generate({ ...spec, seed: 4 }).text).not.toBe(a.text)
    }
  })

  it('writes exactly the requested tokens, sentences of 3 to 40 tokens one per line, words of letters', () => {
    for (const spec of [zipf, planted, { ...zipf, tokens: 7 }]) {
      const { text, result } = generate(spec)
      const lines = text.split('\n')
      expect(lines.pop()).toBe('')
      expect(tokensOf(text)).toHaveLength(spec.tokens)
      expect(result).toMatchObject({ tokens: spec.tokens, lines: lines.length, bytes: Buffer.byteLength(text) })
      expect(text).toMatch(/^([a-z]+( [a-z]+)*\n)+$/)
      // Only the very last line may be shorter than 3 tokens (it stops at the requested count).
      expect(lines.slice(0, -1).every((l) => { const n = l.split(' ').length; return n >= 3 && n <= 40 })).toBe(true)
    }
  })

  it('draws about as many distinct words as a Zipf law over the requested types predicts', () => {
    const spec = { ...zipf, tokens: 100_000 }
    const distinct = new Set(tokensOf(generate(spec).text))
    // Expected distinct types in N draws: Σ_r 1 − (1 − p_r)^N.
    const weights = Array.from({ length: spec.types }, (_, r) => 1 / (r + 1) ** ZIPF_EXPONENT)
    const total = weights.reduce((a, b) => a + b, 0)
    const expected = weights.reduce((sum, w) => sum + 1 - (1 - w / total) ** spec.tokens, 0)
    expect(distinct.size / expected).toBeGreaterThan(0.97)
    expect(distinct.size / expected).toBeLessThan(1.03)
    expect([...distinct].every((w) => w.length <= spell(spec.types - 1).length)).toBe(true)
    // The law's head: the most frequent word is rank 0, about 1/H of the tokens.
    const counts = new Map<string, number>()
    for (const t of tokensOf(generate(spec).text)) counts.set(t, (counts.get(t) ?? 0) + 1)
    expect(counts.get(spell(0))! / spec.tokens).toBeCloseTo(1 / total, 2)
  })

  it('streams: hands the text out in bounded chunks, however long the corpus', () => {
    const chunkChars = 4096
    const { chunks } = generate({ ...planted, tokens: 100_000 }, chunkChars)
    // A chunk is flushed once it reaches chunkChars, so it is at most one line (≤ 40 words) longer.
    const longestLine = 40 * (spell(planted.types + 1000).length + 1)
    expect(chunks.length).toBeGreaterThan(50)
    expect(Math.max(...chunks.map((c) => c.length))).toBeLessThanOrEqual(chunkChars + longestLine)
  })

  it('plants questions in questions-words format that name only words occurring often enough', () => {
    const { text, result } = generate({ ...planted, tokens: 2_000_000 })
    const counts = new Map<string, number>()
    for (const t of tokensOf(text)) counts.set(t, (counts.get(t) ?? 0) + 1)
    const lines = result.questions!.trimEnd().split('\n')
    expect(lines.filter((l) => l.startsWith(': '))).toHaveLength(PLANTED.relations)
    const questions = lines.filter((l) => !l.startsWith(': '))
    expect(questions).toHaveLength(result.questionCount)
    // 2M tokens are enough for every planted word: all pairs of every relation are asked.
    expect(result.questionCount).toBe(PLANTED.relations * PLANTED.pairsPerRelation * (PLANTED.pairsPerRelation - 1))
    for (const q of questions) {
      const words = q.split(' ')
      expect(words).toHaveLength(4)
      for (const w of words) expect(counts.get(w) ?? 0).toBeGreaterThanOrEqual(PLANTED.minOccurrences)
    }
  })

  it('leaves out the questions whose words a short corpus did not plant often enough', () => {
    const { text, result } = generate({ ...planted, tokens: 500_000 })
    const counts = new Map<string, number>()
    for (const t of tokensOf(text)) counts.set(t, (counts.get(t) ?? 0) + 1)
    const questions = result.questions!.split('\n').filter((l) => l !== '' && !l.startsWith(': '))
    expect(questions.length).toBeGreaterThan(0)
    expect(questions.length).toBeLessThan(PLANTED.relations * PLANTED.pairsPerRelation * (PLANTED.pairsPerRelation - 1))
    for (const q of questions) for (const w of q.split(' ')) expect(counts.get(w) ?? 0).toBeGreaterThanOrEqual(PLANTED.minOccurrences)
  })

  it('has no questions for a zipf corpus', () => {
    expect(generate(zipf).result).toMatchObject({ questions: null, questionCount: 0 })
  })
})

describe('ensureScaleCorpus', () => {
  const dir = mkdtempSync(join(tmpdir(), 'w2v-scale-'))
  afterAll(() => rmSync(dir, { recursive: true, force: true }))

  it('writes the corpus and its questions once, then reuses them', () => {
    const spec: ScaleCorpusSpec = { kind: 'planted', tokens: 20_000, types: 1_000, seed: 9 }
    const logged: string[] = []
    const first = ensureScaleCorpus(dir, spec, (l) => logged.push(l))
    const { text, result } = generate(spec)
    expect(readFileSync(first.file, 'utf8')).toBe(text)
    expect(readFileSync(first.questionsFile!, 'utf8')).toBe(result.questions)
    expect(first).toMatchObject({ tokens: spec.tokens, lines: result.lines, questionCount: result.questionCount })
    expect(logged).toHaveLength(1)
    expect(ensureScaleCorpus(dir, spec, (l) => logged.push(l))).toEqual(first)
    expect(logged).toHaveLength(1)
    expect(ensureScaleCorpus(dir, { ...spec, seed: 10 }, (l) => logged.push(l)).file).not.toBe(first.file)
  })
})
