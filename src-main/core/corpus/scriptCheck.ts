import { type RawCorpus } from './corpusTypes'

/**
 * Is this corpus written mostly in a script without spaces between words (Chinese, Japanese,
 * Thai, Lao, Khmer, Burmese) and tokenized at spaces anyway? Then its "words" are whole phrases
 * or clauses, each seen about once, and word2vec learns nothing from them. Dictionary word
 * breaks (`segmentation: 'words'`, Intl.Segmenter) are what such text needs.
 *
 * Two figures decide, both over the tokens: at least half of their characters are in those
 * scripts, and the tokens in those scripts average at least UNSEGMENTED_MEAN_LENGTH characters.
 * The second keeps quiet about text someone already cut into words with spaces (jieba, MeCab,
 * PyThaiNLP output), whose words average 1.5 to 4 characters; clauses run 8 and more.
 */

export const UNSEGMENTED_SHARE = 0.5
export const UNSEGMENTED_MEAN_LENGTH = 6

const NO_SPACE_SCRIPT = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Thai}\p{Script=Lao}\p{Script=Khmer}\p{Script=Myanmar}]/u
const NO_SPACE_SCRIPT_ALL = new RegExp(NO_SPACE_SCRIPT.source, 'gu')

export interface UnsegmentedText {
  /** Share of the tokens' characters in scripts written without spaces, in [0, 1]. */
  readonly share: number
  /** Mean length in characters (code points) of the tokens holding such characters. */
  readonly meanLength: number
}

/** The figures when the corpus looks unsegmented, else null. Walks the distinct words once. */
export function unsegmentedText(raw: RawCorpus): UnsegmentedText | null {
  let characters = 0
  let scriptCharacters = 0
  let scriptTokens = 0
  let scriptTokenCharacters = 0
  raw.types.forEach((word, t) => {
    const count = raw.typeCounts[t]!
    const length = codePoints(word)
    characters += length * count
    if (!NO_SPACE_SCRIPT.test(word)) return
    scriptCharacters += (word.match(NO_SPACE_SCRIPT_ALL)?.length ?? 0) * count
    scriptTokens += count
    scriptTokenCharacters += length * count
  })
  if (characters === 0 || scriptTokens === 0) return null
  const share = scriptCharacters / characters
  const meanLength = scriptTokenCharacters / scriptTokens
  return share >= UNSEGMENTED_SHARE && meanLength >= UNSEGMENTED_MEAN_LENGTH ? { share, meanLength } : null
}

function codePoints(word: string): number {
  let n = word.length
  for (let i = 0; i < word.length; i++) {
    const c = word.charCodeAt(i)
    if (c >= 0xdc00 && c <= 0xdfff) n--
  }
  return n
}
