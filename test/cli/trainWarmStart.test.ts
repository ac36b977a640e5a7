import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { runCli } from '../../src-main/cli/runCli'
import { loadTrainingCheckpoint } from '../../src-main/node/training/trainingCheckpoint'
import { readEmbeddings } from '../../src-main/node/vectors/readEmbeddings'
import { plantedSynonymsText } from '../support/syntheticCorpus'

const dir = mkdtempSync(join(tmpdir(), 'w2v-warm-cli-'))
const first = join(dir, 'first.txt')
const second = join(dir, 'second.txt')
writeFileSync(first, 'the cat sat on the mat\nthe dog sat on the log\n'.repeat(40))
writeFileSync(second, 'the zebra sat on the grass\nthe cat ran on the grass\n'.repeat(40) + 'a rare word\n')
const quick = ['--dim', '8', '--epochs', '1', '--threads', '1', '--min-count', '3']
const firstCkpt = join(dir, 'first.w2vckpt')
const firstVectors = join(dir, 'first.txt.vec')

async function trainFirst(): Promise<void> {
  const result = await runCli(['train', '--corpus', first, ...quick, '--out', firstVectors, '--checkpoint', firstCkpt])
  expect(result.exitCode, result.stderr).toBe(0)
}

describe('w2v train --continue', () => {
  it('grows the vocabulary, says what was kept and what is new, and saves a checkpoint of the grown run', async () => {
    await trainFirst()
    const grown = join(dir, 'grown.w2vckpt')
    const result = await runCli(['train', '--continue', firstCkpt, '--corpus', second, '--epochs', '2', '--out', join(dir, 'grown.bin'), '--checkpoint', grown, '--json'])
    expect(result.exitCode, result.stderr).toBe(0)
    const lines = result.stdout.trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>)
    // first: the cat sat on mat dog log (7 words); second adds zebra, grass, ran (a, rare, word fall under minCount 3).
    expect(lines).toContainEqual({ type: 'notice', message: 'Continuing the saved run: kept 7 words, added 3 new words (4 of them occur at least 3 times in the new corpus; counts merged; 3 new words under minCount 3 left out).' })
    expect(lines.at(-1)).toMatchObject({ type: 'summary', vocab: 10, keptWords: 7, addedWords: 3 })
    const saved = await loadTrainingCheckpoint(grown)
    expect(saved.vocabulary.words.slice(7)).toEqual(['zebra', 'grass', 'ran'])
    expect(saved.settings.schedule === 'word2vec' && saved.settings.config.epochs).toBe(2)
    expect(saved.corpus.paths).toEqual([second])
  })

  it('refuses what a continuation cannot change, and --resume beside it', async () => {
    await trainFirst()
    const out = ['--corpus', second, '--out', join(dir, 'x.txt')]
    const dim = await runCli(['train', '--continue', firstCkpt, ...out, '--dim', '16'])
    expect(dim.exitCode).toBe(2)
    expect(dim.stderr).toContain('--dim cannot be used with --continue: a continued run keeps the model and corpus settings it was saved with (only --threads, --epochs, --alpha, --min-alpha may change).')
    const both = await runCli(['train', '--continue', firstCkpt, '--resume', firstCkpt, ...out])
    expect(both.exitCode).toBe(2)
    expect(both.stderr).toContain('--continue and --resume cannot be used together')
  })

  it('refuses to continue a run of the course schedule, in a sentence', async () => {
    const course = join(dir, 'course.w2vckpt')
    const courseCorpus = join(dir, 'planted.txt')
    writeFileSync(courseCorpus, plantedSynonymsText(300))
    const made = await runCli(['train', '--corpus', courseCorpus, '--schedule', 'cs224n', '--dim', '4', '--iterations', '20', '--out', join(dir, 'course.txt'), '--checkpoint', course])
    expect(made.exitCode, made.stderr).toBe(0)
    const result = await runCli(['train', '--continue', course, '--corpus', second, '--out', join(dir, 'y.txt')])
    expect(result.exitCode).toBe(2)
    expect(result.stderr).toContain('Only a run of the word2vec schedule can be continued on another corpus')
  })
})

describe('w2v train --init-vectors', () => {
  it('starts shared words from a fastText .vec, and says how many; --lock-init keeps them as they were', async () => {
    await trainFirst()
    const out = join(dir, 'locked.txt')
    const result = await runCli(['train', '--corpus', second, ...quick, '--init-vectors', firstVectors, '--lock-init', '--out', out])
    expect(result.exitCode, result.stderr).toBe(0)
    // Shared: the, cat, sat, on; zebra, grass, ran start random.
    expect(result.stderr).toContain('4 pretrained vectors used from “first.txt.vec” (locked), 3 corpus words start random.')
    const before = (await readEmbeddings(firstVectors)).embeddings
    const after = (await readEmbeddings(out)).embeddings
    for (const word of ['the', 'cat', 'sat', 'on']) {
      const [i, j] = [before.words.indexOf(word), after.words.indexOf(word)]
      // Both are text files of the same float32 values, so the locked rows read back identical.
      expect(Array.from(after.vectors.subarray(j * 8, (j + 1) * 8))).toEqual(Array.from(before.vectors.subarray(i * 8, (i + 1) * 8)))
    }
  })

  it('reads GloVe text (no header) when --init-format names it', async () => {
    const glove = join(dir, 'glove')
    writeFileSync(glove, ['cat', 'grass', 'unrelated'].map((w, i) => `${w} ${Array.from({ length: 8 }, (_, k) => (i + k / 10).toFixed(2)).join(' ')}`).join('\n') + '\n')
    const result = await runCli(['train', '--corpus', second, ...quick, '--init-vectors', glove, '--init-format', 'glove', '--out', join(dir, 'g.txt'), '--json'])
    expect(result.exitCode, result.stderr).toBe(0)
    const summary = JSON.parse(result.stdout.trim().split('\n').at(-1)!) as Record<string, unknown>
    expect(summary).toMatchObject({ pretrainedWords: 2, randomWords: 5 })
  })

  it('refuses vectors of another dimension, --lock-init alone, and the course schedule, each in a sentence', async () => {
    await trainFirst()
    const wide = await runCli(['train', '--corpus', second, '--dim', '16', '--threads', '1', '--min-count', '3', '--init-vectors', firstVectors, '--out', join(dir, 'w.txt')])
    expect(wide.exitCode).toBe(2)
    expect(wide.stderr).toContain('The pretrained vectors in “first.txt.vec” have 8 dimensions but this run trains 16; set the dimension to 8 or use vectors of dimension 16.')
    const lockAlone = await runCli(['train', '--corpus', second, '--lock-init', '--out', join(dir, 'l.txt')])
    expect(lockAlone.exitCode).toBe(2)
    expect(lockAlone.stderr).toContain('--lock-init applies to --init-vectors <file>, which is missing.')
    const course = await runCli(['train', '--corpus', second, '--schedule', 'cs224n', '--init-vectors', firstVectors, '--out', join(dir, 'c.txt')])
    expect(course.exitCode).toBe(2)
    expect(course.stderr).toContain('--init-vectors needs the word2vec schedule')
  })
})
