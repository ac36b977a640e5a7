/**
 * Analogy benchmarks in the questions-words format (Mikolov et al. 2013), scored exactly as
 * gensim 4's KeyedVectors.evaluate_word_analogies scores them (defaults restrict_vocab=300000,
 * case_insensitive=True, dummy4unknown=False, 3CosAdd), so that our figures and gensim's agree.
 */
import { threeCosAddTarget } from './analogies'
import { benchmarkLines, caseFolder, restrictedVocabulary, splitWords, stripWhitespace } from './benchmarkText'
import { BenchmarkFormatError, EvaluationCancelledError } from './evaluationErrors'
import { type VectorIndex, cosineTopK } from './vectorIndex'

/** a : b :: c : expected, from 1-based line `line` of the file. */
export interface AnalogyQuestion {
  readonly a: string
  readonly b: string
  readonly c: string
  readonly expected: string
  readonly line: number
}

export interface AnalogySection {
  readonly section: string
  readonly questions: readonly AnalogyQuestion[]
}

/**
 * `: section` lines open a section; every other non-blank line is one question of four words.
 * gensim silently skips a line without four words; we refuse it, naming the line, since a
 * benchmark that quietly loses questions gives a figure nobody can compare.
 */
export function parseAnalogyFile(text: string, source?: string): AnalogySection[] {
  const sections: { section: string; questions: AnalogyQuestion[] }[] = []
  let questionCount = 0
  benchmarkLines(text).forEach((line, i) => {
    const lineNumber = i + 1
    if (line.startsWith(': ')) {
      sections.push({ section: stripWhitespace(line.replace(/^[: ]+/, '')), questions: [] })
      return
    }
    const words = splitWords(line)
    if (words.length === 0) return
    const current = sections.at(-1)
    if (current === undefined) {
      throw BenchmarkFormatError.atLine('analogy', source, lineNumber, 'comes before any section header; an analogy file starts with a line such as “: capital-common-countries”.')
    }
    if (words.length !== 4) {
      const found = words.length === 1 ? 'one word' : `${words.length} words`
      throw BenchmarkFormatError.atLine('analogy', source, lineNumber, `has ${found}; a question has four (“a b c d”: a is to b as c is to d), and a section header starts with “: ”.`)
    }
    const [a, b, c, expected] = words as [string, string, string, string]
    current.questions.push({ a, b, c, expected, line: lineNumber })
    questionCount++
  })
  if (questionCount === 0) throw BenchmarkFormatError.empty('analogy', source)
  return sections
}

export interface AnalogyEvaluationOptions {
  /** Only the first N rows count as known and as candidate answers (gensim's restrict_vocab). */
  readonly restrictVocab?: number
  /** Compare upper-cased words; the first row of each case variant wins. */
  readonly caseInsensitive?: boolean
  /** Called every few hundred questions and at the end, with questions done (skipped included) and in all. */
  readonly onProgress?: (done: number, total: number) => void
  /** Checked before each question; true stops with an EvaluationCancelledError. */
  readonly isCancelled?: () => boolean
}

export interface AnalogySectionScore {
  readonly section: string
  readonly correct: number
  /** Questions answered (all four words known); skipped ones are not counted, as in gensim. */
  readonly total: number
  /** correct / total, or 0 when nothing was answered (gensim's convention). */
  readonly accuracy: number
}

export interface AnalogyEvaluation {
  readonly accuracy: number
  readonly correct: number
  readonly total: number
  /** Questions with a word outside the (restricted) vocabulary. */
  readonly skipped: number
  /** The file's sections in order, then gensim's “Total accuracy” section. */
  readonly sections: readonly AnalogySectionScore[]
}

export const TOTAL_SECTION = 'Total accuracy'
const PROGRESS_EVERY = 256
/** gensim looks at the five best answers and takes the first that is not an input word. */
const CANDIDATES = 5

function sectionScore(section: string, correct: number, total: number): AnalogySectionScore {
  return { section, correct, total, accuracy: total === 0 ? 0 : correct / total }
}

export function evaluateAnalogies(index: VectorIndex, sections: readonly AnalogySection[], options: AnalogyEvaluationOptions = {}): AnalogyEvaluation {
  const { restrictVocab = 300_000, caseInsensitive = true, onProgress, isCancelled } = options
  const fold = caseFolder(caseInsensitive)
  const known = restrictedVocabulary(index.words, restrictVocab, fold)
  const rowLimit = Math.min(restrictVocab, index.size)
  const questionCount = sections.reduce((sum, s) => sum + s.questions.length, 0)
  const scores: AnalogySectionScore[] = []
  let done = 0
  let skipped = 0
  for (const { section, questions } of sections) {
    let correct = 0
    let total = 0
    for (const question of questions) {
      if (isCancelled?.()) throw new EvaluationCancelledError()
      if (++done % PROGRESS_EVERY === 0) onProgress?.(done, questionCount)
      const a = fold(question.a)
      const b = fold(question.b)
      const c = fold(question.c)
      const expected = fold(question.expected)
      const rowA = known.get(a)
      const rowB = known.get(b)
      const rowC = known.get(c)
      if (rowA === undefined || rowB === undefined || rowC === undefined || !known.has(expected)) {
        skipped++
        continue
      }
      const candidates = cosineTopK(index, threeCosAddTarget(index, rowA, rowB, rowC), CANDIDATES, { excluded: new Set([rowA, rowB, rowC]), rowLimit })
      // gensim's loop, kept as is: when all five candidates are input words (other case variants
      // of them), the last one stands as the prediction. Every candidate row lies inside the
      // restriction, so gensim's “predicted in ok_vocab” test always holds and is left out.
      const ignore = new Set([a, b, c])
      let predicted: string | undefined
      for (const { row } of candidates) {
        predicted = fold(index.words[row]!)
        if (!ignore.has(predicted)) break
      }
      total++
      if (predicted === expected) correct++
    }
    scores.push(sectionScore(section, correct, total))
  }
  onProgress?.(done, questionCount)
  const correct = scores.reduce((sum, s) => sum + s.correct, 0)
  const total = scores.reduce((sum, s) => sum + s.total, 0)
  const overall = sectionScore(TOTAL_SECTION, correct, total)
  return { accuracy: overall.accuracy, correct, total, skipped, sections: [...scores, overall] }
}
