/**
 * Questions to the current vectors (the run's, live while it trains, or a vectors file's):
 * nearest neighbours, analogies a : b :: c : ? and sums of words (`king - man + woman`) by 3CosAdd
 * or 3CosMul, the odd one out of a group, and scores on a benchmark file the user opens or drops
 * (an analogy file in questions-words format, or word pairs with human similarity).
 */
import type { DroppedFile } from '@contract/preloadApi'
import { type AnalogyMethod, MAX_ODD_ONE_OUT_WORDS } from '@contract/trainerProtocol'
import { parseWordList } from '@contract/wordList'
import type { TrainerResult } from '@contract/trainerResults'
import { defineStore } from 'pinia'
import { ref } from 'vue'
import { cancelRequest, nextRequestId, requestTrainer } from '../composables/trainerClient'
import { fileName } from '../composables/filePaths'
import { w2v } from '../composables/w2vApi'

export type QueryVectors = 'center' | 'outside' | 'sum' | 'concat'
export type BenchmarkKind = 'analogy' | 'wordPairs'
export type Neighbour = TrainerResult<'neighbours'>['neighbours'][number]
export type ExpressionAnswer = TrainerResult<'expression'>
export type OddOneOutAnswer = TrainerResult<'oddOneOut'>
type Evaluation = TrainerResult<'evaluate'>
export type AnalogyEvaluation = Extract<Evaluation, { kind: 'analogy' }>
export type WordPairEvaluation = Extract<Evaluation, { kind: 'wordPairs' }>

const RESULTS_SHOWN = 10

export const useExploreStore = defineStore('explore', () => {
  /** The loaded corpus kept upper case (the session follows the corpus). */
  const keepsCase = ref(false)
  const vectors = ref<QueryVectors>('center')

  const query = ref('')
  const neighbours = ref<Neighbour[]>([])
  const neighboursError = ref<string | null>(null)

  const analogyWords = ref({ a: '', b: '', c: '' })
  const analogyMethod = ref<AnalogyMethod>('3CosAdd')
  const analogyResults = ref<Neighbour[]>([])
  const analogyError = ref<string | null>(null)

  const expressionText = ref('')
  const expressionMethod = ref<AnalogyMethod>('3CosAdd')
  const expressionAnswer = ref<ExpressionAnswer | null>(null)
  const expressionError = ref<string | null>(null)

  const oddWords = ref('')
  const oddAnswer = ref<OddOneOutAnswer | null>(null)
  const oddError = ref<string | null>(null)

  const analogyScore = ref<(AnalogyEvaluation & { file: string }) | null>(null)
  const wordPairScore = ref<(WordPairEvaluation & { file: string }) | null>(null)
  const evaluatingId = ref<string | null>(null)
  const evaluationError = ref<string | null>(null)

  /** A typed word as the tokenizer made the vocabulary. */
  function cleanWord(text: string): string {
    const word = text.trim()
    return keepsCase.value ? word : word.toLowerCase()
  }

  async function findNeighbours(): Promise<void> {
    const word = cleanWord(query.value)
    neighboursError.value = null
    if (!word) {
      neighboursError.value = 'Type a word to find its neighbours.'
      return
    }
    const outcome = await requestTrainer({ type: 'neighbours', word, k: RESULTS_SHOWN, vectors: vectors.value })
    if (outcome.ok) neighbours.value = outcome.value.neighbours
    else {
      neighbours.value = []
      neighboursError.value = outcome.error.message
    }
  }

  async function solveAnalogy(): Promise<void> {
    const a = cleanWord(analogyWords.value.a)
    const b = cleanWord(analogyWords.value.b)
    const c = cleanWord(analogyWords.value.c)
    analogyError.value = null
    if (!a || !b || !c) {
      analogyError.value = 'Fill in all three words: a is to b as c is to ?'
      return
    }
    const outcome = await requestTrainer({ type: 'analogy', a, b, c, k: RESULTS_SHOWN, method: analogyMethod.value, vectors: vectors.value })
    if (outcome.ok) analogyResults.value = outcome.value.neighbours
    else {
      analogyResults.value = []
      analogyError.value = outcome.error.message
    }
  }

  /** The trainer parses the expression (core's grammar) and answers a mistake with its sentence. */
  async function computeExpression(): Promise<void> {
    const text = keepsCase.value ? expressionText.value : expressionText.value.toLowerCase()
    expressionError.value = null
    const outcome = await requestTrainer({ type: 'expression', text, k: RESULTS_SHOWN, method: expressionMethod.value, vectors: vectors.value })
    if (outcome.ok) expressionAnswer.value = outcome.value
    else {
      expressionAnswer.value = null
      expressionError.value = outcome.error.message
    }
  }

  async function findOddOneOut(): Promise<void> {
    const words = parseWordList(oddWords.value, !keepsCase.value)
    oddError.value = null
    if (words.length === 0) {
      oddAnswer.value = null
      oddError.value = 'Type two or more words, separated by spaces or commas.'
      return
    }
    if (words.length > MAX_ODD_ONE_OUT_WORDS) {
      oddAnswer.value = null
      oddError.value = `That is ${words.length} words; compare at most ${MAX_ODD_ONE_OUT_WORDS} at a time.`
      return
    }
    const outcome = await requestTrainer({ type: 'oddOneOut', words, vectors: vectors.value })
    if (outcome.ok) oddAnswer.value = outcome.value
    else {
      oddAnswer.value = null
      oddError.value = outcome.error.message
    }
  }

  async function evaluate(kind: BenchmarkKind, path: string): Promise<void> {
    if (evaluatingId.value) await cancelRequest(evaluatingId.value)
    const id = nextRequestId()
    evaluatingId.value = id
    evaluationError.value = null
    const outcome = await requestTrainer({ type: 'evaluate', kind, path }, id)
    if (evaluatingId.value !== id) return
    evaluatingId.value = null
    if (!outcome.ok) {
      if (outcome.error.kind !== 'cancelled') evaluationError.value = outcome.error.message
      return
    }
    const score = outcome.value
    if (score.kind === 'analogy') analogyScore.value = { ...score, file: fileName(path) }
    else wordPairScore.value = { ...score, file: fileName(path) }
  }

  async function openBenchmark(kind: BenchmarkKind): Promise<void> {
    const chosen = await w2v().openBenchmarkDialog({ kind })
    if (!chosen.ok) evaluationError.value = chosen.error.message
    else if (chosen.value.path) await evaluate(kind, chosen.value.path)
  }

  /** A benchmark file dropped on the evaluation card. */
  async function evaluateDropped(kind: BenchmarkKind, file: DroppedFile): Promise<void> {
    const path = w2v().pathForFile(file)
    if (path === '') evaluationError.value = `“${file.name}” is not a file on this computer's disk; save it first, then drop the saved file.`
    else await evaluate(kind, path)
  }

  async function cancelEvaluation(): Promise<void> {
    if (evaluatingId.value) await cancelRequest(evaluatingId.value)
  }

  return {
    keepsCase, vectors, query, neighbours, neighboursError, analogyWords, analogyMethod, analogyResults, analogyError,
    expressionText, expressionMethod, expressionAnswer, expressionError, oddWords, oddAnswer, oddError,
    analogyScore, wordPairScore, evaluatingId, evaluationError,
    findNeighbours, solveAnalogy, computeExpression, findOddOneOut, evaluate, evaluateDropped, openBenchmark, cancelEvaluation,
  }
})
