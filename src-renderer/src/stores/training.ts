/**
 * The training run as the trainer reports it, and nothing else: its state, phase and run (from
 * state events, or the whole state the trainer describes when the window connects), the
 * progress bar's figures, and the runs of this session with their loss curves. Answers to the
 * window's requests never write here, and of a state event and a description (one comes on the
 * trainer's port, the other through main) the one of the higher version wins, so the order in
 * which they arrive does not matter. Loss points are pushed onto raw arrays and
 * `version` is bumped per batch, so a batch costs its own points, not a copy of the curve.
 */
import { courseSanityCheckApplies } from '@contract/courseSanityCheck'
import {
  type ProgressBatch, type RunInfo, type RunRecord as TrainerRunRecord, TRAINER_PHASES, type TrainerEvent, type TrainerPhase, type TrainerState,
} from '@contract/trainerProtocol'
import type { TrainerDescription } from '@contract/trainerResults'
import { defineStore } from 'pinia'
import { computed, markRaw, ref } from 'vue'
import type { LossRun } from '../charts/chartTypes'
import { type LossSeries, appendBatch, cutAfter, emptySeries, mergeSeries, smoothedEnds } from '../composables/lossSeries'
import { describeSettings, runLabel } from '../composables/runDescription'
import { requestTrainer } from '../composables/trainerClient'

/** A run as the window lists it; 'interrupted' when its trainer process died while it ran. */
export type RunOutcome = RunInfo['outcome'] | 'interrupted'

export interface RunRecord {
  readonly number: number
  /** A run restored from its checkpoint after a crash gets a new id and continues the same record. */
  readonly runIds: string[]
  readonly schedule: ProgressBatch['schedule']
  readonly label: string
  /** Its settings in one line. */
  readonly summary: string
  /** Whether run.py's sanity check speaks of it (a course run of skip-gram with negative sampling). */
  readonly courseCheck: boolean
  visible: boolean
  outcome: RunOutcome
  finalLoss: number | null
  seconds: number | null
  /** The autosave file this run was last saved to. */
  checkpointPath: string | null
  readonly series: LossSeries
}

/** Where the window stands with its trainer: connected, or between a crash and the new trainer. */
export type TrainerLink = 'connecting' | 'connected' | 'lost' | 'restarting'

type StateEvent = Extract<TrainerEvent, { type: 'state' }>
type FinishedEvent = Extract<TrainerEvent, { type: 'finished' }>
type CheckpointEvent = Extract<TrainerEvent, { type: 'checkpointSaved' }>

const IDLE_STATES: readonly TrainerState[] = ['ready', 'finished', 'stopped', 'diverged']
const ACTIVE_STATES: readonly TrainerState[] = ['preparing', 'training', 'paused', 'stopping']
const LINK_LABELS: Readonly<Record<Exclude<TrainerLink, 'connected'>, string>> = {
  connecting: 'Connecting to the trainer', lost: 'The trainer stopped', restarting: 'Restarting the trainer',
}

