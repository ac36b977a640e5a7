/**
 * Text preparation for the benchmark corpus, pure so it can be tested. Every engine splits
 * lines on whitespace, so the prepared text holds only lowercase tokens of letters and decimal
 * digits separated by single spaces: whatever tokenizer an engine has, it sees the same tokens.
 *
 * The State of the Union files have no paragraph breaks (each speech is one line), so a line is
 * one sentence. Sentence lines also keep every engine under its line limit (fastText cuts lines
 * at 1024 tokens, gensim's LineSentence at 10,000); longer sentences are wrapped at
 * MAX_LINE_TOKENS so that no engine cuts differently from another.
 */

export const MAX_LINE_TOKENS = 1000

/** A sentence ends at . ! or ?, optionally followed by closing quotes or brackets, then whitespace. */
const SENTENCE_END = /(?<=[.!?])["'”’)\]]*\s+/u
/** Apostrophes join (nation's → nations, don't → dont); thousands separators join (3,000 → 3000). */
const JOINERS = /['’]|(?<=\d),(?=\d{3})/gu
const TOKEN = /[\p{L}\p{Nd}]+/gu

/** One document's text → its token lines (lowercased, punctuation stripped, empty lines dropped). */
export function documentToLines(text: string): string[] {
  const lines: string[] = []
  for (const sentence of text.normalize('NFC').toLowerCase().split(SENTENCE_END)) {
    const tokens = sentence.replace(JOINERS, '').match(TOKEN) ?? []
    for (let start = 0; start < tokens.length; start += MAX_LINE_TOKENS) {
      lines.push(tokens.slice(start, start + MAX_LINE_TOKENS).join(' '))
    }
  }
  return lines
}

export function countTokens(lines: readonly string[]): number {
  let tokens = 0
  for (const line of lines) tokens += line === '' ? 0 : line.split(' ').length
  return tokens
}
