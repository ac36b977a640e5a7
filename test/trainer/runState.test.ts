/**
 * The trainer as the one source of run state: the phases it announces before its work, the
 * whole state it describes (after a run, mid-run, after a restore), how it numbers runs, and a
 * stop told apart from a finish.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { MAX_KEPT_POINTS, TRAINER_PHASES, type ProgressBatch, type TrainerCall, type TrainerEvent } from '../../src-main/core/contract/trainerProtocol'
import { COURSE_PRESET, type Cs224nSettings } from '../../src-main/core/settings/trainingSettings'
import { loadTrainingCheckpoint, saveTrainingCheckpoint } from '../../src-main/node/training/trainingCheckpoint'
import { RunCurve } from '../../src-main/trainer/runCurve'
import { plantedSynonymsText } from '../support/syntheticCorpus'
import { is, sessionHarness } from './sessionHarness'

const COURSE: Cs224nSettings = { ...COURSE_PRESET, dim: 8, iterations: 2000, batch: 10, annealEvery: 500 }
const LONG: Cs224nSettings = { ...COURSE, iterations: 10_000_000 }

let dir: string
let corpusPath: string

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'w2v-run-state-'))
  corpusPath = join(dir, 'planted.txt')
  await writeFile(corpusPath, plantedSynonymsText(2000))
})

afterAll(async () => {
  await rm(dir, { recursive: true, force: true })
})

const start = (config: Cs224nSettings): Extract<TrainerCall, { type: 'start' }> => ({ type: 'start', settings: { schedule: 'cs224n', config }, vocabulary: { minCount: 1 }, plotWords: [] })
const hasPoints = (e: TrainerEvent): e is ProgressBatch => e.type === 'progress' && e.x.length > 0

describe('phases', () => {
  it('announces each phase of a start, labelled, before its work, and lets the event leave before the work holds the thread', async () => {
    // A turn queued while a phase is announced runs before the work of the phase only if the trainer yields.
    const order: string[] = []
    const h = sessionHarness(join(dir, 'phases.w2vckpt'), {
      onEvent: (event) => {
        if (event.type !== 'state') return
        order.push(event.phase)
        setImmediate(() => order.push(`turn after ${event.phase}`))
      },
    })
    await h.call({ type: 'loadCorpus', paths: [corpusPath], tokenizer: {} })
    order.length = 0
    const answered = h.call(start(COURSE))
    // Said before the start's first synchronous step, without waiting for it.
    expect(h.events.filter(is('state')).at(-1)).toMatchObject({ state: 'preparing', phase: 'buildingVocabulary', fraction: null, run: null })
    await answered
    const phases = ['buildingVocabulary', 'encodingCorpus', 'allocating']
    for (const phase of phases) expect(order.indexOf(`turn after ${phase}`), phase).toBeLessThan(order.indexOf(phases[phases.indexOf(phase) + 1] ?? 'training'))
    for (const phase of phases) expect(TRAINER_PHASES[phase as keyof typeof TRAINER_PHASES].label).toMatch(/^[A-Z][a-z]+ the /)
    await h.call({ type: 'stop' })
  })

  it('abandons a start that is stopped while it is being prepared, and keeps the run it had', async () => {
    const h = sessionHarness(join(dir, 'abandoned.w2vckpt'))
    await h.call({ type: 'loadCorpus', paths: [corpusPath], tokenizer: {} })
    const first = await h.call(start(COURSE))
    await h.until(is('finished'))
    const starting = h.request(start(COURSE))
    expect(await h.call({ type: 'stop' })).toEqual({ state: 'stopping' })
    expect((await starting).error).toMatchObject({ kind: 'cancelled', message: 'The run was stopped before it began training.' })
    expect(h.events.filter(is('state')).at(-1)).toMatchObject({ state: 'finished', run: { runId: first.runId } })
    const described = await h.call({ type: 'describe' })
    expect(described.runs.map((r) => r.number)).toEqual([1])
  })
})

describe('describe', () => {
  it('gives the whole state after runs: the corpus, every run numbered with its outcome and curve, stopped told from finished', async () => {
    const h = sessionHarness(join(dir, 'history.w2vckpt'))
    expect(await h.call({ type: 'describe' })).toEqual({ version: 0, state: 'empty', phase: 'empty', fraction: null, corpus: null, vectors: null, run: null, runs: [], plotWords: [] })
    const corpus = await h.call({ type: 'loadCorpus', paths: [corpusPath], tokenizer: { lowercase: true } })
    const finished = await h.call(start(COURSE))
    expect(finished).toMatchObject({ number: 1, outcome: 'running', done: 0, fraction: 0, seconds: 0, restoredFrom: null })
    await h.until(is('finished'))

    const stopped = await h.call({ ...start(LONG), plotWords: ['cat', 'car'] })
    expect(stopped.number).toBe(2)
    await h.until(hasPoints)
    expect(await h.call({ type: 'stop' })).toEqual({ state: 'stopped' })
    // The bar and the run list read the same state event: stopped, not finished.
    expect(h.events.filter(is('state')).at(-1)).toMatchObject({ state: 'stopped', phase: 'stopped', run: { runId: stopped.runId, outcome: 'stopped' } })

    const described = await h.call({ type: 'describe' })
    expect(described).toMatchObject({ state: 'stopped', phase: 'stopped', corpus: { ...corpus, tokenizer: { lowercase: true } }, vectors: null, plotWords: ['cat', 'car'] })
    expect(described.version).toBe(h.events.filter(is('state')).at(-1)!.version)
    expect(described.run).toEqual(h.events.filter(is('state')).at(-1)!.run)
    const [one, two] = described.runs
    expect(described.runs).toHaveLength(2)
    expect(one).toMatchObject({ runId: finished.runId, number: 1, outcome: 'finished', done: 2000, total: 2000, fraction: 1, settings: { schedule: 'cs224n', config: COURSE }, vocabulary: { minCount: 1 } })
    expect(one!.finalLoss).toEqual(expect.any(Number))
    expect(one!.seconds).toBeGreaterThan(0)
    expect(one!.points.boundaries).toEqual([500, 1000, 1500])
    expect(one!.points.x.at(-1)).toBeLessThanOrEqual(2000)
    expect(two).toMatchObject({ runId: stopped.runId, number: 2, outcome: 'stopped' })
    expect(two!.done).toBeLessThan(LONG.iterations)
    expect(two!.fraction).toBe(two!.done / LONG.iterations)
    // The curve kept is the one streamed (nothing was coalesced: the harness acks every batch).
    const streamed = h.events.filter(is('progress')).filter((b) => b.runId === stopped.runId)
    expect(two!.points.x).toEqual(streamed.flatMap((b) => b.x))
    expect(two!.points.t).toEqual(streamed.flatMap((b) => b.t))
    for (const run of described.runs) expect(run.points.x.every((x, i, all) => i === 0 || x > all[i - 1]!)).toBe(true)
  })

  it('forgets the earlier runs the user removed, so a reconnecting window does not show them again; the current run stays', async () => {
    const h = sessionHarness(join(dir, 'forget.w2vckpt'))
    await h.call({ type: 'loadCorpus', paths: [corpusPath], tokenizer: {} })
    const first = await h.call(start(COURSE))
    await h.until(is('finished'))
    const second = await h.call(start(COURSE))
    await h.until((e): e is Extract<TrainerEvent, { type: 'finished' }> => e.type === 'finished' && e.runId === second.runId)
    expect(await h.call({ type: 'forgetRuns', runIds: [first.runId, second.runId, 'no-such-run'] })).toEqual({ forgotten: [first.runId] })
    const described = await h.call({ type: 'describe' })
    expect(described.runs.map((r) => r.runId)).toEqual([second.runId])
    // Numbering goes on: a removed run's number is not given again.
    expect((await h.call(start(COURSE))).number).toBe(3)
  })

  it('mid-run: the current run with its phase, fraction, done, seconds so far and its curve', async () => {
    const h = sessionHarness(join(dir, 'midrun.w2vckpt'))
    await h.call({ type: 'loadCorpus', paths: [corpusPath], tokenizer: {} })
    const run = await h.call(start(LONG))
    await h.until(hasPoints)
    await new Promise((resolve) => setTimeout(resolve, 100))
    const described = await h.call({ type: 'describe' })
    expect(described).toMatchObject({ state: 'training', phase: 'training', run: { runId: run.runId, number: 1, outcome: 'running' } })
    expect(described.fraction).toBe(described.run!.fraction)
    expect(described.run!.done).toBeGreaterThan(0)
    expect(described.run!.seconds).toBeGreaterThan(0)
    expect(described.runs).toHaveLength(1)
    expect(described.runs[0]!.points.x.length).toBeGreaterThan(0)
    await h.call({ type: 'pause' })
    expect(await h.call({ type: 'describe' })).toMatchObject({ state: 'paused', phase: 'paused', run: { outcome: 'running' } })
    await h.call({ type: 'stop' })
  })

  it('after a restore: the run is at the checkpoint’s position, and its training seconds go on from the checkpoint’s', async () => {
    const first = sessionHarness(join(dir, 'before-crash.w2vckpt'))
    await first.call({ type: 'loadCorpus', paths: [corpusPath], tokenizer: {} })
    await first.call(start(LONG))
    await first.until(hasPoints)
    await new Promise((resolve) => setTimeout(resolve, 200))
    const saved = await first.call({ type: 'saveCheckpoint', path: join(dir, 'midway.w2vckpt') })
    const savedAt = first.events.filter(is('checkpointSaved')).at(-1)!
    // The run goes on past the checkpoint, as a run does before its trainer is killed.
    await first.until((e): e is ProgressBatch => e.type === 'progress' && e.x.some((x) => x > savedAt.done))
    const beforeCrash = (await first.call({ type: 'describe' })).run!
    await first.call({ type: 'stop' })
    const checkpointSeconds = (await loadTrainingCheckpoint(saved.path)).trainingSeconds!
    expect(checkpointSeconds).toBeGreaterThan(0)

    const second = sessionHarness(join(dir, 'after-crash.w2vckpt'))
    const restored = await second.call({ type: 'loadCheckpoint', path: saved.path })
    const described = await second.call({ type: 'describe' })
    // Reading the checkpoint is a phase with a fraction (a large vocabulary's takes seconds).
    expect(second.events.filter(is('state')).find((e) => e.phase === 'restoring')).toMatchObject({ fraction: 0 })
    expect(described).toMatchObject({ state: 'paused', phase: 'paused', corpus: { paths: [corpusPath] } })
    expect(described.run).toEqual(restored)
    expect(restored).toMatchObject({ number: 1, outcome: 'running', done: savedAt.done, fraction: savedAt.done / LONG.iterations, seconds: checkpointSeconds, restoredFrom: saved.path })
    expect(restored.done).toBeLessThan(beforeCrash.done)
    expect(second.events.filter(is('state')).at(-1)).toMatchObject({ phase: 'paused', run: { done: savedAt.done, seconds: checkpointSeconds } })

    await second.call({ type: 'resume' })
    await second.until(hasPoints)
    await second.call({ type: 'stop' })
    const ts = second.events.filter(is('progress')).flatMap((b) => b.t)
    expect(Math.min(...ts)).toBeGreaterThan(checkpointSeconds)
    const after = await second.call({ type: 'describe' })
    expect(after.runs[0]!.seconds).toBeGreaterThan(checkpointSeconds)
  })

  it('restores a checkpoint written before training seconds were kept, from zero seconds', async () => {
    const h = sessionHarness(join(dir, 'old-format.w2vckpt'))
    await h.call({ type: 'loadCorpus', paths: [corpusPath], tokenizer: {} })
    await h.call(start(COURSE))
    await h.until(is('finished'))
    const { trainingSeconds, ...old } = await loadTrainingCheckpoint(h.autosavePath)
    expect(trainingSeconds).toBeGreaterThan(0)
    const oldPath = join(dir, 'old.w2vckpt')
    await saveTrainingCheckpoint(oldPath, old)
    expect((await loadTrainingCheckpoint(oldPath)).trainingSeconds).toBeUndefined()
    const restored = await sessionHarness(join(dir, 'old-restored.w2vckpt')).call({ type: 'loadCheckpoint', path: oldPath })
    expect(restored).toMatchObject({ done: 2000, fraction: 1, seconds: 0, restoredFrom: oldPath })
  })
})

describe('RunCurve', () => {
  it('keeps at most MAX_KEPT_POINTS points and boundaries, the last point and the curve’s order kept', () => {
    const curve = new RunCurve()
    for (let i = 1; i <= 3 * MAX_KEPT_POINTS; i++) {
      curve.add({ x: i, loss: 1 / i, smoothedLoss: null, alpha: 0.1, t: i / 100 })
      curve.addBoundary(i)
    }
    const points = curve.snapshot()
    expect(points.x.length).toBeLessThanOrEqual(MAX_KEPT_POINTS)
    expect(points.x.length).toBeGreaterThan(MAX_KEPT_POINTS / 4)
    expect(points.x.at(-1)).toBe(3 * MAX_KEPT_POINTS)
    expect(points.x.every((x, i, all) => i === 0 || x > all[i - 1]!)).toBe(true)
    expect([points.loss, points.smoothedLoss, points.alpha, points.t].every((column) => column.length === points.x.length)).toBe(true)
    expect(points.boundaries.length).toBeLessThanOrEqual(MAX_KEPT_POINTS)
    expect(points.boundaries[0]).toBe(1)
  })
})
