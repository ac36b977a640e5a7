/**
 * What a user can get wrong when querying vectors or scoring them on a benchmark: a word the
 * vectors do not know, a benchmark file that breaks its format, a benchmark none of whose
 * words is known. Each is its own class so the CLI and the window can tell them apart; the
 * message is the sentence to show.
 */

/** “11,587 words”, as messages count a vocabulary. */
export function formatWordCount(count: number): string {
  return `${count.toLocaleString('en-US')} ${count === 1 ? 'word' : 'words'}`
}

export class UnknownWordError extends Error {
  override readonly name = 'UnknownWordError'
  /** Every unknown word of the query, `word` first: an expression names them all at once. */
  readonly words: readonly string[]

  constructor(readonly word: string, readonly vocabularySize: number, others: readonly string[] = []) {
    const words = [word, ...others]
    const listed = words.map((w) => `“${w}”`)
    const subject = listed.length === 1 ? `${listed[0]!} is` : `${listed.slice(0, -1).join(', ')} and ${listed.at(-1)!} are`
    super(`${subject} not in the vocabulary (${formatWordCount(vocabularySize)}).`)
    this.words = words
  }
}

export type BenchmarkKind = 'analogy' | 'wordPair'

/** How a benchmark is named in messages when the caller gives no file name. */
export const UNNAMED_BENCHMARK: Record<BenchmarkKind, string> = {
  analogy: 'the analogy file',
  wordPair: 'the word-pair file',
}

function quoteBenchmark(kind: BenchmarkKind, source: string | undefined): string {
  return source === undefined ? UNNAMED_BENCHMARK[kind] : `“${source}”`
}

export class BenchmarkFormatError extends Error {
  override readonly name = 'BenchmarkFormatError'

  /** `line` is 1-based, as editors count; 0 when the problem is the file as a whole. */
  constructor(readonly kind: BenchmarkKind, readonly line: number, message: string) {
    super(message)
  }

  static atLine(kind: BenchmarkKind, source: string | undefined, line: number, problem: string): BenchmarkFormatError {
    return new BenchmarkFormatError(kind, line, `Line ${line} of ${quoteBenchmark(kind, source)} ${problem}`)
  }

  static empty(kind: BenchmarkKind, source: string | undefined): BenchmarkFormatError {
    const what = kind === 'analogy' ? 'analogy questions (“a b c d” lines under “: section” headers)' : 'word pairs (“word1<TAB>word2<TAB>score” lines)'
    const name = quoteBenchmark(kind, source)
    return new BenchmarkFormatError(kind, 0, `${name.charAt(0).toUpperCase()}${name.slice(1)} holds no ${what}.`)
  }
}

/** Nothing to compute: every word of the query or the benchmark is out of the vocabulary. */
export class NoKnownWordsError extends Error {
  override readonly name = 'NoKnownWordsError'

  constructor(message: string) {
    super(message)
  }
}

export class EvaluationCancelledError extends Error {
  override readonly name = 'EvaluationCancelledError'

  constructor() {
    super('The evaluation was cancelled.')
  }
}
