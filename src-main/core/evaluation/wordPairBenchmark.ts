/**
 * Word-pair similarity benchmarks (WordSim-353, SimLex-999, …), scored exactly as gensim 4's
 * KeyedVectors.evaluate_word_pairs scores them (defaults restrict_vocab=300000,
 * case_insensitive=True, dummy4unknown=False): the correlation between the human scores and the
 * cosines of the pairs whose two words are both known.
 */
import { benchmarkLines, caseFolder, restrictedVocabulary, stripWhitespace } from './benchmarkText'
import { pearson, spearman } from './correlation'
import { BenchmarkFormatError, NoKnownWordsError, formatWordCount } from './evaluationErrors'
import { type VectorIndex, cosineOfRows } from './vectorIndex'

export interface WordPair {
  readonly word1: string
  readonly word2: string
  /** The human similarity judgement. */
  readonly score: number
  /** 1-based line of the file. */
  readonly line: number
}

// What Python's float() accepts, less inf, nan and digit underscores, which no benchmark uses.
const NUMBER = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/

/**
 * Lines are `word1<TAB>word2<TAB>score`; `#` lines are comments and blank lines are ignored.
 * Words are kept exactly as written between the tabs, as gensim keeps them. gensim silently
 * skips a malformed line; we refuse it, naming the line.
 */
export function parseWordPairFile(text: string, source?: string): WordPair[] {
  const pairs: WordPair[] = []
  benchmarkLines(text).forEach((line, i) => {
    const lineNumber = i + 1
    if (line.startsWith('#') || stripWhitespace(line) === '') return
    const fields = line.split('\t')
    if (fields.length !== 3) {
      const found = fields.length === 1 ? 'no tab' : `${fields.length - 1} tabs`
      throw BenchmarkFormatError.atLine('wordPair', source, lineNumber, `has ${found}; a word pair is “word1<TAB>word2<TAB>score” (two tabs), and comment lines start with “#”.`)
    }
    const [word1, word2, scoreText] = fields as [string, string, string]
    if (word1 === '' || word2 === '') {
      throw BenchmarkFormatError.atLine('wordPair', source, lineNumber, 'has an empty word; a word pair is “word1<TAB>word2<TAB>score”.')
    }
    const score = stripWhitespace(scoreText)
    if (!NUMBER.test(score)) {
      throw BenchmarkFormatError.atLine('wordPair', source, lineNumber, `has the score “${score}”, which is not a number; a word pair is “word1<TAB>word2<TAB>score”.`)
    }
    pairs.push({ word1, word2, score: Number(score), line: lineNumber })
  })
  if (pairs.length === 0) throw BenchmarkFormatError.empty('wordPair', source)
  return pairs
}

export interface WordPairEvaluationOptions {
  /** Only the first N rows count as known (gensim's restrict_vocab). */
  readonly restrictVocab?: number
  /** Compare upper-cased words; the first row of each case variant wins. */
  readonly caseInsensitive?: boolean
}

export interface WordPairEvaluation {
  /** Pearson's r between human scores and cosines; NaN when it is undefined (a constant series, fewer than two pairs). */
  readonly pearson: number
  /** Spearman's ρ, ties sharing their average rank. */
  readonly spearman: number
  /**
   * Share (0–1) of pairs with a word outside the (restricted) vocabulary: a fraction like every
   * other share the app passes around (gensim's oov_ratio is this times 100).
   */
  readonly oovRatio: number
  /** Pairs scored (both words known). */
  readonly pairs: number
  /** Pairs left out because a word is unknown. */
  readonly skipped: number
}

/** Throws NoKnownWordsError when no pair has both words known, as gensim refuses to score nothing. */
export function evaluateWordPairs(index: VectorIndex, pairs: readonly WordPair[], options: WordPairEvaluationOptions = {}): WordPairEvaluation {
  const { restrictVocab = 300_000, caseInsensitive = true } = options
  const fold = caseFolder(caseInsensitive)
  const known = restrictedVocabulary(index.words, restrictVocab, fold)
  const human: number[] = []
  const model: number[] = []
  let skipped = 0
  for (const pair of pairs) {
    const row1 = known.get(fold(pair.word1))
    const row2 = known.get(fold(pair.word2))
    if (row1 === undefined || row2 === undefined) {
      skipped++
      continue
    }
    human.push(pair.score)
    model.push(cosineOfRows(index, row1, row2))
  }
  if (human.length === 0) {
    const scope = restrictVocab < index.size ? `the first ${formatWordCount(restrictVocab)} of the vocabulary` : `the vocabulary (${formatWordCount(index.size)})`
    if (pairs.length === 0) throw new NoKnownWordsError('No word pairs were given, so there is nothing to correlate.')
    const subject = pairs.length === 1 ? 'The only word pair does not have' : `None of the ${pairs.length.toLocaleString('en-US')} word pairs has`
    throw new NoKnownWordsError(`${subject} both words in ${scope}, so there is nothing to correlate.`)
  }
  return {
    pearson: pearson(human, model),
    spearman: spearman(human, model),
    oovRatio: skipped / pairs.length,
    pairs: human.length,
    skipped,
  }
}
