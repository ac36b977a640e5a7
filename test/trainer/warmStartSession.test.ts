/**
 * The trainer's two warm starts, as the window asks for them: a start from pretrained vectors
 * (read as a phase of its own, locked or not) and an ended run continued on another corpus. The
 * run's description says what was kept and what is new; the previous run goes to the history.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { TrainerCall } from '../../src-main/core/contract/trainerProtocol'
import { word2vecDefaults } from '../../src-main/core/settings/trainingSettings'
import { loadTrainingCheckpoint } from '../../src-main/node/training/trainingCheckpoint'
import { readEmbeddings } from '../../src-main/node/vectors/readEmbeddings'
import { is, sessionHarness } from './sessionHarness'

const config = { ...word2vecDefaults('skipgram', 1), dim: 8, epochs: 1, threads: 1 }
let dir: string
let first: string
let second: string
let pretrained: string

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'w2v-warm-session-'))
  first = join(dir, 'first.txt')
  second = join(dir, 'second.txt')
  pretrained = join(dir, 'pretrained.vec')
  await writeFile(first, 'the cat sat on the mat\nthe dog sat on the log\n'.repeat(40))
  await writeFile(second, 'the zebra sat on the grass\nthe cat ran on the grass\n'.repeat(40))
  // fastText's .vec layout: a header, then word and values.
  await writeFile(pretrained, `3 8\ncat ${'0.5 '.repeat(8).trim()}\ngrass ${'-0.25 '.repeat(8).trim()}\nmoon ${'1 '.repeat(8).trim()}\n`)
})

afterAll(async () => {
  await rm(dir, { recursive: true, force: true })
})

const start = (initVectors?: { path: string; lock: boolean }): Extract<TrainerCall, { type: 'start' }> => ({
  type: 'start', settings: { schedule: 'word2vec', config }, vocabulary: { minCount: 3 }, plotWords: [], ...(initVectors ? { initVectors } : {}),
})

describe('warm starts in the trainer', () => {
  it('starts from pretrained vectors in a phase of its own, says how many were used, and keeps locked ones fixed', async () => {
    const h = sessionHarness(join(dir, 'pretrained.w2vckpt'))
    await h.call({ type: 'loadCorpus', paths: [second], tokenizer: {} })
    const info = await h.call(start({ path: pretrained, lock: true }))
    expect(info.warmStart).toBe('2 pretrained vectors used from “pretrained.vec” (locked), 5 corpus words start random.')
    expect(h.events.filter(is('state')).map((e) => e.phase)).toContain('readingPretrained')
    await h.until((e): e is never => e.type === 'state' && e.state === 'finished')
    const out = join(dir, 'locked.txt')
    await h.call({ type: 'export', path: out, format: 'word2vec-text', vectors: 'center', normalize: false })
    const { embeddings } = await readEmbeddings(out)
    const row = (word: string): number[] => Array.from(embeddings.vectors.subarray(embeddings.words.indexOf(word) * 8, (embeddings.words.indexOf(word) + 1) * 8))
    expect(row('cat')).toEqual(Array(8).fill(0.5))
    expect(row('grass')).toEqual(Array(8).fill(-0.25))
    const described = await h.call({ type: 'describe' })
    expect(described.run?.warmStart).toBe(info.warmStart)
  })

  it('refuses pretrained vectors of another dimension with a sentence, and keeps the corpus ready', async () => {
    const h = sessionHarness(join(dir, 'wide.w2vckpt'))
    await h.call({ type: 'loadCorpus', paths: [second], tokenizer: {} })
    const response = await h.request({ ...start({ path: pretrained, lock: false }), settings: { schedule: 'word2vec', config: { ...config, dim: 16 } } })
    expect(response.ok).toBe(false)
    expect(response.error).toEqual({ kind: 'vectors', message: 'The pretrained vectors in “pretrained.vec” have 8 dimensions but this run trains 16; set the dimension to 8 or use vectors of dimension 16.' })
    expect(h.session.state).toBe('ready')
  })

  it('continues an ended run on another corpus: kept and new words, the old run in the history, the new corpus loaded', async () => {
    const h = sessionHarness(join(dir, 'continued.w2vckpt'))
    await h.call({ type: 'loadCorpus', paths: [first], tokenizer: {} })
    // A long first run: still training when the continuation is asked for, so it is refused; a stopped run may be continued.
    const firstRun = await h.call({ ...start(), settings: { schedule: 'word2vec', config: { ...config, epochs: 50 } } })
    const early = await h.request({ type: 'continueRun', paths: [second] })
    expect(early.error).toEqual({ kind: 'state', message: 'A training run is in progress; stop it before you continue it on another corpus.' })
    await h.call({ type: 'stop' })
    const continued = await h.call({ type: 'continueRun', paths: [second] })
    expect(continued.warmStart).toBe('Continuing the saved run: kept 7 words, added 3 new words (4 of them occur at least 3 times in the new corpus; counts merged).')
    expect(continued.vocabSize).toBe(10)
    expect(continued.runId).not.toBe(firstRun.runId)
    await h.until((e): e is never => e.type === 'state' && e.state === 'finished' && e.run?.runId === continued.runId)
    const described = await h.call({ type: 'describe' })
    expect(described.runs.map((r) => r.runId)).toEqual([firstRun.runId, continued.runId])
    expect(described.corpus?.paths).toEqual([second])
    // The run's autosave holds the grown vocabulary and names the new corpus.
    const saved = await loadTrainingCheckpoint(h.autosavePath)
    expect(saved.vocabulary.words.slice(7)).toEqual(['zebra', 'grass', 'ran'])
    expect(saved.corpus.paths).toEqual([second])
  })

  it('continues with its own epochs, learning rates and threads, as gensim’s train() on new text, and refuses wrong ones before reading', async () => {
    const h = sessionHarness(join(dir, 'retuned.w2vckpt'))
    await h.call({ type: 'loadCorpus', paths: [first], tokenizer: {} })
    const firstRun = await h.call(start())
    await h.until((e): e is never => e.type === 'state' && e.state === 'finished' && e.run?.runId === firstRun.runId)

    // A final rate above the starting one: the form's sentence, and the ended run and its corpus stay.
    const wrong = await h.request({ type: 'continueRun', paths: [second], settings: { alpha: 0.001, minAlpha: 0.01 } })
    expect(wrong.ok).toBe(false)
    expect(wrong.error).toMatchObject({ kind: 'config', field: 'minAlpha' })
    expect(wrong.error?.message).toMatch(/\.$/)
    const after = await h.call({ type: 'describe' })
    expect(after.state).toBe('finished')
    expect(after.run?.runId).toBe(firstRun.runId)
    expect(after.corpus?.paths).toEqual([first])

    const continued = await h.call({ type: 'continueRun', paths: [second], settings: { epochs: 3, alpha: 0.01 } })
    expect(continued.settings).toMatchObject({ schedule: 'word2vec', config: { epochs: 3, alpha: 0.01, minAlpha: config.minAlpha, dim: config.dim, window: config.window } })
    await h.until((e): e is never => e.type === 'state' && e.state === 'finished' && e.run?.runId === continued.runId)
    const saved = await loadTrainingCheckpoint(h.autosavePath)
    expect(saved.settings).toEqual(continued.settings)
  })
})
