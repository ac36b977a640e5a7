import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import { runCli } from '../../src-main/cli/runCli'
import { parseCsv } from '../../src-main/core/contract/csv'
import { CS224N_PLOT_WORDS } from '../../src-main/core/contract/wordList'
import { buildVocabulary, encodeCorpus, rawCorpusFromText } from '../../src-main/core/corpus/index'
import { courseProjection } from '../../src-main/core/projection/courseProjection'
import { Random } from '../../src-main/core/random'
import { COURSE_PRESET, CourseTrainer } from '../../src-main/core/training/index'
import { loadTrainingCheckpoint, saveTrainingCheckpoint, trainedEmbeddings } from '../../src-main/node/training/trainingCheckpoint'
import { readEmbeddings } from '../../src-main/node/vectors/readEmbeddings'
import { pngSize, svgTexts } from '../support/figureFiles'
import { runPyProjection } from '../support/runPyProjection'

const dir = mkdtempSync(join(tmpdir(), 'w2v-plot-'))
const vectors = join(dir, 'vectors.txt')
const checkpoint = join(dir, 'run.w2vckpt')
/** Words a figure must still label correctly: markup, quotes and commas. */
const AWKWARD = ['rock&roll', '<b>', 'a,b', 'say"hi"', "'s"]

function writeVectorsFile(words: readonly string[], dim: number): void {
  const random = new Random(3)
  const lines = words.map((w) => `${w} ${Array.from({ length: dim }, () => (random.nextFloat() * 2 - 1).toFixed(6)).join(' ')}`)
  writeFileSync(vectors, `${words.length} ${dim}\n${lines.join('\n')}\n`)
}

/** The CSV's rows as word → [x, y]. */
function csvPoints(path: string): Map<string, [number, number]> {
  const [header, ...rows] = parseCsv(readFileSync(path, 'utf8'))
  expect(header).toEqual(['word', 'x', 'y'])
  return new Map(rows.map((r) => [r[0]!, [Number(r[1]), Number(r[2])]]))
}

beforeAll(async () => {
  writeVectorsFile([...CS224N_PLOT_WORDS, ...AWKWARD, 'unplotted'], 10)
  // A course-schedule run over text made of run.py's words, saved as the app saves it.
  const random = new Random(9)
  const text = Array.from({ length: 300 }, () => Array.from({ length: 8 }, () => CS224N_PLOT_WORDS[random.nextInt(CS224N_PLOT_WORDS.length)]).join(' ')).join('\n')
  const raw = rawCorpusFromText(text)
  const { vocabulary } = buildVocabulary(raw, { minCount: 1 })
  const config = { ...COURSE_PRESET, iterations: 40, batch: 5 }
  const trainer = new CourseTrainer(encodeCorpus(raw, vocabulary), vocabulary, config)
  trainer.runIterations(40)
  await saveTrainingCheckpoint(checkpoint, { settings: { schedule: 'cs224n', config }, corpus: { tokenizer: {}, minCount: 1 }, vocabulary, training: { schedule: 'cs224n', state: trainer.exportState() } })
})

