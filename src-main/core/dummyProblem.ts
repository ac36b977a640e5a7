import { normalizeRows, randomNormalMatrix } from './matrix'
import type { ContextSource } from './minibatch'
import { Random } from './random'

/**
 * Windows of uniformly random words: the course's dummy dataset (tokens a–e, any centre, 2C
 * random context words) generalised to any vocabulary size.
 */
export function uniformContextSource(vocabSize: number): ContextSource {
  return {
    vocabSize,
    getRandomContext(window, random) {
      const centerWordIdx = random.nextInt(vocabSize)
      const contextWordIdxs = Array.from({ length: 2 * window }, () => random.nextInt(vocabSize))
      return { centerWordIdx, contextWordIdxs }
    },
  }
}

export interface Word2vecProblem {
  readonly name: string
  readonly tokens: readonly string[]
  readonly dim: number
  readonly window: number
  readonly batch: number
  readonly source: ContextSource
  /** V stacked over U (2|V| × d), rows normalised as in the course. */
  readonly wordVectors: Float64Array
}

function makeProblem(name: string, tokens: readonly string[], dim: number, window: number, batch: number, seed: number): Word2vecProblem {
  const random = new Random(seed)
  const wordVectors = normalizeRows(randomNormalMatrix(2 * tokens.length, dim, random)).data
  return { name, tokens, dim, window, batch, source: uniformContextSource(tokens.length), wordVectors }
}

/** The course's test problem: 5 words a–e, 10 × 3 random unit-length vectors, C = 5, B = 50. */
export function dummyProblem(seed = 9265): Word2vecProblem {
  return makeProblem('dummy', ['a', 'b', 'c', 'd', 'e'], 3, 5, 50, seed)
}

/** A larger random problem (40 words, d = 8, C = 3, B = 20) that exercises more rows at once. */
export function randomProblem(seed = 224): Word2vecProblem {
  const tokens = Array.from({ length: 40 }, (_, i) => `w${i}`)
  return makeProblem('random', tokens, 8, 3, 20, seed)
}
