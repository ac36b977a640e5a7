/**
 * The training run as the trainer reports it: its state (from state events and the answers to
 * pause/resume/stop), the progress bar's figures, and the history of runs with their loss
 * curves. Loss points are pushed onto raw arrays and `version` is bumped per batch, so a batch
 * costs its own points, not a copy of the curve, and the chart redraws from the same arrays.
 */
import type { ProgressBatch, RunInfo, TrainerEvent, TrainerState } from '@contract/trainerProtocol'
import { defineStore } from 'pinia'
import { computed, markRaw, ref } from 'vue'
import type { LossRun } from '../charts/chartTypes'
import { type LossSeries, appendBatch, emptySeries, smoothedEnds } from '../composables/lossSeries'
import { type ScheduleSettings, describeSettings, runLabel } from '../composables/runDescription'
import { requestTrainer } from '../composables/trainerClient'
import { useCorpusStore } from './corpus'
import { useErrorsStore } from './errors'
import { useHyperparametersStore } from './hyperparameters'
import { usePlotStore } from './plot'

export type RunOutcome = 'running' | 'finished' | 'stopped' | 'diverged' | 'interrupted'

export interface RunRecord {
  readonly number: number
  /** A run restored from its checkpoint after a crash gets a new id and continues the same record. */
  readonly runIds: string[]
  readonly schedule: ProgressBatch['schedule']
  readonly label: string
  /** Its settings in one line; empty when the window did not start it (a restored run). */
  readonly summary: string
  visible: boolean
  outcome: RunOutcome
  finalLoss: number | null
  seconds: number | null
  readonly series: LossSeries
}

type FinishedEvent = Extract<TrainerEvent, { type: 'finished' }>
type CheckpointEvent = Extract<TrainerEvent, { type: 'checkpointSaved' }>

const IDLE_STATES: readonly TrainerState[] = ['ready', 'finished', 'stopped', 'diverged']

