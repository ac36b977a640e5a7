/**
 * Telling the course's datasetSentences.txt from plain text by its first lines, so a student who
 * drops it is offered the course's reading before the sentence numbers become words. The file
 * (Stanford Sentiment Treebank) starts `sentence_index<TAB>sentence`, then `1<TAB>The Rock is …`.
 */
import type { TokenizerOptions } from './tokenizer'

export type CorpusLayout = TokenizerOptions['format']

/** Characters of a file's start that decide its layout: its header and a few numbered lines. */
export const LAYOUT_SNIFF_CHARS = 4096

const HEADER = /^sentence_index\tsentence$/iu
const NUMBERED = /^\d+\t/u
/** Numbered lines after a header of another name that make the layout plain to see. */
const NUMBERED_LINES = 3

/**
 * 'cs224n' when `head` (the first characters of a file) is the course's header, or a header
 * line holding a tab followed only by `number<TAB>` lines (at least three, up to where `head`
 * ends); else 'plain'.
 */
export function detectLayout(head: string): CorpusLayout {
  const lines = head.replace(/^\uFEFF/u, '').split(/\r\n|\r|\n/u)
  const header = lines[0]!.trim()
  if (HEADER.test(header)) return 'cs224n'
  if (!header.includes('\t') || NUMBERED.test(header)) return 'plain'
  // The last piece may be a line the sniff cut short, down to part of its number.
  const last = lines.length > 1 && /^\d*$/u.test(lines[lines.length - 1]!) ? lines.length - 1 : lines.length
  const rest = lines.slice(1, last).filter((line) => line.trim().length > 0)
  return rest.length >= NUMBERED_LINES && rest.every((line) => NUMBERED.test(line)) ? 'cs224n' : 'plain'
}
