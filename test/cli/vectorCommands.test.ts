import { execFileSync } from 'node:child_process'
import { mkdtempSync, readFileSync, truncateSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import { runCli } from '../../src-main/cli/runCli'
import { pythonCanImport } from '../support/python'
import { readEmbeddings } from '../../src-main/node/vectors/readEmbeddings'
import { SHARED_DIR } from '../support/sharedData'
import { plantedSynonymsText } from '../support/syntheticCorpus'

const dir = mkdtempSync(join(tmpdir(), 'w2v-vectors-'))
const corpus = join(dir, 'planted.txt')
const checkpoint = join(dir, 'run.w2vckpt')
const vectors = join(dir, 'vectors.bin')
const analogies = join(SHARED_DIR, 'data/questions-words.txt')
const wordsim = join(SHARED_DIR, 'data/wordsim353.tsv')

const gensimAvailable = pythonCanImport('gensim', 'the gensim comparison of w2v eval')

beforeAll(async () => {
  writeFileSync(corpus, plantedSynonymsText(3000))
  const trained = await runCli(['train', '--corpus', corpus, '--out', vectors, '--checkpoint', checkpoint, '--dim', '16', '--epochs', '10', '--sample', '0', '--alpha', '0.05', '--min-count', '1', '--threads', '1'])
  expect(trained.exitCode).toBe(0)
})

describe('w2v export', () => {
  it('writes the concatenated V and U of a checkpoint, top N, normalised', async () => {
    const out = join(dir, 'concat.json')
    const result = await runCli(['export', '--checkpoint', checkpoint, '--out', out, '--vectors', 'concat', '--top', '5', '--normalize', '--json'])
    expect(result.exitCode).toBe(0)
    const { embeddings } = await readEmbeddings(out)
    expect(embeddings.dim).toBe(32)
    expect(embeddings.words).toHaveLength(5)
    for (let w = 0; w < 5; w++) {
      const row = embeddings.vectors.subarray(w * 32, (w + 1) * 32)
      expect(Math.hypot(...row)).toBeCloseTo(1, 5)
    }
  })
})

describe('w2v convert', () => {
  it.each(['vectors.txt', 'vectors.tsv', 'vectors.npy', 'vectors.json'])('round-trips through %s with identical words and vectors', async (name) => {
    const target = join(dir, `rt-${name}`)
    expect((await runCli(['convert', vectors, target])).exitCode).toBe(0)
    const back = join(dir, `rt-${name}.bin`)
    expect((await runCli(['convert', target, back])).exitCode).toBe(0)
    const [a, b] = await Promise.all([readEmbeddings(vectors), readEmbeddings(back)])
    expect(b.embeddings.words).toEqual(a.embeddings.words)
    expect(b.embeddings.vectors).toEqual(a.embeddings.vectors)
  })

  it('writes GloVe when asked, and reads it back', async () => {
    const glove = join(dir, 'glove.txt')
    expect((await runCli(['convert', vectors, glove, '--format', 'glove', '--limit', '10'])).exitCode).toBe(0)
    expect(readFileSync(glove, 'utf8').split('\n')[0]!.split(' ')).toHaveLength(17)
    const { embeddings, format } = await readEmbeddings(glove)
    expect(format).toBe('glove')
    expect(embeddings.words).toHaveLength(10)
  })
})

describe('w2v neighbors and analogy', () => {
  it('finds the planted synonym first', async () => {
    const result = await runCli(['neighbors', '--vectors', vectors, 'cat', '-k', '3', '--json'])
    expect(result.exitCode).toBe(0)
    const { neighbours } = JSON.parse(result.stdout) as { neighbours: { word: string; score: number }[] }
    expect(neighbours).toHaveLength(3)
    expect(neighbours[0]!.word).toBe('kitten')
    expect(neighbours.map((n) => n.word)).not.toContain('cat')
  })

  it('answers an analogy without returning its inputs', async () => {
    const result = await runCli(['analogy', '--vectors', vectors, 'cat', 'kitten', 'car', '-k', '3', '--json'])
    expect(result.exitCode).toBe(0)
    const { answers } = JSON.parse(result.stdout) as { answers: { word: string }[] }
    expect(answers.map((a) => a.word)).not.toContain('car')
    expect(answers.map((a) => a.word)).toContain('automobile')
  })
})

describe('w2v eval', () => {
  it.skipIf(!gensimAvailable)('reports what gensim reports, within 1e-6', async () => {
    const sotuLike = join(dir, 'eval.txt')
    // Vectors over the benchmark's own words, so many questions are answered.
    const words = [...new Set(readFileSync(analogies, 'utf8').split(/\s+/).filter((w) => w && !w.startsWith(':')))].slice(0, 1500)
    let seed = 7
    const rand = (): number => ((seed = (seed * 16807) % 2147483647) / 2147483647) - 0.5
    writeFileSync(sotuLike, `${words.length} 8\n` + words.map((w) => `${w} ${Array.from({ length: 8 }, rand).map((x) => x.toFixed(6)).join(' ')}`).join('\n') + '\n')
    const result = await runCli(['eval', '--vectors', sotuLike, '--analogies', analogies, '--similarity', wordsim, '--restrict', '1000', '--json'])
    expect(result.exitCode).toBe(0)
    const ours = JSON.parse(result.stdout) as { analogies: { accuracy: number; correct: number; total: number; sections: { section: string; correct: number; total: number }[] }; similarity: { spearman: number; pearson: number; oovRatio: number } }
    const script = [
      'import sys, json',
      'from gensim.models import KeyedVectors',
      'kv = KeyedVectors.load_word2vec_format(sys.argv[1])',
      'acc, sections = kv.evaluate_word_analogies(sys.argv[2], restrict_vocab=1000)',
      'p, s, oov = kv.evaluate_word_pairs(sys.argv[3], restrict_vocab=1000)',
      'print(json.dumps({"accuracy": acc, "sections": [[x["section"], len(x["correct"]), len(x["correct"]) + len(x["incorrect"])] for x in sections],',
      '  "pearson": p[0], "spearman": s[0], "oov": oov}))',
    ].join('\n')
    const gensim = JSON.parse(execFileSync('/usr/bin/python3', ['-c', script, sotuLike, analogies, wordsim], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] })) as { accuracy: number; sections: [string, number, number][]; pearson: number; spearman: number; oov: number }
    expect(ours.analogies.total).toBeGreaterThan(100)
    expect(Math.abs(ours.analogies.accuracy - gensim.accuracy)).toBeLessThan(1e-6)
    expect(ours.analogies.sections.map((s) => [s.section, s.correct, s.total])).toEqual(gensim.sections)
    expect(Math.abs(ours.similarity.spearman - gensim.spearman)).toBeLessThan(1e-6)
    expect(Math.abs(ours.similarity.pearson - gensim.pearson)).toBeLessThan(1e-6)
    // gensim's oov_ratio is a percentage; ours is the fraction every share in the app is.
    expect(Math.abs(ours.similarity.oovRatio - gensim.oov / 100)).toBeLessThan(1e-8)
  })

  it('needs a benchmark file', async () => {
    const result = await runCli(['eval', '--vectors', vectors])
    expect(result.exitCode).toBe(2)
    expect(result.stderr).toMatch(/name a benchmark/)
  })
})

