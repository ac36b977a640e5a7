/**
 * The scale tier's corpora (issue 13 §6), made up by a seeded generator so that any length and
 * vocabulary can be benchmarked without third-party text, and the same seed gives the same bytes:
 *
 * - zipf: tokens drawn from a Zipf law (weight 1/rank^exponent) over `types` made-up words of
 *   letters, in sentences of 3 to 40 tokens, one per line.
 * - planted: the same filler, with a share of sentences that plant analogy relations. Relation r
 *   has pairs (x, y); both words of a pair share the pair's own context words (its "entity"), and
 *   every x of r has the context words of r's first side, every y those of its second side. So
 *   y − x is about the same offset for every pair of r, and "x_i y_i x_j y_j" is an analogy
 *   question the vectors can answer; the questions file is written in questions-words format.
 *
 * The text is handed out in chunks of bounded size while it is drawn: memory depends on the
 * vocabulary (the Zipf table and the spelled words), never on the length.
 */
import { closeSync, openSync, writeFileSync, writeSync } from 'node:fs'
import { Random } from '../src-main/core/random'

export const SCALE_KINDS = ['zipf', 'planted'] as const
export type ScaleKind = (typeof SCALE_KINDS)[number]

export interface ScaleCorpusSpec {
  kind: ScaleKind
  /** Tokens in the corpus, exactly. */
  tokens: number
  /** Word types of the Zipf law (the filler); fewer of them occur in a short corpus. */
  types: number
  seed: number
}

/** The exponent of the Zipf law: natural text is near 1; at 1.0, 20M tokens over 1M types keep about 250k words at min-count 5, as in the table. */
export const ZIPF_EXPONENT = 1
export const SENTENCE_TOKENS = { min: 3, max: 40 } as const

/**
 * The planted relations. The sentence share is small enough to leave the filler's law intact
 * and large enough that every planted word passes min-count 5 from about 2M tokens on (at 30M
 * each occurs about 170 times).
 */
export const PLANTED = {
  relations: 8,
  pairsPerRelation: 20,
  /** Context words of each pair, shared by its x and y. */
  entityContexts: 2,
  /** Context words of each side of each relation. */
  sideContexts: 4,
  /** Share of sentences that are planted. */
  sentenceShare: 0.05,
  /** Share of a planted sentence's other tokens that are context words (the rest is filler). */
  contextShare: 0.6,
  sentenceTokens: { min: 5, max: 15 },
  /** A question is written only when its words occur this often (the benchmark's min-count). */
  minOccurrences: 5,
} as const

/** Bumped when the generator's output changes, so an old cached corpus is not reused. */
export const SCALE_GENERATOR_VERSION = 1

/**
 * A made-up word for a number: bijective base 26 over a–z (0 → a, 25 → z, 26 → aa, …), so the
 * frequent Zipf ranks get the short words, as in natural text, and no two numbers share a word.
 */
export function spell(n: number): string {
  let word = ''
  for (let k = n + 1; k > 0; k = Math.floor((k - 1) / 26)) word = String.fromCharCode(97 + ((k - 1) % 26)) + word
  return word
}

/** A Zipf rank for a uniform draw u in [0, 1), by binary search in the cumulative weights (one table of `types` doubles). */
export function zipfRanks(types: number): (u: number) => number {
  const cumulative = new Float64Array(types)
  let sum = 0
  for (let r = 0; r < types; r++) cumulative[r] = sum += 1 / (r + 1) ** ZIPF_EXPONENT
  return (u) => {
    const target = u * sum
    let lo = 0
    let hi = types - 1
    while (lo < hi) {
      const mid = (lo + hi) >>> 1
      if (cumulative[mid]! <= target) lo = mid + 1
      else hi = mid
    }
    return lo
  }
}

/** The planted words, spelled after the filler's numbers so they never collide with a filler word. */
function plantedWords(types: number): { x: string[][]; y: string[][]; entity: string[][][]; side: string[][][] } {
  let next = types
  const take = (): string => spell(next++)
  const p = PLANTED
  const perRelation = <T>(make: () => T): T[] => Array.from({ length: p.relations }, make)
  const perPair = <T>(make: () => T): T[] => Array.from({ length: p.pairsPerRelation }, make)
  const several = (n: number): string[] => Array.from({ length: n }, take)
  return {
    x: perRelation(() => perPair(take)),
    y: perRelation(() => perPair(take)),
    entity: perRelation(() => perPair(() => several(p.entityContexts))),
    side: perRelation(() => [several(p.sideContexts), several(p.sideContexts)]),
  }
}

