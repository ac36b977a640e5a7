/**
 * The scatter plot: which words, which projection (PCA, t-SNE, UMAP) of which vectors (centre,
 * outside, concatenated), and the 2-D points drawn. PCA of the centre vectors streams live from
 * the trainer as snapshots while a run trains; every other choice is computed on demand with a
 * projection request (and again when a run ends).
 */
import { PROJECTION_METHOD_NAMES, type ProjectionMethod } from '@contract/coreTables'
import { MAX_PLOT_WORDS, type TrainerSnapshot } from '@contract/trainerProtocol'
import { defineStore } from 'pinia'
import { computed, ref, shallowRef } from 'vue'
import { MOBY_DICK_WORDS } from '../composables/plotWords'
import { cancelRequest, nextRequestId, requestTrainer } from '../composables/trainerClient'
import { formatPercent } from '../composables/format'

export type PlotVectors = 'center' | 'outside' | 'concat'

/** What there is to plot, as the session follows the trainer and the corpus. */
export interface PlotSource {
  /** The trainer holds a run's vectors (running or not). */
  readonly run: boolean
  /** The most frequent words of an opened vectors file; null when none is open. */
  readonly vectorsFileWords: readonly string[] | null
  readonly builtInCorpus: boolean
  /** The loaded corpus's most frequent words. */
  readonly corpusWords: readonly string[]
}

export interface PlotPicture {
  readonly words: readonly string[]
  readonly coordinates: readonly number[]
  readonly subtitle: string
  /** The projection and vectors the coordinates are in, e.g. "tsne/center". */
  readonly space: string
}

const VECTOR_NAMES: Readonly<Record<PlotVectors, string>> = { center: 'centre vectors', outside: 'outside vectors', concat: 'centre ⧺ outside' }
const EMPTY: PlotPicture = { words: [], coordinates: [], subtitle: '', space: '' }
const NOTHING: PlotSource = { run: false, vectorsFileWords: null, builtInCorpus: false, corpusWords: [] }
const NEIGHBOURS_SHOWN = 8

function subtitleOf(method: ProjectionMethod, vectors: PlotVectors, explained: readonly [number, number] | null, sampled = false): string {
  const parts = [PROJECTION_METHOD_NAMES[method], VECTOR_NAMES[vectors]]
  if (explained) parts.push(`${formatPercent(explained[0] + explained[1])} of the variance`)
  if (sampled) parts.push('sampled')
  return parts.join(' · ')
}

function sameWords(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((word, i) => word === b[i])
}

