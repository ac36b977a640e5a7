/**
 * The window's session with the app and its trainer. It routes what they tell the window to the
 * stores that own it, and owns every flow that spans stores: the start, loading, training, the
 * restart after a crash. On every (re)connect (the window's start or reload, a trainer started
 * or restarted) it asks the trainer for its whole state and rebuilds the stores from it, so the
 * window shows what the trainer holds, never what it guessed.
 */
import type { AppEvent, MenuCommand, Settings } from '@contract/appProtocol'
import { type PresetId, presetTokenizer } from '@contract/settingsValidation'
import type { TrainerEvent } from '@contract/trainerProtocol'
import { CS224N_PLOT_WORDS } from '@contract/wordList'
import { effectScope, watch } from 'vue'
import { useAppStore } from '../stores/app'
import { useCorpusStore } from '../stores/corpus'
import { useErrorsStore } from '../stores/errors'
import { useExploreStore } from '../stores/explore'
import { useHyperparametersStore } from '../stores/hyperparameters'
import { usePlotStore } from '../stores/plot'
import { useTasksStore } from '../stores/tasks'
import { useTrainingStore } from '../stores/training'
import type { FileKind } from './filePaths'
import { observeRequests, requestTrainer } from './trainerClient'
import { trainerStarted } from './trainerStart'
import { w2v } from './w2vApi'

/** How long a start waits for a trainer that is still starting. */
const TRAINER_START_WAIT_MS = 15_000

export function routeTrainerEvent(event: TrainerEvent): void {
  switch (event.type) {
    case 'progress': return useTrainingStore().applyProgress(event)
    case 'snapshot': return usePlotStore().applySnapshot(event)
    case 'state': return useTrainingStore().applyState(event)
    case 'taskProgress': return useTasksStore().report(event.id, event.fraction, event.label)
    case 'finished': return useTrainingStore().applyFinished(event)
    case 'checkpointSaved': return useTrainingStore().checkpointSaved(event)
    case 'warning': return useErrorsStore().notice(event.message)
    case 'error': return useErrorsStore().show(event.error.message)
    // The handshake is main's; answers to the window's requests come back through trainerRequest.
    case 'ready': case 'response': return
  }
}

/** What the app asks of the window that the window's own commands do (menus, files from the system); they call back into the session. */
export interface WindowActions {
  runCommand(command: MenuCommand): Promise<void>
  openPaths(paths: readonly string[], kind?: FileKind): Promise<void>
}

export function routeAppEvent(event: AppEvent, actions: WindowActions): void {
  switch (event.type) {
    case 'trainerExited':
      useErrorsStore().trainerExited(event)
      return useTrainingStore().trainerLost()
    case 'trainerStarted': return void rebuildFromTrainer()
    case 'menuCommand': return void actions.runCommand(event.command)
    case 'openFile': return void actions.openPaths([event.path], event.kind)
    case 'settingsChanged': return useAppStore().applySettings(event.settings)
  }
}

/** Stores that read another store's state get it from here, as it changes. */
function followStores(): void {
  const app = useAppStore()
  const corpus = useCorpusStore()
  const training = useTrainingStore()
  const plot = usePlotStore()
  const hyperparameters = useHyperparametersStore()
  const explore = useExploreStore()
  watch(() => app.defaultThreads, (threads) => hyperparameters.threadsChanged(threads), { immediate: true })
  watch(() => corpus.current, (loaded) => {
    hyperparameters.corpusChanged(loaded ? { tokens: loaded.tokens, sentences: loaded.sentences, types: loaded.types, vocabularyByMinCount: loaded.vocabularyByMinCount } : null)
    explore.keepsCase = loaded?.tokenizer.lowercase === false
  }, { immediate: true, flush: 'sync' })
  watch(() => ({
    run: training.run !== null, vectorsFileWords: corpus.vectorsFile?.topWords ?? null, builtInCorpus: corpus.current?.builtIn ?? false,
    corpusWords: corpus.current?.topWords.map((w) => w.word) ?? [],
  }), (source) => plot.setSource(source), { immediate: true, flush: 'sync' })
  // A run that ends has its final vectors: a projection other than the live PCA is computed again.
  watch(() => training.run?.outcome, (outcome, before) => {
    if (before === 'running' && outcome !== undefined && outcome !== 'running') plot.runFinished()
  })
}

/** Connects the window to the app (once, when it starts; `startSession` follows); returns the function that disconnects it. */
export function connectSession(actions: WindowActions): () => void {
  const api = w2v()
  const tasks = useTasksStore()
  observeRequests({ sent: (id) => tasks.sent(id), settled: (id) => tasks.settled(id) })
  const scope = effectScope(true)
  scope.run(followStores)
  const offTrainer = api.onTrainerEvent(routeTrainerEvent)
  const offApp = api.onAppEvent((event) => routeAppEvent(event, actions))
  return () => {
    offTrainer()
    offApp()
    scope.stop()
    observeRequests(null)
  }
}