describe('user mistakes: one line, exit 2', () => {
  it.each([
    ['an unknown word', () => ['neighbors', '--vectors', vectors, 'zebra'], /“zebra” is not in the vocabulary/],
    ['a missing vectors file', () => ['neighbors', '--vectors', join(dir, 'nope.bin'), 'cat'], /nope\.bin/],
    ['a missing benchmark file', () => ['eval', '--vectors', vectors, '--analogies', join(dir, 'none.txt')], /does not exist/],
    ['a malformed benchmark line', () => {
      const bad = join(dir, 'bad-questions.txt')
      writeFileSync(bad, ': family\nboy girl brother\n')
      return ['eval', '--vectors', vectors, '--analogies', bad]
    }, /[Ll]ine 2/],
    ['a truncated vectors file', () => {
      const cut = join(dir, 'cut.bin')
      writeFileSync(cut, readFileSync(vectors))
      truncateSync(cut, 200)
      return ['neighbors', '--vectors', cut, 'cat']
    }, /cut\.bin/],
    ['a missing checkpoint', () => ['export', '--checkpoint', join(dir, 'none.w2vckpt'), '--out', join(dir, 'x.txt')], /none\.w2vckpt/],
  ])('%s', async (_what, argv, message) => {
    const result = await runCli(argv())
    expect(result.exitCode).toBe(2)
    expect(result.stderr).toMatch(message)
    expect(result.stderr.trim().split('\n')).toHaveLength(1)
  })
})