export const usePlotStore = defineStore('plot', () => {
  /** The words the user asked for; empty = the corpus's default. */
  const words = ref<string[]>([])
  const customised = ref(false)
  /** The chosen preset's words to plot (the course's 24), null when it has none; the user's own words still come first. */
  const presetWords = ref<readonly string[] | null>(null)
  const method = ref<ProjectionMethod>('pca')
  const vectors = ref<PlotVectors>('center')
  const picture = shallowRef<PlotPicture>(EMPTY)
  const missing = ref<string[]>([])
  const projectingId = ref<string | null>(null)
  const error = ref<string | null>(null)
  const source = shallowRef<PlotSource>(NOTHING)

  const live = computed(() => method.value === 'pca' && vectors.value === 'center')
  const projecting = computed(() => projectingId.value !== null)
  /** There are vectors to project: a run (running or not) or a vectors file. */
  const hasVectors = computed(() => source.value.run || source.value.vectorsFileWords !== null)

  /** What a new run plots: the user's words, the preset's, Moby-Dick's groups, or (empty) the trainer's most frequent words. */
  function wordsForStart(): string[] {
    if (customised.value) return words.value.slice(0, MAX_PLOT_WORDS)
    if (presetWords.value) return [...presetWords.value]
    return source.value.builtInCorpus ? [...MOBY_DICK_WORDS] : []
  }

  function applySnapshot(snapshot: TrainerSnapshot): void {
    if (!live.value) return
    picture.value = { words: snapshot.words, coordinates: snapshot.coordinates, subtitle: subtitleOf('pca', 'center', snapshot.explainedVariance), space: 'pca/center' }
    // The editor shows what is plotted until the user chooses words of their own.
    if (!customised.value && !sameWords(words.value, snapshot.words)) words.value = [...snapshot.words]
    // The preset's words the vocabulary lacks are named, as a typed list's are.
    if (!customised.value && presetWords.value) missing.value = presetWords.value.filter((word) => !snapshot.words.includes(word))
  }

  /** Words to project when none are chosen or plotted yet: Moby-Dick's groups, else the most frequent words known here. */
  function fallbackWords(): string[] {
    const { vectorsFileWords, builtInCorpus, corpusWords } = source.value
    if (vectorsFileWords) return [...vectorsFileWords]
    if (builtInCorpus) return [...MOBY_DICK_WORDS]
    return [...corpusWords]
  }

  async function project(): Promise<void> {
    const list = words.value.length > 0 ? words.value : picture.value.words.length > 0 ? [...picture.value.words] : fallbackWords()
    if (!hasVectors.value || list.length === 0) return
    if (projectingId.value) await cancelRequest(projectingId.value)
    const id = nextRequestId()
    projectingId.value = id
    error.value = null
    const outcome = await requestTrainer({ type: 'projection', words: list.slice(0, 10_000), method: method.value, vectors: vectors.value, seed: 1 }, id)
    if (projectingId.value !== id) return
    projectingId.value = null
    if (!outcome.ok) {
      if (outcome.error.kind !== 'cancelled') error.value = outcome.error.message
      return
    }
    const result = outcome.value
    picture.value = {
      words: result.words, coordinates: result.coordinates, subtitle: subtitleOf(result.method, vectors.value, result.explainedVariance, result.sampled),
      space: `${result.method}/${vectors.value}`,
    }
    missing.value = result.missing
  }

  /** Live PCA gets its picture from the trainer's next snapshot; other projections are computed now. */
  async function refresh(): Promise<void> {
    if (live.value && source.value.run) {
      const list = words.value.length > 0 ? words.value : wordsForStart()
      const outcome = await requestTrainer({ type: 'setPlotWords', words: list.slice(0, MAX_PLOT_WORDS) })
      if (outcome.ok) missing.value = outcome.value.missing
      else error.value = outcome.error.message
      return
    }
    await project()
  }

  async function setWords(list: readonly string[]): Promise<void> {
    words.value = [...list]
    customised.value = list.length > 0
    error.value = null
    await refresh()
  }

  async function setMethod(next: ProjectionMethod): Promise<void> {
    method.value = next
    await refresh()
  }

  async function setVectors(next: PlotVectors): Promise<void> {
    vectors.value = next
    await refresh()
  }

  /** After a trainer restart from a checkpoint: the new trainer plots its default words until told ours. */
  async function resendWords(): Promise<void> {
    if (words.value.length > 0) await refresh()
  }

  function runFinished(): void {
    if (!live.value) void project()
  }

  function corpusChanged(): void {
    picture.value = EMPTY
    missing.value = []
    if (!customised.value) words.value = []
  }

  async function vectorsOpened(topWords: readonly string[]): Promise<void> {
    picture.value = EMPTY
    missing.value = []
    if (!customised.value) words.value = [...topWords]
    await project()
  }

  /** The words the trainer follows, for a window that (re)connects without words of its own (a restarted trainer is sent the window's). */
  function follow(trainerWords: readonly string[]): void {
    if (words.value.length === 0) words.value = [...trainerWords]
  }

  function setPresetWords(next: readonly string[] | null): void {
    presetWords.value = next
  }

  function setSource(next: PlotSource): void {
    source.value = next
  }

  async function cancelProjection(): Promise<void> {
    if (projectingId.value) await cancelRequest(projectingId.value)
  }

  /** The hover tooltip's neighbours, in the plotted vectors. */
  async function neighboursOf(word: string): Promise<readonly string[]> {
    const outcome = await requestTrainer({ type: 'neighbours', word, k: NEIGHBOURS_SHOWN, vectors: vectors.value })
    return outcome.ok ? outcome.value.neighbours.map((n) => n.word) : []
  }

  return {
    words, customised, presetWords, method, vectors, picture, missing, projectingId, error, source, live, projecting, hasVectors,
    wordsForStart, applySnapshot, project, refresh, setWords, setMethod, setVectors, resendWords, runFinished, corpusChanged, vectorsOpened,
    follow, setPresetWords, setSource, cancelProjection, neighboursOf,
  }
})