/** The trainer's whole state into the stores; false when there is no trainer to ask. */
export async function rebuildFromTrainer(): Promise<boolean> {
  const outcome = await requestTrainer({ type: 'describe' })
  if (!outcome.ok) return false
  const description = outcome.value
  const plot = usePlotStore()
  useCorpusStore().adopt(description.corpus, description.vectors)
  plot.follow(description.plotWords)
  useTrainingStore().rebuild(description)
  // Snapshots stream only while a run trains; vectors at rest are projected now.
  if (description.state !== 'training' && plot.hasVectors && plot.picture.words.length === 0) await plot.project()
  return true
}

/**
 * The window's start: the app's settings, then what the trainer holds (a reloaded window finds
 * its run there); a trainer with nothing loaded gets the last corpus, or the built-in one on a
 * first start or when the last one is gone. A trainer still starting is waited for once.
 */
export async function startSession(): Promise<void> {
  const settings = await w2v().getSettings({})
  if (settings.ok) useAppStore().applySettings(settings.value)
  const corpus = useCorpusStore()
  await corpus.findBuiltIn()
  if (!(await rebuildFromTrainer())) {
    if (useErrorsStore().crash || !(await trainerStarted(TRAINER_START_WAIT_MS)) || !(await rebuildFromTrainer())) return
  }
  if (corpus.current || corpus.vectorsFile) return
  await openStartCorpus(settings.ok ? settings.value : null)
}

async function openStartCorpus(settings: Settings | null): Promise<void> {
  const corpus = useCorpusStore()
  const last = settings?.lastCorpus ?? null
  if (last && last.length > 0 && (await loadCorpus(last))) return
  const failure = corpus.error
  if ((await loadCorpus(null)) && failure) corpus.refuse(`${failure} The built-in corpus was loaded instead.`)
}

/**
 * Text files as the corpus (null: the built-in one); the plot starts over with it. A file's layout
 * is found as it is read: under the course's preset, one laid out as datasetSentences.txt is read
 * again as the course reads it; under another, its notice offers the preset.
 */
export async function loadCorpus(paths: readonly string[] | null): Promise<boolean> {
  const corpus = useCorpusStore()
  const course = useHyperparametersStore().preset === 'cs224n'
  if (course) corpus.tokenizer.format = 'plain'
  let loaded = paths === null ? await corpus.loadBuiltIn() : await corpus.load(paths)
  if (loaded && course && hasCourseLayout() && corpus.current?.tokenizer.format !== 'cs224n') {
    corpus.tokenizer.format = 'cs224n'
    loaded = await corpus.reload()
  }
  if (loaded) usePlotStore().corpusChanged()
  return loaded
}

/** The loaded corpus is laid out as the course's datasetSentences.txt (read so, or found so). */
function hasCourseLayout(): boolean {
  const current = useCorpusStore().current
  return current !== null && (current.tokenizer.format === 'cs224n' || current.notices.some((notice) => notice.kind === 'cs224nLayout'))
}

/**
 * A preset: its settings, its words to plot, and its reading of the corpus. Going to or from the
 * course's preset reads the loaded corpus again, the course's way or the default way, each in
 * the layout its first lines have; between the others the user's tokenizer options stay.
 */
export async function choosePreset(id: PresetId): Promise<boolean> {
  const hyperparameters = useHyperparametersStore()
  const course = id === 'cs224n' || hyperparameters.preset === 'cs224n'
  hyperparameters.applyPreset(id)
  usePlotStore().setPresetWords(id === 'cs224n' ? CS224N_PLOT_WORDS : null)
  if (!course) return true
  const corpus = useCorpusStore()
  Object.assign(corpus.tokenizer, presetTokenizer(id, hasCourseLayout() ? 'cs224n' : 'plain'))
  return corpus.current !== null && corpus.tokenizerChanged ? reloadCorpus() : true
}

/** The current corpus again (with new tokenizer options, or into a trainer that restarted without a checkpoint). */
export async function reloadCorpus(): Promise<boolean> {
  const loaded = await useCorpusStore().reload()
  if (loaded) usePlotStore().corpusChanged()
  return loaded
}

/** The corpus read again in the encoding the user chose in its panel. */
export async function reloadInEncoding(encoding: string): Promise<boolean> {
  const loaded = await useCorpusStore().reloadInEncoding(encoding)
  if (loaded) usePlotStore().corpusChanged()
  return loaded
}

/** The way out the segmentation notice offers: the current corpus again, cut by dictionary word breaks. */
export async function reloadWithWordBreaks(): Promise<boolean> {
  useCorpusStore().tokenizer.segmentation = 'words'
  return reloadCorpus()
}

export async function openVectors(path: string): Promise<boolean> {
  const corpus = useCorpusStore()
  if (!(await corpus.openVectors(path))) return false
  await usePlotStore().vectorsOpened(corpus.vectorsFile?.topWords ?? [])
  return true
}

/** Why Train cannot start now, in one sentence; null when it can. */
export function trainBlocker(): string | null {
  const training = useTrainingStore()
  if (useErrorsStore().crash) return 'The trainer stopped; restart it first.'
  if (!useCorpusStore().current) return 'Load a corpus first.'
  if (!useHyperparametersStore().valid) return 'Fix the hyperparameters marked in red first.'
  if (training.active) return 'A run is in progress; stop it first.'
  if (!training.idle || training.busy) return 'Wait until the trainer is ready.'
  return null
}

