/**
 * Continued training against gensim 4 on the same two corpora with the same minCount: the grown
 * vocabulary (words, ids, merged counts), the rebuilt sub-sampling and noise tables, and what
 * training then does to the rows (new words train, words absent from the new corpus keep their
 * centre rows, locked pretrained rows stay exactly as loaded) — each checked on both sides.
 */
import { execFileSync } from 'node:child_process'
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { Random } from '../../src-main/core/random'
import { unigramWeights } from '../../src-main/core/corpus/sampling'
import { runCli } from '../../src-main/cli/runCli'
import { type TrainingCheckpoint, loadTrainingCheckpoint } from '../../src-main/node/training/trainingCheckpoint'
import { PYTHON, pythonCanImport } from '../support/python'

const gensimAvailable = pythonCanImport('gensim', 'the gensim parity test of continued training')
const MIN_COUNT = 3
const DIM = 8
const SAMPLE = 0.001

/** A corpus holding each word exactly its count times, shuffled into sentences of 6 (distinct counts make the sorted order unique). */
function corpusText(counts: Record<string, number>, seed: number): string {
  const random = new Random(seed)
  const bag = Object.entries(counts).flatMap(([word, n]) => Array<string>(n).fill(word))
  for (let i = bag.length - 1; i > 0; i--) {
    const j = random.nextInt(i + 1)
    ;[bag[i], bag[j]] = [bag[j]!, bag[i]!]
  }
  const lines: string[] = []
  for (let i = 0; i < bag.length; i += 6) lines.push(bag.slice(i, i + 6).join(' '))
  return lines.join('\n') + '\n'
}

const dir = mkdtempSync(join(tmpdir(), 'w2v-continue-'))
const first = join(dir, 'first.txt')
const second = join(dir, 'second.txt')
// The first corpus: 12 words of distinct counts, two of them under minCount.
const firstCounts = Object.fromEntries(['alpha', 'bravo', 'charlie', 'delta', 'echo', 'foxtrot', 'golf', 'hotel', 'india', 'juliet', 'kilo', 'lima'].map((w, i) => [w, i < 10 ? 400 - 31 * i : 2]))
// The second: some saved words (one under minCount here), saved words absent (golf, hotel, india), new words at and under minCount,
// and a word under minCount in the first corpus that reaches it here (kilo).
// Counts large enough that sub-sampling (T·sample ≈ 4 here) keeps every word several times per epoch.
const secondCounts = { alpha: 600, bravo: 2, charlie: 360, delta: 240, echo: 160, foxtrot: 100, juliet: 48, kilo: 36, mike: 320, november: 132, oscar: 12, papa: 2, quebec: 1 }
writeFileSync(first, corpusText(firstCounts, 1))
writeFileSync(second, corpusText(secondCounts, 2))
const common = ['--dim', String(DIM), '--min-count', String(MIN_COUNT), '--threads', '1', '--sample', String(SAMPLE), '--seed', '5']

async function train(args: string[]): Promise<void> {
  const result = await runCli(['train', ...args])
  expect(result.exitCode, result.stderr).toBe(0)
}

function row(checkpoint: TrainingCheckpoint, word: string): Float32Array {
  const id = checkpoint.vocabulary.words.indexOf(word)
  expect(id).toBeGreaterThanOrEqual(0)
  return (checkpoint.training.state.centerWordVectors as Float32Array).slice(id * DIM, (id + 1) * DIM)
}

const maxDiff = (a: ArrayLike<number>, b: ArrayLike<number>): number => Array.from(a).reduce((m, x, i) => Math.max(m, Math.abs(x - b[i]!)), 0)

const GENSIM_SCRIPT = String.raw`
import sys, json, numpy as np
from gensim.models import Word2Vec
first, second, pretrained, min_count, dim, sample = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4]), int(sys.argv[5]), float(sys.argv[6])
read = lambda path: [line.split() for line in open(path) if line.strip()]
a, b = read(first), read(second)
m = Word2Vec(a, vector_size=dim, min_count=min_count, sample=sample, seed=5, workers=1, epochs=1, negative=5)
saved = m.wv.vectors.copy()
m.build_vocab(b, update=True)
words = list(m.wv.index_to_key)
counts = [int(m.wv.get_vecattr(w, 'count')) for w in words]
keep = [float(m.wv.get_vecattr(w, 'sample_int')) / (2**32 - 1) for w in words]
cum = m.cum_table.astype(np.float64)
noise = np.diff(np.concatenate([[0.0], cum])) / cum[-1]
before = m.wv.vectors.copy()
m.train(b, total_examples=len(b), epochs=2)
in_b = {w for s in b for w in s}
absent = [i for i, w in enumerate(words) if w not in in_b]
new = list(range(len(saved), len(words)))
# intersect_word2vec_format on a fresh model of the second corpus, locked (gensim 4 keeps one lock factor until given one per word)
f = Word2Vec(vector_size=dim, min_count=min_count, sample=sample, seed=5, workers=1, negative=5)
f.build_vocab(b)
f.wv.vectors_lockf = np.ones(len(f.wv), dtype=np.float32)
f.wv.intersect_word2vec_format(pretrained, binary=True, lockf=0.0)
from gensim.models import KeyedVectors
p = KeyedVectors.load_word2vec_format(pretrained, binary=True)
shared = [w for w in f.wv.index_to_key if w in p.key_to_index]
f.train(b, total_examples=len(b), epochs=2)
print(json.dumps({
  'words': words, 'counts': counts, 'keep': keep, 'noise': noise.tolist(),
  'absentUnchanged': float(np.abs(m.wv.vectors[absent] - before[absent]).max()) if absent else 0.0,
  'newMoved': float(np.abs(m.wv.vectors[new] - before[new]).max(axis=1).min()),
  'shared': shared,
  'lockedDiff': float(max(np.abs(f.wv[w] - p[w]).max() for w in shared)),
}))
`