export interface GeneratedCorpus {
  tokens: number
  lines: number
  bytes: number
  /** The analogy questions (questions-words format) for a planted corpus; null for zipf. */
  questions: string | null
  questionCount: number
}

/**
 * Draws the corpus and hands it to `write` in chunks of about `chunkChars` characters (never
 * more than one sentence beyond it). The questions are returned, not written: they are small
 * and can only be written once the corpus is complete (a question names only words that occur).
 */
export function generateScaleCorpus(spec: ScaleCorpusSpec, write: (chunk: string) => void, chunkChars = 1 << 16): GeneratedCorpus {
  if (!Number.isInteger(spec.tokens) || spec.tokens < 1) throw new RangeError(`tokens must be a whole number of at least 1, not ${spec.tokens}.`)
  if (!Number.isInteger(spec.types) || spec.types < 1) throw new RangeError(`types must be a whole number of at least 1, not ${spec.types}.`)
  const random = new Random(spec.seed)
  const rankOf = zipfRanks(spec.types)
  const zipf = (): number => rankOf(random.nextFloat())
  const fillerWords = Array.from({ length: spec.types }, (_, r) => spell(r))
  const filler = (): string => fillerWords[zipf()]!
  const planted = spec.kind === 'planted' ? plantedWords(spec.types) : null
  // Occurrences of each planted x and y, to keep only the questions whose words made it in.
  const counts = planted === null ? null : planted.x.map((xs) => xs.map(() => [0, 0]))

  const pick = <T>(xs: readonly T[]): T => xs[random.nextInt(xs.length)]!
  const between = (range: { min: number; max: number }): number => random.randint(range.min, range.max)
  let buffer = ''
  let written = 0
  let lines = 0
  let bytes = 0
  const flush = (): void => {
    if (buffer === '') return
    write(buffer)
    bytes += buffer.length // ASCII only: one byte a character
    buffer = ''
  }
  while (written < spec.tokens) {
    const words: string[] = []
    if (planted !== null && counts !== null && random.nextFloat() < PLANTED.sentenceShare) {
      const length = Math.min(between(PLANTED.sentenceTokens), spec.tokens - written)
      const r = random.nextInt(PLANTED.relations)
      const i = random.nextInt(PLANTED.pairsPerRelation)
      const s = random.nextInt(2)
      const at = random.nextInt(length)
      for (let k = 0; k < length; k++) {
        if (k === at) words.push((s === 0 ? planted.x : planted.y)[r]![i]!)
        else if (random.nextFloat() >= PLANTED.contextShare) words.push(filler())
        else words.push(random.nextFloat() < 0.5 ? pick(planted.entity[r]![i]!) : pick(planted.side[r]![s]!))
      }
      counts[r]![i]![s]!++
    } else {
      const length = Math.min(between(SENTENCE_TOKENS), spec.tokens - written)
      for (let k = 0; k < length; k++) words.push(filler())
    }
    written += words.length
    lines++
    buffer += words.join(' ') + '\n'
    if (buffer.length >= chunkChars) flush()
  }
  flush()

  if (planted === null || counts === null) return { tokens: written, lines, bytes, questions: null, questionCount: 0 }
  const out: string[] = []
  let questionCount = 0
  for (let r = 0; r < PLANTED.relations; r++) {
    out.push(`: planted-${spell(r)}`)
    const kept = counts[r]!.flatMap(([x, y], i) => (x! >= PLANTED.minOccurrences && y! >= PLANTED.minOccurrences ? [i] : []))
    for (const i of kept) {
      for (const j of kept) {
        if (i === j) continue
        out.push(`${planted.x[r]![i]} ${planted.y[r]![i]} ${planted.x[r]![j]} ${planted.y[r]![j]}`)
        questionCount++
      }
    }
  }
  return { tokens: written, lines, bytes, questions: out.join('\n') + '\n', questionCount }
}

/** Writes the corpus to `corpusFile` as it is drawn, and the questions (planted only) to `questionsFile`. */
export function writeScaleCorpus(spec: ScaleCorpusSpec, corpusFile: string, questionsFile: string): GeneratedCorpus {
  const fd = openSync(corpusFile, 'w')
  let generated: GeneratedCorpus
  try {
    generated = generateScaleCorpus(spec, (chunk) => { writeSync(fd, chunk) })
  } finally {
    closeSync(fd)
  }
  if (generated.questions !== null) writeFileSync(questionsFile, generated.questions)
  return generated
}