/**
 * Starts a run with the form's settings (and the pretrained vectors chosen, under word2vec's
 * schedule); the trainer's state events then describe it.
 */
export async function train(): Promise<void> {
  if (trainBlocker() !== null) return
  const training = useTrainingStore()
  const hyperparameters = useHyperparametersStore()
  const { settings, vocabulary } = hyperparameters.settingsForStart()
  const initVectors = settings.schedule === 'word2vec' ? hyperparameters.initVectors : null
  training.requestSent()
  const outcome = await requestTrainer({ type: 'start', settings, vocabulary, plotWords: usePlotStore().wordsForStart(), ...(initVectors ? { initVectors: { ...initVectors } } : {}) })
  training.requestAnswered(outcome.ok ? outcome.value.runId : null)
  if (!outcome.ok) useErrorsStore().show(outcome.error.message)
}

/** Pretrained vectors for the next run, from the open dialog of vectors files. */
export async function choosePretrainedVectors(): Promise<void> {
  const chosen = await w2v().openVectorsDialog({})
  if (!chosen.ok) useErrorsStore().show(chosen.error.message)
  else if (chosen.value.path) useHyperparametersStore().setInitVectors(chosen.value.path)
}

/** Why the current run cannot be continued on another corpus now, in one sentence; null when it can. */
export function continueBlocker(): string | null {
  const training = useTrainingStore()
  const run = training.run
  if (useErrorsStore().crash) return 'The trainer stopped; restart it first.'
  if (!run || run.outcome === 'running') return 'Continue a run once it has finished or been stopped.'
  if (run.outcome === 'diverged') return 'A diverged run has no vectors to continue from.'
  if (run.schedule !== 'word2vec') return 'Only a run of the word2vec schedule can be continued on another corpus.'
  const problem = useHyperparametersStore().continueProblem
  if (problem) return `The continuation trains with the form's epochs, learning rates and threads: ${problem}`
  if (!training.idle || training.busy) return 'Wait until the trainer is ready.'
  return null
}

/**
 * The ended run trained further on text files the user chooses (its words keep their vectors,
 * new words join), for the form's epochs and learning rates on its threads, as gensim's train()
 * on new text takes its own; the model and corpus settings stay the run's. The trainer then
 * holds the new corpus, so the window asks it for its state.
 */
export async function continueOnAnotherCorpus(): Promise<void> {
  if (continueBlocker() !== null) return
  const chosen = await w2v().openCorpusDialog({})
  if (!chosen.ok) {
    useErrorsStore().show(chosen.error.message)
    return
  }
  if (chosen.value.paths.length === 0) return
  const training = useTrainingStore()
  training.requestSent()
  const outcome = await requestTrainer({ type: 'continueRun', paths: chosen.value.paths, settings: useHyperparametersStore().settingsForContinue() })
  training.requestAnswered(outcome.ok ? outcome.value.runId : null)
  if (!outcome.ok) useErrorsStore().show(outcome.error.message)
  else await rebuildFromTrainer()
}

async function control(type: 'pause' | 'resume' | 'stop'): Promise<void> {
  const training = useTrainingStore()
  training.requestSent()
  const outcome = await requestTrainer({ type })
  training.requestAnswered(null)
  if (!outcome.ok) useErrorsStore().show(outcome.error.message)
}

export const pause = () => control('pause')
export const resume = () => control('resume')
export const stop = () => control('stop')

/** Ctrl/Cmd+Enter and the menu's Train: start when idle, else pause or resume. */
export async function trainOrPause(): Promise<void> {
  const state = useTrainingStore().state
  if (state === 'training') await pause()
  else if (state === 'paused') await resume()
  else await train()
}

/**
 * After a crash: a new trainer, restoring the last checkpoint when there is one (its run
 * continues the interrupted record), else loading the current corpus into it.
 */
export async function restartTrainer(): Promise<void> {
  const errors = useErrorsStore()
  const training = useTrainingStore()
  const lost = errors.crash
  if (!lost || errors.restarting) return
  errors.restartBegan()
  training.restartBegan()
  const response = await w2v().restartTrainer({ fromCheckpoint: lost.checkpointPath !== null })
  if (!response.ok) {
    training.restartEnded('failed')
    errors.restartEnded(false)
    errors.show(response.error.message)
    return
  }
  const restored = response.value.restoredFrom !== null
  training.restartEnded(restored ? 'restored' : 'fresh')
  errors.restartEnded(true)
  // The new trainer plots its default words until told the window's.
  if (restored) await usePlotStore().resendWords()
  await rebuildFromTrainer()
  if (!restored) await reloadCorpus()
}

export async function showAbout(): Promise<void> {
  const response = await w2v().appInfo({})
  if (response.ok) useAppStore().showAbout(response.value)
  else useErrorsStore().show(response.error.message)
}