export const useTrainingStore = defineStore('training', () => {
  const link = ref<TrainerLink>('connecting')
  const state = ref<TrainerState>('empty')
  const phase = ref<TrainerPhase>('empty')
  /** How far the current phase is, 0 to 1; null when the trainer cannot tell. */
  const phaseFraction = ref<number | null>(null)
  const run = ref<RunInfo | null>(null)
  const fraction = ref(0)
  const wordsPerSec = ref<number | null>(null)
  /** The course schedule's speed: iterations (minibatches) per second. */
  const iterationsPerSec = ref<number | null>(null)
  const alpha = ref<number | null>(null)
  const etaSeconds = ref<number | null>(null)
  const epoch = ref<number | null>(null)
  const runs = ref<RunRecord[]>([])
  /** Bumped whenever a run's raw arrays grew. */
  const version = ref(0)
  /** A pause/resume/stop/start request is on its way, or a started run the trainer has not described yet. */
  const requesting = ref(false)
  const awaitedRun = ref<string | null>(null)
  /** The run's last save (autosave, stop, end), so the user knows what a crash would keep. */
  const lastCheckpoint = ref<{ path: string; reason: CheckpointEvent['reason']; at: Date } | null>(null)
  /** Run ids the user removed from the list: a late event of theirs must not bring them back. */
  const removed = ref<string[]>([])
  /** The version of the trainer's account held: a state event or description of a lower one is older news. */
  const stateVersion = ref(-1)
  /** Runs of trainer processes that died: the next trainer numbers its runs after them. */
  const numberBase = ref(0)

  const idle = computed(() => link.value === 'connected' && IDLE_STATES.includes(state.value))
  /** No request can go now: one is on its way, a started run is not described yet, or there is no trainer. */
  const busy = computed(() => requesting.value || awaitedRun.value !== null || link.value !== 'connected')
  const active = computed(() => ACTIVE_STATES.includes(state.value))
  const current = computed(() => runs.value.at(-1) ?? null)
  /** What the bar says the trainer is doing, in words. */
  const phaseLabel = computed(() => (link.value === 'connected' ? TRAINER_PHASES[phase.value].label : LINK_LABELS[link.value]))

  function recordOf(runId: string): RunRecord | undefined {
    return runs.value.find((r) => r.runIds.includes(runId))
  }

  /** The record of a run the trainer describes, created when first seen; its figures follow the trainer's unless `current` is false (older news). */
  function recordFor(info: RunInfo, current = true): RunRecord | null {
    if (removed.value.includes(info.runId)) return null
    let record = recordOf(info.runId)
    if (!record) {
      record = continuedBy(info) ?? newRecord(info)
      if (!record.runIds.includes(info.runId)) record.runIds.push(info.runId)
    } else if (!current) return record
    record.outcome = info.outcome
    record.finalLoss = info.finalLoss
    record.seconds = info.seconds
    record.checkpointPath = info.checkpointPath
    return record
  }

  /** A run restored from the checkpoint an earlier record was saved to continues that record, from the checkpoint's position. */
  function continuedBy(info: RunInfo): RunRecord | null {
    if (info.restoredFrom === null) return null
    const record = runs.value.findLast((r) => r.checkpointPath === info.restoredFrom && r.outcome === 'interrupted')
    if (!record) return null
    cutAfter(record.series, info.done)
    version.value++
    return record
  }

  function newRecord(info: RunInfo): RunRecord {
    const number = numberBase.value + info.number
    const record: RunRecord = {
      number, runIds: [], schedule: info.schedule, label: runLabel(number, info.settings), summary: describeSettings(info.settings, info.vocabulary.minCount),
      courseCheck: courseSanityCheckApplies(info.settings),
      visible: true, outcome: info.outcome, finalLoss: null, seconds: null, checkpointPath: null, series: markRaw(emptySeries()),
    }
    // In the trainer's order, whichever of its runs the window hears of first.
    const at = runs.value.findIndex((r) => r.number > number)
    runs.value.splice(at < 0 ? runs.value.length : at, 0, record)
    return runs.value.find((r) => r.number === number)!
  }

  function showRun(info: RunInfo | null): void {
    run.value = info
    if (!info) return
    fraction.value = info.fraction
    epoch.value = info.epoch
    if (info.outcome !== 'running') etaSeconds.value = null
  }

  function applyState(event: StateEvent): void {
    if (event.version <= stateVersion.value) return
    stateVersion.value = event.version
    link.value = 'connected'
    state.value = event.state
    phase.value = event.phase
    phaseFraction.value = event.fraction
    if (event.run && event.run.runId !== run.value?.runId) {
      wordsPerSec.value = null
      iterationsPerSec.value = null
      etaSeconds.value = null
      alpha.value = null
    }
    if (event.run) recordFor(event.run)
    if (event.run?.runId === awaitedRun.value) awaitedRun.value = null
    showRun(event.run)
  }

  function applyProgress(batch: ProgressBatch): void {
    const record = recordOf(batch.runId)
    if (!record) return
    appendBatch(record.series, batch)
    if (record === current.value) {
      fraction.value = batch.fraction
      wordsPerSec.value = batch.wordsPerSec
      iterationsPerSec.value = batch.iterationsPerSec ?? null
      etaSeconds.value = batch.etaSeconds
      epoch.value = batch.epoch
      const lastAlpha = batch.alpha.at(-1)
      if (lastAlpha !== undefined) alpha.value = lastAlpha
    }
    version.value++
  }

  function applyFinished(event: FinishedEvent): void {
    const record = recordOf(event.runId)
    if (!record || record.outcome !== 'running') return
    record.outcome = event.stopped ? 'stopped' : 'finished'
    record.finalLoss = event.finalLoss
    record.seconds = event.seconds
    if (record === current.value) etaSeconds.value = null
  }

  function checkpointSaved(event: CheckpointEvent): void {
    lastCheckpoint.value = { path: event.path, reason: event.reason, at: new Date() }
    if (current.value) current.value.checkpointPath = event.path
  }

  /**
   * Everything from the trainer's own account, when the window (re)connects: its runs with their
   * points replace the records it knows, and records of a dead trainer stay as they were.
   */
  function rebuild(description: TrainerDescription): void {
    link.value = 'connected'
    const newer = description.version >= stateVersion.value
    for (const described of description.runs) rebuildRun(described, newer)
    if (newer) {
      stateVersion.value = description.version
      state.value = description.state
      phase.value = description.phase
      phaseFraction.value = description.fraction
      showRun(description.run)
    }
    version.value++
  }

  function rebuildRun(described: TrainerRunRecord, newer: boolean): void {
    const record = recordFor(described, newer)
    if (!record) return
    runs.value[runs.value.indexOf(record)] = { ...record, series: markRaw(mergeSeries(record.series, described.points)) }
  }

  /** The trainer process is gone: whatever ran is interrupted; the window keeps its curves. */
  function trainerLost(): void {
    link.value = 'lost'
    // The next trainer counts its versions from the start again.
    stateVersion.value = -1
    awaitedRun.value = null
    phaseFraction.value = null
    wordsPerSec.value = null
    iterationsPerSec.value = null
    etaSeconds.value = null
    for (const record of runs.value) if (record.outcome === 'running') record.outcome = 'interrupted'
    numberBase.value = runs.value.reduce((max, r) => Math.max(max, r.number), 0)
    requesting.value = false
  }

  function restartBegan(): void {
    link.value = 'restarting'
  }

  /**
   * 'restored': the new trainer's first run continues an earlier record under its old number, so
   * its later runs are numbered one lower; 'failed': there is still no trainer.
   */
  function restartEnded(outcome: 'restored' | 'fresh' | 'failed'): void {
    if (outcome === 'restored') numberBase.value--
    if (outcome === 'failed') link.value = 'lost'
  }

  function requestSent(): void {
    requesting.value = true
  }

  /** `startedRun`: the run a start answer named, which the trainer's events have yet to describe if they have not already. */
  function requestAnswered(startedRun: string | null): void {
    requesting.value = false
    if (startedRun !== null && !recordOf(startedRun) && !removed.value.includes(startedRun)) awaitedRun.value = startedRun
  }

  function setVisible(number: number, visible: boolean): void {
    const record = runs.value.find((r) => r.number === number)
    if (record) record.visible = visible
  }

  /** Removes an earlier run; the current one stays while it can still grow. */
  function removeRun(number: number): void {
    const record = runs.value.find((r) => r.number === number)
    if (!record || (record === current.value && record.outcome === 'running')) return
    removed.value.push(...record.runIds)
    runs.value = runs.value.filter((r) => r !== record)
    version.value++
    // The trainer keeps every run for a window that reconnects: it must forget this one too, or a
    // reload shows it again. Should it not answer, the run comes back on a reload, nothing worse.
    void requestTrainer({ type: 'forgetRuns', runIds: [...record.runIds] })
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
    link, state, phase, phaseFraction, run, fraction, wordsPerSec, iterationsPerSec, alpha, etaSeconds, epoch, runs, version, requesting, awaitedRun, lastCheckpoint, removed, stateVersion, numberBase,
    idle, busy, active, current, phaseLabel, lossRuns, currentCurve,
    applyState, applyProgress, applyFinished, checkpointSaved, rebuild, trainerLost, restartBegan, restartEnded, requestSent, requestAnswered,
    setVisible, removeRun,
  }
})
