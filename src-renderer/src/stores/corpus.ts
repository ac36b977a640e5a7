/**
 * What the trainer has loaded: a corpus (one file or several concatenated), or a vectors file
 * opened for exploration. The first start loads the built-in Moby-Dick, later starts the last
 * corpus. A load that fails leaves the previous corpus loaded (the trainer keeps it too) and
 * says why in one sentence. What the trainer noticed while reading (encoding, bytes not UTF-8,
 * word breaks) stays with the corpus, shown in its panel for as long as it is loaded.
 */
import { TOKENIZER_DEFAULTS, type TokenizerOptions } from '@contract/settingsValidation'
import type { TrainerResult } from '@contract/trainerResults'
import { defineStore } from 'pinia'
import { computed, reactive, ref } from 'vue'
import { describePaths, fileName } from '../composables/filePaths'
import { cancelRequest, nextRequestId, requestTrainer } from '../composables/trainerClient'
import { trainerStarted } from '../composables/trainerStart'
import { w2v } from '../composables/w2vApi'
import { useAppStore } from './app'
import { useErrorsStore } from './errors'
import { usePlotStore } from './plot'
import { useTasksStore } from './tasks'
import { useTrainingStore } from './training'

export interface LoadedCorpus extends Omit<TrainerResult<'loadCorpus'>, 'paths'> {
  readonly name: string
  readonly paths: readonly string[]
  readonly builtIn: boolean
  readonly tokenizer: TokenizerOptions
}

export type OpenedVectors = TrainerResult<'openVectors'>

/** How long a load at start-up waits for a trainer that is still starting. */
const TRAINER_START_WAIT_MS = 15_000

type Mutable<T> = { -readonly [K in keyof T]: T[K] }

export const useCorpusStore = defineStore('corpus', () => {
  const current = ref<LoadedCorpus | null>(null)
  const vectorsFile = ref<OpenedVectors | null>(null)
  /** The request loading a corpus or vectors file, and what it is reading. */
  const loadingId = ref<string | null>(null)
  const loadingName = ref('')
  const error = ref<string | null>(null)
  /** The options the next load uses; the loaded corpus keeps those it was read with. */
  const tokenizer = reactive<Mutable<TokenizerOptions>>({ ...TOKENIZER_DEFAULTS })
  const builtInPath = ref<string | null>(null)
  let lastFailureKind = ''

  const loading = computed(() => loadingId.value !== null)
  const loadingProgress = computed(() => useTasksStore().progressOf(loadingId.value))
  const tokenizerChanged = computed(() => {
    const used = current.value?.tokenizer
    return used !== undefined && (Object.keys(tokenizer) as (keyof TokenizerOptions)[]).some((key) => tokenizer[key] !== used[key])
  })

  async function loadBuiltIn(): Promise<boolean> {
    const builtIn = await w2v().builtInCorpus({})
    if (!builtIn.ok) {
      error.value = builtIn.error.message
      return false
    }
    builtInPath.value = builtIn.value.path
    return load([builtIn.value.path], builtIn.value.title)
  }

  /** A load at start-up that met a trainer still starting is tried once more when it has started. */
  async function loadAtStart(attempt: () => Promise<boolean>): Promise<boolean> {
    if (await attempt()) return true
    if (lastFailureKind !== 'trainerExited' || useErrorsStore().crash || !(await trainerStarted(TRAINER_START_WAIT_MS))) return false
    error.value = null
    return attempt()
  }

  /** First start: the built-in corpus; later: the last corpus, falling back to the built-in one if it is gone. */
  async function init(): Promise<void> {
    const app = useAppStore()
    if (!app.settings) await app.loadSettings()
    const last = app.settings?.lastCorpus ?? null
    if (last && last.length > 0 && (await loadAtStart(() => load(last)))) return
    const failure = error.value
    if ((await loadAtStart(loadBuiltIn)) && failure) error.value = `${failure} The built-in corpus was loaded instead.`
  }

  async function load(paths: readonly string[], title?: string): Promise<boolean> {
    if (paths.length === 0) return false
    const id = nextRequestId()
    const options: TokenizerOptions = { ...tokenizer }
    loadingId.value = id
    loadingName.value = title ?? describePaths(paths)
    const outcome = await useTasksStore().track(id, requestTrainer({ type: 'loadCorpus', paths: [...paths], tokenizer: options }, id))
    if (loadingId.value === id) loadingId.value = null
    if (!outcome.ok) {
      lastFailureKind = outcome.error.kind
      if (outcome.error.kind !== 'cancelled') error.value = outcome.error.message
      return false
    }
    const result = outcome.value
    const builtIn = paths.length === 1 && paths[0] === builtInPath.value
    current.value = { ...result, name: title ?? (builtIn ? 'Moby-Dick' : describePaths(paths)), paths: [...paths], builtIn, tokenizer: options }
    vectorsFile.value = null
    error.value = null
    useTrainingStore().corpusLoaded()
    usePlotStore().corpusChanged()
    return true
  }

  /** The current corpus again (after a trainer restart, or with new tokenizer options). */
  async function reload(): Promise<boolean> {
    const corpus = current.value
    if (!corpus) return loadBuiltIn()
    return load(corpus.paths, corpus.builtIn ? corpus.name : undefined)
  }

  /** The way out the segmentation notice offers: the current corpus again, cut by dictionary word breaks. */
  async function reloadWithWordBreaks(): Promise<boolean> {
    tokenizer.segmentation = 'words'
    return reload()
  }

  async function openVectors(path: string): Promise<boolean> {
    const id = nextRequestId()
    loadingId.value = id
    loadingName.value = fileName(path)
    const outcome = await useTasksStore().track(id, requestTrainer({ type: 'openVectors', path }, id))
    if (loadingId.value === id) loadingId.value = null
    if (!outcome.ok) {
      if (outcome.error.kind !== 'cancelled') error.value = outcome.error.message
      return false
    }
    vectorsFile.value = outcome.value
    error.value = null
    useTrainingStore().corpusLoaded()
    await usePlotStore().vectorsOpened(outcome.value.topWords)
    return true
  }

  async function cancelLoading(): Promise<void> {
    if (loadingId.value) await cancelRequest(loadingId.value)
  }

  /** A file the user chose that the window cannot use (a dropped file without a path, a mix of kinds). */
  function refuse(message: string): void {
    error.value = message
  }

  return {
    current, vectorsFile, loadingId, loadingName, error, tokenizer, builtInPath, loading, loadingProgress, tokenizerChanged,
    init, load, loadBuiltIn, reload, reloadWithWordBreaks, openVectors, cancelLoading, refuse,
  }
})
