/**
 * Line → tokens. The default is Unicode-aware and close to what gensim's `simple_preprocess`
 * and most word2vec preprocessing do, for any script:
 *
 * - A token is a run of letters, combining marks and digits (\p{L}\p{M}\p{N}), so accents,
 *   Devanagari vowel signs and Hebrew points stay inside their word, and "mp3" or "covid19"
 *   stay whole. Inside a token (between two such characters) these also join: an apostrophe
 *   (' or ’) or hyphen (- or ‐) — "don't", "o'clock", "well-known" —, a zero-width (non-)joiner
 *   (Persian, Indic), and "." or "," between digits — "3.14", "1,000". A leading or trailing
 *   apostrophe or hyphen is punctuation, so 'quoted' and dogs' lose their quotes.
 * - U+FFFD (a byte the decoder could not read) touching a word is part of it: in Latin-1 text
 *   read as UTF-8 each accented letter is one, and "gar�on" stays one word instead of becoming
 *   "gar" and "on", fragments that merge with real words. (Curly quotes in Windows-1252 cling to
 *   their word the same way; the corpus notices tell the user to save the file as UTF-8.) A
 *   U+FFFD standing alone is a symbol, like any other.
 * - ’ is read as ' so "don’t" and "don't" are one word.
 * - A token without any letter or mark is a number: `numbers: 'strip'` drops it.
 * - `punctuation: 'keep'` makes each punctuation or symbol character (\p{P}\p{S}, emoji
 *   included) a token of its own; 'strip' drops them. Whitespace, control and format
 *   characters never make tokens.
 * - `segmentation: 'words'` is for scripts written without spaces (Chinese, Japanese, Thai):
 *   Intl.Segmenter (ICU's dictionary-based word breaking, for `locale`) cuts the line, and its
 *   word-like segments are the tokens. Segments differ a little between ICU versions.
 * - `segmentation: 'whitespace'` is CS224n's reading (`line.strip().split()`, then lower()):
 *   every run of characters between Python's whitespace is a token, as it is, so `-lrb-`, `'s`,
 *   `,`, `--` and `...` are words. Nothing is dropped or joined, and ’ stays ’: the punctuation and
 *   numbers options do not apply.
 * - `format: 'cs224n'` is read by CorpusBuilder (the line layout), and `encoding` by the
 *   decoder (textDecoding.ts), not here: they are part of how a corpus is read, kept with these
 *   options so a reload, a checkpoint and the command line carry them along.
 * - `phrases` joins frequent pairs once the corpus is read (node/corpusPhrases.ts), not here: it
 *   travels with these options because it is part of how the corpus is read, and so is saved in
 *   checkpoints and repeated when a run is restored.
 */
import type { PhraseOptions } from './phraseOptions'

export interface TokenizerOptions {
  readonly lowercase: boolean
  readonly punctuation: 'strip' | 'keep'
  readonly numbers: 'keep' | 'strip'
  readonly segmentation: 'spaces' | 'words' | 'whitespace'
  /** BCP 47 tag for lowercasing (Turkish İ/ı, say) and word segmentation; undefined = default rules. */
  readonly locale?: string
  /** 'cs224n': a header line, then `index<TAB>sentence` lines (the course's datasetSentences.txt). */
  readonly format: 'plain' | 'cs224n'
  /** The encoding of files without a byte-order mark, as the decoder names it (textEncodings.ts); undefined: found from the bytes. */
  readonly encoding?: string
  /** Join frequent phrases ("new york" → new_york) before the vocabulary is built; undefined = off. */
  readonly phrases?: PhraseOptions
}

export const DEFAULT_TOKENIZER_OPTIONS: TokenizerOptions = {
  lowercase: true,
  punctuation: 'strip',
  numbers: 'keep',
  segmentation: 'spaces',
  format: 'plain',
}

export type Tokenizer = (line: string) => string[]

const ALNUM = String.raw`[\p{L}\p{M}\p{N}]`
const WORD_CHAR = String.raw`[\p{L}\p{M}\p{N}\uFFFD]`
const JOINER = String.raw`(?:['\-\u2010\u200C\u200D]|(?<=\p{N})[.,](?=\p{N}))`
// At most one U+FFFD before a letter, so a long run of them costs no backtracking.
const SEGMENT = String.raw`\uFFFD?${ALNUM}${WORD_CHAR}*`
const TOKEN = `${SEGMENT}(?:${JOINER}${SEGMENT})*`
const PUNCTUATION = String.raw`[\p{P}\p{S}]`
const HAS_LETTER = /[\p{L}\p{M}]/u
const STARTS_WITH_DIGIT = /^\p{N}/u
const PUNCTUATION_CHAR = new RegExp(PUNCTUATION, 'gu')

export function createTokenizer(options: Partial<TokenizerOptions> = {}): Tokenizer {
  const o: TokenizerOptions = { ...DEFAULT_TOKENIZER_OPTIONS, ...options }
  const normalise = lineNormaliser(o)
  const keepNumbers = o.numbers === 'keep'
  if (o.segmentation === 'whitespace') return whitespaceTokenizer(o)
  if (o.segmentation === 'words') return segmentingTokenizer(o, normalise, keepNumbers)

  const pattern = new RegExp(o.punctuation === 'keep' ? `${TOKEN}|${PUNCTUATION}` : TOKEN, 'gu')
  return (line) => {
    const tokens = normalise(line).match(pattern)
    if (tokens === null) return []
    return keepNumbers ? tokens : tokens.filter(isWordOrPunctuation)
  }
}

/** The line lower-cased as the options say (in the locale's rules when one is set), or as it is. */
function lowerCaser(o: TokenizerOptions): (line: string) => string {
  if (!o.lowercase) return (line) => line
  return o.locale === undefined ? (line) => line.toLowerCase() : (line) => line.toLocaleLowerCase(o.locale)
}

function lineNormaliser(o: TokenizerOptions): (line: string) => string {
  const lower = lowerCaser(o)
  return (line) => {
    const text = lower(line)
    return text.includes('\u2019') ? text.replaceAll('\u2019', "'") : text
  }
}

/** Everything the pattern matched except numbers (tokens of digits and joiners only). */
function isWordOrPunctuation(token: string): boolean {
  return HAS_LETTER.test(token) || !STARTS_WITH_DIGIT.test(token)
}

function segmentingTokenizer(o: TokenizerOptions, normalise: (line: string) => string, keepNumbers: boolean): Tokenizer {
  const segmenter = new Intl.Segmenter(o.locale, { granularity: 'word' })
  const keepPunctuation = o.punctuation === 'keep'
  return (line) => {
    const tokens: string[] = []
    for (const { segment, isWordLike } of segmenter.segment(normalise(line))) {
      if (isWordLike) {
        if (keepNumbers || HAS_LETTER.test(segment)) tokens.push(segment)
      } else if (keepPunctuation) {
        const marks = segment.match(PUNCTUATION_CHAR)
        if (marks !== null) tokens.push(...marks)
      }
    }
    return tokens
  }
}

/** What Python's str.split() splits at: its whitespace (\s without U+FEFF, with the separators \x1c–\x1f and U+0085). */
// eslint-disable-next-line no-control-regex -- the separators \x1c–\x1f are whitespace to Python's split().
const PYTHON_WHITESPACE = /[\t\n\v\f\r\x1c-\x20\x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]+/u

function whitespaceTokenizer(o: TokenizerOptions): Tokenizer {
  const lower = lowerCaser(o)
  return (line) => lower(line).split(PYTHON_WHITESPACE).filter((token) => token.length > 0)
}