export const useTrainingStore = defineStore('training', () => {
  const state = ref<TrainerState>('empty')
  const run = ref<RunInfo | null>(null)
  const fraction = ref(0)
  const wordsPerSec = ref<number | null>(null)
  const alpha = ref<number | null>(null)
  const etaSeconds = ref<number | null>(null)
  const epoch = ref<number | null>(null)
  const runs = ref<RunRecord[]>([])
  /** Bumped whenever a run's raw arrays grew. */
  const version = ref(0)
  /** A pause/resume/stop/start request is on its way. */
  const requesting = ref(false)
  /** The run's last save (autosave, stop, end), so the user knows what a crash would keep. */
  const lastCheckpoint = ref<{ path: string; reason: CheckpointEvent['reason']; at: Date } | null>(null)
  let pendingStart: { settings: ScheduleSettings; minCount: number } | null = null
  let continuing: RunRecord | null = null
  /** Runs the user removed: a late event of theirs must not bring them back. */
  const removed = new Set<string>()
  let runCount = 0

  const idle = computed(() => IDLE_STATES.includes(state.value))
  const active = computed(() => state.value === 'training' || state.value === 'paused' || state.value === 'stopping')
  const canTrain = computed(() => idle.value && !requesting.value && useCorpusStore().current !== null && useHyperparametersStore().valid && useErrorsStore().crash === null)
  const current = computed(() => runs.value.at(-1) ?? null)

  function recordOf(runId: string): RunRecord | undefined {
    return runs.value.find((r) => r.runIds.includes(runId))
  }

  /** The record of a run id, created when it is first seen (by the start answer or its first event, whichever comes first). */
  function recordFor(runId: string, schedule: RunRecord['schedule']): RunRecord | null {
    const known = recordOf(runId)
    if (known) return known
    if (removed.has(runId)) return null
    if (continuing) {
      const record = continuing
      continuing = null
      record.runIds.push(runId)
      record.outcome = 'running'
      return record
    }
    const start = pendingStart
    pendingStart = null
    const number = ++runCount
    runs.value.push({
      number, runIds: [runId], schedule, label: runLabel(number, start?.settings ?? null), summary: start ? describeSettings(start.settings, start.minCount) : '',
      visible: true, outcome: 'running', finalLoss: null, seconds: null, series: markRaw(emptySeries()),
    })
    fraction.value = 0
    wordsPerSec.value = null
    etaSeconds.value = null
    epoch.value = null
    alpha.value = null
    return runs.value.at(-1)!
  }

  function applyState(event: Extract<TrainerEvent, { type: 'state' }>): void {
    state.value = event.state
    run.value = event.run
    if (event.run) {
      const record = recordFor(event.run.runId, event.run.schedule)
      if (record && event.state === 'diverged') record.outcome = 'diverged'
    }
  }

  function applyProgress(batch: ProgressBatch): void {
    const record = recordFor(batch.runId, batch.schedule)
    if (!record) return
    appendBatch(record.series, batch)
    if (record === current.value) {
      fraction.value = batch.fraction
      wordsPerSec.value = batch.wordsPerSec
      etaSeconds.value = batch.etaSeconds
      epoch.value = batch.epoch
      const lastAlpha = batch.alpha.at(-1)
      if (lastAlpha !== undefined) alpha.value = lastAlpha
    }
    version.value++
  }

  function applyFinished(event: FinishedEvent): void {
    const record = recordOf(event.runId)
    // The event may arrive twice (on the window's port and relayed by main); the first one counts.
    if (!record || record.outcome === 'finished' || record.outcome === 'stopped') return
    if (record.outcome !== 'diverged') record.outcome = event.stopped ? 'stopped' : 'finished'
    record.finalLoss = event.finalLoss
    record.seconds = event.seconds
    if (record === current.value) {
      if (!event.stopped) fraction.value = 1
      etaSeconds.value = null
      if (state.value === 'training' || state.value === 'stopping') state.value = 'finished'
    }
    usePlotStore().runFinished()
  }

  function checkpointSaved(event: CheckpointEvent): void {
    lastCheckpoint.value = { path: event.path, reason: event.reason, at: new Date() }
  }

  /** The trainer has a corpus (or vectors) and no run: the next run can start. */
  function corpusLoaded(): void {
    run.value = null
    state.value = 'ready'
  }

  /** The trainer process is gone: whatever ran is interrupted; the window keeps its curves. */
  function trainerLost(): void {
    const record = current.value
    if (record?.outcome === 'running') record.outcome = 'interrupted'
    state.value = 'empty'
    run.value = null
    requesting.value = false
  }

  /** The next new run id (a checkpoint restored after a crash) continues the current record. */
  function continueAfterRestore(): void {
    continuing = current.value
  }

  function forgetRestore(): void {
    continuing = null
  }

  async function control(type: 'pause' | 'resume' | 'stop'): Promise<void> {
    requesting.value = true
    const outcome = await requestTrainer({ type })
    requesting.value = false
    if (outcome.ok) state.value = outcome.value.state
    else useErrorsStore().show(outcome.error.message)
  }

  async function train(): Promise<void> {
    if (!canTrain.value) return
    const { settings, vocabulary } = useHyperparametersStore().settingsForStart()
    pendingStart = { settings, minCount: vocabulary.minCount }
    requesting.value = true
    const outcome = await requestTrainer({ type: 'start', settings, vocabulary, plotWords: usePlotStore().wordsForStart() })
    requesting.value = false
    if (!outcome.ok) {
      pendingStart = null
      useErrorsStore().show(outcome.error.message)
      return
    }
    recordFor(outcome.value.runId, outcome.value.schedule)
    run.value = outcome.value
    if (idle.value) state.value = 'training'
  }

  const pause = () => control('pause')
  const resume = () => control('resume')
  const stop = () => control('stop')

  /** Ctrl/Cmd+Enter and the menu's Train: start when idle, else pause or resume. */
  async function trainOrPause(): Promise<void> {
    if (state.value === 'training') await pause()
    else if (state.value === 'paused') await resume()
    else await train()
  }

  function setVisible(number: number, visible: boolean): void {
    const record = runs.value.find((r) => r.number === number)
    if (record) record.visible = visible
  }

  /** Removes an earlier run; the current one stays while it can still grow. */
  function removeRun(number: number): void {
    const record = runs.value.find((r) => r.number === number)
    if (!record || (record === current.value && record.outcome === 'running')) return
    for (const id of record.runIds) removed.add(id)
    runs.value = runs.value.filter((r) => r !== record)
    version.value++
  }

  /** What LossChart draws: the current run first, then earlier ones. New objects per version, the same arrays. */
  const lossRuns = computed<LossRun[]>(() => {
    void version.value
    return [...runs.value].reverse().map((r) => ({
      runId: r.runIds[0]!, label: r.label, schedule: r.schedule, visible: r.visible,
      x: r.series.x, loss: r.series.loss, alpha: r.series.alpha, t: r.series.t, boundaries: r.series.boundaries,
    }))
  })

  /** The current run's figures for the chart's container attributes. */
  const currentCurve = computed(() => {
    void version.value
    const record = current.value
    if (!record) return { points: 0, firstSmoothed: null, lastSmoothed: null }
    const ends = smoothedEnds(record.series)
    return { points: record.series.x.length, firstSmoothed: ends?.first ?? null, lastSmoothed: ends?.last ?? null }
  })

  return {
    state, run, fraction, wordsPerSec, alpha, etaSeconds, epoch, runs, version, requesting, lastCheckpoint, idle, active, canTrain, current,
    lossRuns, currentCurve,
    applyState, applyProgress, applyFinished, checkpointSaved, corpusLoaded, trainerLost, continueAfterRestore, forgetRestore,
    train, pause, resume, stop, trainOrPause, setVisible, removeRun,
  }
})