describe.skipIf(!gensimAvailable)('continued training against gensim 4', () => {
  it('grows the vocabulary, merges counts and rebuilds the tables as build_vocab(update=True); trains rows as gensim does', async () => {
    const firstCkpt = join(dir, 'first.w2vckpt')
    const pretrained = join(dir, 'first.bin')
    await train(['--corpus', first, ...common, '--epochs', '1', '--out', pretrained, '--checkpoint', firstCkpt])
    const grownCkpt = join(dir, 'grown.w2vckpt')
    const stillCkpt = join(dir, 'still.w2vckpt')
    await train(['--continue', firstCkpt, '--corpus', second, '--epochs', '2', '--out', join(dir, 'grown.txt'), '--checkpoint', grownCkpt])
    // The same continuation with a learning rate too small to move anything: its rows are where the continuation started.
    await train(['--continue', firstCkpt, '--corpus', second, '--epochs', '2', '--alpha', '1e-8', '--min-alpha', '0', '--out', join(dir, 'still.txt'), '--checkpoint', stillCkpt])
    const lockedCkpt = join(dir, 'locked.w2vckpt')
    await train(['--corpus', second, ...common, '--epochs', '2', '--init-vectors', pretrained, '--lock-init', '--out', join(dir, 'locked.txt'), '--checkpoint', lockedCkpt])
    const unlockedCkpt = join(dir, 'unlocked.w2vckpt')
    await train(['--corpus', second, ...common, '--epochs', '2', '--init-vectors', pretrained, '--out', join(dir, 'unlocked.txt'), '--checkpoint', unlockedCkpt])

    const gensim = JSON.parse(execFileSync(PYTHON, ['-c', GENSIM_SCRIPT, first, second, pretrained, String(MIN_COUNT), String(DIM), String(SAMPLE)], { encoding: 'utf8' })) as {
      words: string[]; counts: number[]; keep: number[]; noise: number[]; absentUnchanged: number; newMoved: number; shared: string[]; lockedDiff: number
    }
    const saved = await loadTrainingCheckpoint(firstCkpt)
    const grown = await loadTrainingCheckpoint(grownCkpt)
    const still = await loadTrainingCheckpoint(stillCkpt)
    const locked = await loadTrainingCheckpoint(lockedCkpt)
    const unlocked = await loadTrainingCheckpoint(unlockedCkpt)

    // The vocabulary: the same words at the same ids, the same merged counts.
    expect(grown.vocabulary.words).toEqual(gensim.words)
    expect(Array.from(grown.vocabulary.counts)).toEqual(gensim.counts)
    expect(grown.vocabulary.words.slice(0, saved.vocabulary.words.length)).toEqual(saved.vocabulary.words)
    expect(new Set(grown.vocabulary.words.slice(saved.vocabulary.words.length))).toEqual(new Set(['kilo', 'mike', 'november', 'oscar']))
    // The tables: gensim stores a keep probability as a 32-bit fraction and the noise as a cumulative integer table.
    if (grown.training.schedule !== 'word2vec') throw new Error('expected a word2vec run')
    expect(maxDiff(grown.training.state.keepProbability!, gensim.keep)).toBeLessThan(1e-6)
    const weights = unigramWeights(grown.vocabulary.counts)
    const total = weights.reduce((s, x) => s + x, 0)
    expect(maxDiff(weights.map((x) => x / total), gensim.noise)).toBeLessThan(1e-6)

    // Training: saved words absent from the new corpus keep their centre rows exactly (gensim too); new words train.
    for (const word of ['golf', 'hotel', 'india']) expect(row(grown, word)).toEqual(row(saved, word))
    expect(gensim.absentUnchanged).toBe(0)
    for (const word of ['kilo', 'mike', 'november', 'oscar']) expect(maxDiff(row(grown, word), row(still, word))).toBeGreaterThan(1e-5)
    expect(gensim.newMoved).toBeGreaterThan(1e-5)
    // Saved words the new corpus trains have moved from where they were saved.
    expect(maxDiff(row(grown, 'alpha'), row(saved, 'alpha'))).toBeGreaterThan(1e-3)

    // Locked pretrained rows: exactly the file's vectors after training, in both; the same words shared.
    const sharedHere = locked.vocabulary.words.filter((w) => saved.vocabulary.words.includes(w))
    expect(new Set(sharedHere)).toEqual(new Set(gensim.shared))
    for (const word of sharedHere) expect(row(locked, word)).toEqual(row(saved, word))
    expect(gensim.lockedDiff).toBe(0)
    // Unlocked, the same rows train away from the file's vectors.
    for (const word of sharedHere) expect(maxDiff(row(unlocked, word), row(saved, word))).toBeGreaterThan(1e-4)
  })
})