describe('w2v plot', () => {
  it('draws run.py’s 24 words as a PNG at twice the figure’s 640 × 480', async () => {
    const out = join(dir, 'word_vectors.png')
    const result = await runCli(['plot', '--vectors', vectors, '--out', out])
    expect(result).toMatchObject({ exitCode: 0, stderr: '' })
    expect(result.stdout).toBe(`Plotted 24 words to ${out}.\n`)
    expect(pngSize(readFileSync(out))).toEqual({ width: 1280, height: 960 })
  })

  it('labels every plotted word in the SVG, markup and quotes included, and no word it left out', async () => {
    const out = join(dir, 'figure.svg')
    const result = await runCli(['plot', '--vectors', vectors, '--words', `king queen rock&roll <b> "a,b" say"hi" 's`, '--out', out])
    expect(result).toMatchObject({ exitCode: 0, stderr: '' })
    const texts = svgTexts(readFileSync(out, 'utf8'))
    for (const word of ['king', 'queen', ...AWKWARD]) expect(texts).toContain(word)
    expect(texts).not.toContain('unplotted')
  })

  it('writes word,x,y CSV that reads back to the plotted coordinates exactly, which are run.py’s projection', async () => {
    const out = join(dir, 'word_vectors.csv')
    expect((await runCli(['plot', '--vectors', vectors, '--out', out])).exitCode).toBe(0)
    const points = csvPoints(out)
    expect([...points.keys()]).toEqual(CS224N_PLOT_WORDS)
    const { embeddings } = await readEmbeddings(vectors)
    const plotted = courseProjection(embeddings, CS224N_PLOT_WORDS)
    CS224N_PLOT_WORDS.forEach((word, i) => expect(points.get(word)).toEqual([plotted.coordinates[2 * i], plotted.coordinates[2 * i + 1]]))
    // And independently: covariance, power iteration, projection, as run.py computes it (up to each axis' sign).
    const rows = CS224N_PLOT_WORDS.map((w) => { const r = embeddings.words.indexOf(w); return Array.from(embeddings.vectors.subarray(r * 10, (r + 1) * 10)) })
    const expected = runPyProjection(rows)
    for (const axis of [0, 1] as const) {
      const got = CS224N_PLOT_WORDS.map((w) => points.get(w)![axis])
      const sign = got.reduce((s, g, i) => s + g * expected[i]![axis], 0) < 0 ? -1 : 1
      got.forEach((g, i) => expect(sign * g).toBeCloseTo(expected[i]![axis], 9))
    }
  })

  it('plots a checkpoint’s centre vectors V, not its outside vectors', async () => {
    const out = join(dir, 'checkpoint.csv')
    const result = await runCli(['plot', '--checkpoint', checkpoint, '--words', '["king", "queen", "man", "woman", "coffee", "tea"]', '--out', out])
    expect(result).toMatchObject({ exitCode: 0, stderr: '' })
    const words = ['king', 'queen', 'man', 'woman', 'coffee', 'tea']
    const embeddings = trainedEmbeddings(await loadTrainingCheckpoint(checkpoint), 'center')
    const rows = words.map((w) => { const r = embeddings.words.indexOf(w); return Array.from(embeddings.vectors.subarray(r * embeddings.dim, (r + 1) * embeddings.dim)) })
    const expected = runPyProjection(rows)
    const points = csvPoints(out)
    for (const axis of [0, 1] as const) {
      const got = words.map((w) => points.get(w)![axis])
      const sign = got.reduce((s, g, i) => s + g * expected[i]![axis], 0) < 0 ? -1 : 1
      got.forEach((g, i) => expect(sign * g).toBeCloseTo(expected[i]![axis], 9))
    }
  })

  it('matches typed words to a checkpoint’s lower-cased vocabulary, as the window does', async () => {
    const out = join(dir, 'cased.csv')
    const result = await runCli(['plot', '--checkpoint', checkpoint, '--words', 'King QUEEN', '--out', out])
    expect(result).toMatchObject({ exitCode: 0, stderr: '' })
    expect([...csvPoints(out).keys()]).toEqual(['king', 'queen'])
  })

  it('explains itself with --help', async () => {
    const result = await runCli(['plot', '--help'])
    expect(result.exitCode).toBe(0)
    expect(result.stdout).toMatch(/^Usage: w2v plot \(--checkpoint <file\.w2vckpt> \| --vectors <file>\)/)
  })

  it('names the words it left out in one sentence on stderr, and plots the rest', async () => {
    const out = join(dir, 'some.csv')
    const result = await runCli(['plot', '--vectors', vectors, '--words', 'king, prince queen duke', '--out', out])
    expect(result.exitCode).toBe(0)
    expect(result.stderr).toBe('Warning: 2 of the 4 words are not in the vocabulary and were left out: “prince”, “duke”.\n')
    expect([...csvPoints(out).keys()]).toEqual(['king', 'queen'])
  })
})

describe('w2v plot refuses, in one sentence and with exit code 2', () => {
  it.each([
    ['no such vectors file', ['--vectors', join(dir, 'missing.txt'), '--out', join(dir, 'a.png')], /^w2v plot: The vector file “missing\.txt” does not exist/],
    ['no such checkpoint', ['--checkpoint', join(dir, 'missing.w2vckpt'), '--out', join(dir, 'a.png')], /^w2v plot: .*missing\.w2vckpt/],
    ['only unknown words', ['--vectors', vectors, '--words', 'prince duke', '--out', join(dir, 'a.png')], /^w2v plot: none of the 2 words to plot is in the vocabulary of .*“prince”, “duke”/],
    ['an extension it cannot write', ['--vectors', vectors, '--out', join(dir, 'x.jpg')], /^w2v plot: --out must end in \.png, \.svg or \.csv, .*x\.jpg/],
    ['two sources', ['--vectors', vectors, '--checkpoint', checkpoint, '--out', join(dir, 'a.png')], /^w2v plot: give --checkpoint or --vectors, not both/],
    ['no source', ['--out', join(dir, 'a.png')], /^w2v plot: name the vectors to plot/],
    ['no --out', ['--vectors', vectors], /^w2v plot: --out <file> is required/],
    ['a folder that does not exist', ['--vectors', vectors, '--out', join(dir, 'no', 'such', 'a.png')], /^w2v plot: .*does not exist/],
  ])('%s', async (_name, args, message) => {
    const result = await runCli(['plot', ...args])
    expect(result.exitCode).toBe(2)
    expect(result.stderr).toMatch(message)
    expect(result.stderr.trimEnd().split('\n')).toHaveLength(1)
  })
})
