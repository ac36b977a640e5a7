import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { DEFAULT_PHRASE_OPTIONS } from '../../src-main/core/corpus/phraseOptions'
import { readCorpusFile } from '../../src-main/node/corpusFile'
import { writeCorpusText } from '../../src-main/node/corpusTextFile'
import { FileTokenSink, releaseTokenStore } from '../../src-main/node/tokenFile'

const dir = mkdtempSync(join(tmpdir(), 'w2v-phrases-node-'))
const tokens = join(dir, 'tokens')
afterAll(() => rmSync(dir, { recursive: true, force: true }))

/** 400 sentences: "new york" in every fourth, "hot dog" in every fifth, the rest varied. */
const text = Array.from({ length: 400 }, (_, i) => `w${i % 37} ${i % 4 === 0 ? 'new york' : `x${i % 11}`} v${i % 13} ${i % 5 === 0 ? 'hot dog' : `y${i % 7}`} end`).join('\n')
const corpusPath = join(dir, 'corpus.txt')
writeFileSync(corpusPath, text)
const phrases = { ...DEFAULT_PHRASE_OPTIONS, minCount: 3, threshold: 5, passes: 2 }

describe('reading a corpus with phrases', () => {
  it('joins them, reports progress over both passes, and leaves only the final token file behind', async () => {
    const fractions: number[] = []
    let announced = 0
    const { raw, phrases: summary } = await readCorpusFile(corpusPath, {
      tokenizer: { phrases }, createSink: () => new FileTokenSink(tokens),
      beforePhrases: () => Promise.resolve(void announced++), onPhrasesProgress: (f) => fractions.push(f),
    })
    expect(announced).toBe(1)
    expect(fractions.at(-1)).toBe(1)
    expect(fractions).toEqual([...fractions].sort((a, b) => a - b))
    // Four sweeps (count and join, twice): progress passes each quarter.
    expect(fractions.filter((f) => f === 0.25 || f === 0.5 || f === 0.75)).toHaveLength(3)
    expect(summary!.top.map((p) => [p.phrase, p.count, p.pass])).toEqual([['new_york', 100, 1], ['hot_dog', 80, 1]])
    expect(summary!.tokensBefore).toBe(400 * 5 + 100 + 80)
    expect(raw.tokenCount).toBe(summary!.tokensBefore - summary!.joins)
    expect(raw.types).toContain('new_york')
    expect(readdirSync(tokens)).toHaveLength(1)

    const out = join(dir, 'joined.txt')
    await writeCorpusText(raw, out)
    const lines = readFileSync(out, 'utf8').split('\n')
    expect(lines).toHaveLength(401)
    expect(lines.join(' ').split(' ').filter((t) => t.length > 0)).toHaveLength(raw.tokenCount)
    expect(lines[0]).toBe('w0 new_york v0 hot_dog end')
    releaseTokenStore(raw.store)
    expect(readdirSync(tokens)).toHaveLength(0)
  })

  it('stops with a cancelled CorpusError when the signal fires while joining, deleting every token file', async () => {
    const controller = new AbortController()
    const reading = readCorpusFile(corpusPath, {
      tokenizer: { phrases }, createSink: () => new FileTokenSink(tokens), signal: controller.signal,
      onPhrasesProgress: (f) => f >= 0.5 && controller.abort(),
    })
    await expect(reading).rejects.toMatchObject({ name: 'CorpusError', kind: 'cancelled' })
    expect(readdirSync(tokens)).toHaveLength(0)
  })
})
