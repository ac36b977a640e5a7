/**
 * Checkpoints whose checksums are right but whose contents lie: written with writeCheckpoint
 * (which computes a valid checksum for whatever it is given) from a real checkpoint of today's
 * code with one thing changed. `w2v export --checkpoint` and `w2v train --resume` must refuse each
 * with one sentence and exit 2, writing nothing.
 */
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import { runCli } from '../../src-main/cli/runCli'
import { type Checkpoint, type CheckpointArray, type JsonValue, readCheckpoint, writeCheckpoint } from '../../src-main/node/checkpointFile'
import { loadTrainingCheckpoint } from '../../src-main/node/training/trainingCheckpoint'
import { plantedSynonymsText } from '../support/syntheticCorpus'

const dir = mkdtempSync(join(tmpdir(), 'w2v-lies-'))
const corpus = join(dir, 'corpus.txt')
writeFileSync(corpus, plantedSynonymsText(1500))
const genuine = { word2vec: join(dir, 'word2vec.w2vckpt'), cs224n: join(dir, 'course.w2vckpt') }
const saved: Record<string, Checkpoint> = {}

beforeAll(async () => {
  const word2vec = await runCli(['train', '--corpus', corpus, '--out', join(dir, 'w.vec'), '--checkpoint', genuine.word2vec, '--dim', '8', '--epochs', '1', '--min-count', '1', '--threads', '1'])
  const course = await runCli(['train', '--corpus', corpus, '--out', join(dir, 'c.vec'), '--checkpoint', genuine.cs224n, '--schedule', 'cs224n', '--iterations', '50', '--optimizer', 'adam', '--step', '0.01'])
  expect([word2vec.exitCode, course.exitCode]).toEqual([0, 0])
  saved.word2vec = await readCheckpoint(genuine.word2vec)
  saved.cs224n = await readCheckpoint(genuine.cs224n)
})

type Meta = Record<string, JsonValue> & { settings: { schedule: string; config: Record<string, JsonValue> }; position: Record<string, JsonValue> }
type Lie = (meta: Meta, arrays: Record<string, CheckpointArray>) => void

const LIES: [schedule: 'word2vec' | 'cs224n', what: string, lie: Lie, message: RegExp][] = [
  ['word2vec', 'missing config', (m) => { delete (m.settings as Record<string, unknown>).config }, /settings\.config/],
  ['word2vec', 'missing corpus settings', (m) => { delete m.corpus }, /corpus/],
  ['word2vec', 'a centre matrix one row short', (_, a) => { a.centerWordVectors = a.centerWordVectors!.slice(8) }, /centerWordVectors has .* values where its vocabulary and dimension need/],
  ['word2vec', 'more words than vectors', (m) => { m.words = [...(m.words as string[]), 'extra'] }, /counts|values where/],
  ['word2vec', 'NaN in the outside vectors', (_, a) => { a.outsideVectors![5] = Number.NaN }, /outsideVectors holds NaN/],
  ['word2vec', 'Infinity in the centre vectors', (_, a) => { a.centerWordVectors![0] = Number.POSITIVE_INFINITY }, /centerWordVectors holds Infinity/],
  ['word2vec', 'a dimension given as text', (m) => { m.settings.config.dim = '8' }, /settings\.config\.dim/],
  ['word2vec', 'float64 vectors in a word2vec run', (_, a) => { a.centerWordVectors = Float64Array.from(a.centerWordVectors!) }, /stored as Float64Array, not Float32Array/],
  ['word2vec', 'words that are not strings', (m) => { m.words = (m.words as string[]).map((_, i) => i) }, /words/],
  ['word2vec', 'a generator state that is not a number', (m) => { m.position.rngStates = ['twelve'] }, /position\.rngStates/],
  ['word2vec', 'a dimension of 0', (m) => { m.settings.config.dim = 0 }, /dimension/],
  ['word2vec', 'a word listed twice', (m) => { const w = m.words as string[]; w[1] = w[0]! }, /twice/],
  ['cs224n', 'missing position', (m) => { delete (m as Record<string, unknown>).position }, /position/],
  ['cs224n', 'NaN in Adam’s second moment', (_, a) => { a['optimizer.0.1']![3] = Number.NaN }, /optimizer state 0\.1 holds NaN/],
  ['cs224n', 'a negative step', (m) => { m.position.step = -1 }, /position\.step/],
  ['cs224n', 'an optimizer slot count that Adam does not keep', (m) => { (m.position.optimizer as Record<string, JsonValue>).slots = [1, 1] }, /saved matrices per parameter that adam keeps/],
  ['cs224n', 'an optimizer slot missing', (_, a) => { delete a['optimizer.1.0'] }, /optimizer state 1\.0 is missing/],
]

async function writeLie(schedule: 'word2vec' | 'cs224n', lie: Lie, name: string): Promise<string> {
  const { meta, arrays } = saved[schedule]!
  const copy = structuredClone(meta) as unknown as Meta
  const copies = Object.fromEntries(Object.entries(arrays).map(([k, a]) => [k, a.slice()])) as Record<string, CheckpointArray>
  lie(copy, copies)
  const path = join(dir, `${name}.w2vckpt`)
  await writeCheckpoint(path, { meta: copy as unknown as JsonValue, arrays: copies })
  return path
}

function expectRefusal(result: { exitCode: number; stderr: string }, path: string, message: RegExp): void {
  expect(result.stderr).toContain(path)
  expect(result.stderr).toMatch(/is damaged/)
  expect(result.stderr).toMatch(message)
  expect(result.stderr.trim().split('\n')).toHaveLength(1)
  expect(result.exitCode).toBe(2)
}

describe('checkpoints whose checksum is valid but whose contents lie', () => {
  it('today’s checkpoints of both schedules load', async () => {
    await expect(loadTrainingCheckpoint(genuine.word2vec)).resolves.toMatchObject({ settings: { schedule: 'word2vec' } })
    await expect(loadTrainingCheckpoint(genuine.cs224n)).resolves.toMatchObject({ settings: { schedule: 'cs224n', config: { optimizer: 'adam' } } })
  })

  it.each(LIES.map(([schedule, what, lie, message], i) => ({ schedule, what, lie, message, i })))('$schedule checkpoint with $what: export and --resume refuse it (exit 2, one line)', async ({ schedule, lie, message, i }) => {
    const path = await writeLie(schedule, lie, `lie-${i}`)
    const exportOut = join(dir, `export-${i}.vec`)
    expectRefusal(await runCli(['export', '--checkpoint', path, '--out', exportOut]), path, message)
    expect(existsSync(exportOut)).toBe(false)
    const resumeOut = join(dir, `resume-${i}.vec`)
    expectRefusal(await runCli(['train', '--corpus', corpus, '--resume', path, '--out', resumeOut]), path, message)
    expect(existsSync(resumeOut)).toBe(false)
  })
})
