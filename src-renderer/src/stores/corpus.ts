/**
 * What the trainer has loaded: a corpus (one file or several concatenated), or a vectors file
 * opened for exploration. A load that fails leaves the previous corpus loaded (the trainer
 * keeps it too) and says why in one sentence. What the trainer noticed while reading
 * (encoding, bytes not UTF-8, word breaks) stays with the corpus, shown in its panel for as
 * long as it is loaded. Which corpus a start loads, and what follows a load, is the session's.
 */
import { type PhraseOptions, TOKENIZER_DEFAULTS, type TokenizerOptions, phraseOptionProblems } from '@contract/settingsValidation'
import type { TrainerResult } from '@contract/trainerResults'
import { defineStore } from 'pinia'
import { computed, reactive, ref } from 'vue'
import { describePaths, fileName } from '../composables/filePaths'
import { cancelRequest, nextRequestId, requestTrainer } from '../composables/trainerClient'
import { w2v } from '../composables/w2vApi'

export interface LoadedCorpus extends Omit<TrainerResult<'loadCorpus'>, 'paths'> {
  readonly name: string
  readonly paths: readonly string[]
  readonly builtIn: boolean
  readonly tokenizer: TokenizerOptions
}

export type OpenedVectors = TrainerResult<'openVectors'>
/** A corpus as the trainer holds it, with the options it was read with. */
export type TrainerCorpus = NonNullable<TrainerResult<'describe'>['corpus']>

type Mutable<T> = { -readonly [K in keyof T]: T[K] }

export const useCorpusStore = defineStore('corpus', () => {
  const current = ref<LoadedCorpus | null>(null)
  const vectorsFile = ref<OpenedVectors | null>(null)
  /** The request loading a corpus or vectors file, and what it is reading. */
  const loadingId = ref<string | null>(null)
  const loadingName = ref('')
  const error = ref<string | null>(null)
  /** The options the next load uses; the loaded corpus keeps those it was read with. */
  const tokenizer = reactive<Mutable<Omit<TokenizerOptions, 'phrases'>> & { phrases?: Mutable<PhraseOptions> }>({ ...TOKENIZER_DEFAULTS })
  const builtInPath = ref<string | null>(null)
  const builtInTitle = ref('Moby-Dick')

  const loading = computed(() => loadingId.value !== null)
  const tokenizerChanged = computed(() => {
    const used = current.value?.tokenizer
    if (used === undefined) return false
    const keys = new Set([...Object.keys(tokenizer), ...Object.keys(used)] as (keyof TokenizerOptions)[])
    // Phrase options are an object: compared by their values.
    return [...keys].some((key) => (key === 'phrases' ? JSON.stringify(tokenizer.phrases) !== JSON.stringify(used.phrases) : tokenizer[key] !== used[key]))
  })
  /** What is wrong with the phrase options about to be used (empty when they are off or right). */
  const phraseProblems = computed(() => (tokenizer.phrases ? phraseOptionProblems(tokenizer.phrases) : []))
  /** The name exported vectors are offered under. */
  const exportName = computed(() => (vectorsFile.value ? fileName(vectorsFile.value.path) : (current.value?.name ?? 'word2vec')))

  /** Where the app keeps Moby-Dick, so a corpus read from there is called by its title. */
  async function findBuiltIn(): Promise<{ path: string; title: string } | null> {
    const builtIn = await w2v().builtInCorpus({})
    if (!builtIn.ok) {
      error.value = builtIn.error.message
      return null
    }
    builtInPath.value = builtIn.value.path
    builtInTitle.value = builtIn.value.title
    return builtIn.value
  }

  async function loadBuiltIn(): Promise<boolean> {
    const builtIn = await findBuiltIn()
    return builtIn !== null && load([builtIn.path])
  }

  function isBuiltIn(paths: readonly string[]): boolean {
    return paths.length === 1 && paths[0] === builtInPath.value
  }

  /** Moby-Dick by its title, other files by their names. */
  function nameOf(paths: readonly string[]): string {
    return isBuiltIn(paths) ? builtInTitle.value : describePaths(paths)
  }

  function show(result: TrainerCorpus): void {
    current.value = { ...result, tokenizer: { ...TOKENIZER_DEFAULTS, ...result.tokenizer }, name: nameOf(result.paths), builtIn: isBuiltIn(result.paths) }
    vectorsFile.value = null
    error.value = null
  }

  /** What the trainer already holds, when the window (re)connects to it. */
  function adopt(corpus: TrainerCorpus | null, vectors: OpenedVectors | null): void {
    if (corpus) show(corpus)
    else current.value = null
    vectorsFile.value = vectors
  }

  /** Reads `paths` with the tokenizer options, in `encoding` (the decoder's name) or, without it, the one each file's bytes show. */
  async function load(paths: readonly string[], encoding?: string): Promise<boolean> {
    if (paths.length === 0) return false
    const id = nextRequestId()
    // A plain copy: the reactive phrase options would not survive the trip to the trainer.
    const options: TokenizerOptions = {
      ...tokenizer, ...(tokenizer.phrases ? { phrases: { ...tokenizer.phrases } } : {}), ...(encoding === undefined ? {} : { encoding }),
    }
    loadingId.value = id
    loadingName.value = nameOf(paths)
    const outcome = await requestTrainer({ type: 'loadCorpus', paths: [...paths], tokenizer: options }, id)
    if (loadingId.value === id) loadingId.value = null
    if (!outcome.ok) {
      if (outcome.error.kind !== 'cancelled') error.value = outcome.error.message
      return false
    }
    show({ ...outcome.value, paths: [...paths], tokenizer: options })
    return true
  }

  /**
   * The current corpus again (after a trainer restart, or with new tokenizer options), in the
   * encoding the user chose for it if any: a new file starts without one.
   */
  async function reload(): Promise<boolean> {
    const corpus = current.value
    if (!corpus) return loadBuiltIn()
    return load(corpus.paths, corpus.tokenizer.encoding)
  }

  /** The current corpus again, read in `encoding` (the user's choice in the panel). */
  async function reloadInEncoding(encoding: string): Promise<boolean> {
    const corpus = current.value
    return corpus !== null && load(corpus.paths, encoding)
  }

  async function openVectors(path: string): Promise<boolean> {
    const id = nextRequestId()
    loadingId.value = id
    loadingName.value = fileName(path)
    const outcome = await requestTrainer({ type: 'openVectors', path }, id)
    if (loadingId.value === id) loadingId.value = null
    if (!outcome.ok) {
      if (outcome.error.kind !== 'cancelled') error.value = outcome.error.message
      return false
    }
    vectorsFile.value = outcome.value
    error.value = null
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
    current, vectorsFile, loadingId, loadingName, error, tokenizer, builtInPath, builtInTitle, loading, tokenizerChanged, phraseProblems, exportName,
    findBuiltIn, loadBuiltIn, load, adopt, reload, reloadInEncoding, openVectors, cancelLoading, refuse,
  }
})
