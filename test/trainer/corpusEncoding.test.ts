/**
 * The app's trainer on a corpus in a legacy encoding: the corpus it describes says how each file
 * was read, a run's checkpoint keeps the encodings, and restoring a checkpoint whose corpus read
 * in another encoding is refused with a sentence.
 */
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { COURSE_PRESET, type Cs224nSettings } from '../../src-main/core/settings/trainingSettings'
import { loadTrainingCheckpoint, saveTrainingCheckpoint } from '../../src-main/node/training/trainingCheckpoint'
import { writeLegacyFiles } from '../support/legacyFiles'
import { RUSSIAN } from '../support/legacyTexts'
import { pythonCanImport } from '../support/python'
import { is, sessionHarness } from './sessionHarness'

const HAS_PYTHON = pythonCanImport('codecs', 'the trainer’s encoding tests')
const COURSE: Cs224nSettings = { ...COURSE_PRESET, dim: 8, iterations: 200, batch: 10, annealEvery: 100 }

let dir = ''
let corpusPath = ''

beforeAll(async () => {
  if (!HAS_PYTHON) return
  dir = await mkdtemp(join(tmpdir(), 'w2v-trainer-encoding-'))
  corpusPath = writeLegacyFiles(dir, [{ name: 'koi8', text: RUSSIAN.repeat(40), codec: 'koi8_r', accepted: ['koi8-r'] }]).get('koi8')!
})

afterAll(async () => {
  if (dir) await rm(dir, { recursive: true, force: true })
})

describe.skipIf(!HAS_PYTHON)('the trainer on a corpus in a legacy encoding', () => {
  it('describes how the file was read, keeps the encoding in the checkpoint, and refuses a restore read in another', async () => {
    const h = sessionHarness(join(dir, 'run.w2vckpt'))
    const loaded = await h.call({ type: 'loadCorpus', paths: [corpusPath], tokenizer: {} })
    expect(loaded.files).toEqual([{ encoding: 'koi8-r', byteOrderMark: false, chosen: false, replacedSequences: 0, detected: { encoding: 'koi8-r', confidence: expect.any(Number) } }])
    expect(loaded.notices.map((n) => n.kind)).toEqual(['detectedEncoding'])
    expect((await h.call({ type: 'describe' })).corpus).toMatchObject({ files: loaded.files, tokenizer: {} })
    await h.call({ type: 'start', settings: { schedule: 'cs224n', config: COURSE }, vocabulary: { minCount: 1 }, plotWords: [] })
    await h.until(is('finished'))
    const saved = await loadTrainingCheckpoint(h.autosavePath)
    expect(saved.corpus).toMatchObject({ paths: [corpusPath], encodings: ['koi8-r'] })
    expect(saved.vocabulary.words).toContain('парке')

    // The same run, as if its corpus had been read as Windows-1251 when it was saved.
    const other = join(dir, 'other.w2vckpt')
    await saveTrainingCheckpoint(other, { ...saved, corpus: { ...saved.corpus, encodings: ['windows-1251'] } })
    const refused = await sessionHarness(join(dir, 'refused.w2vckpt')).request({ type: 'loadCheckpoint', path: other })
    expect(refused.error).toEqual({
      kind: 'checkpoint',
      message: 'The saved run read “koi8.txt” as Windows-1251, but it was read as KOI8-R now, which makes other words of its bytes; resume with the file read as Windows-1251.',
    })

    const restored = await sessionHarness(join(dir, 'restored.w2vckpt')).call({ type: 'loadCheckpoint', path: h.autosavePath })
    expect(restored).toMatchObject({ restoredFrom: h.autosavePath, done: COURSE.iterations })
  })
})
