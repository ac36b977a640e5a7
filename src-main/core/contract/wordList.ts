/**
 * Lists of words a user types or pastes (the plot's words, `w2v plot --words`): separated by
 * spaces, commas or lines, each word bare or quoted, the whole optionally in brackets, so a
 * Python list copied from the course's run.py (`["great", "cool", ...]`) reads as its words.
 * A quote opens a quoted word only when its closing quote ends the word; otherwise it is part of
 * the word, so the course's tokens `'s` and `''` stay as typed.
 */

/** The 24 words CS224n assignment 2's run.py plots into word_vectors.png, in its order. */
export const CS224N_PLOT_WORDS: readonly string[] = [
  'great', 'cool', 'brilliant', 'wonderful', 'well', 'amazing', 'worth', 'sweet', 'enjoyable',
  'boring', 'bad', 'dumb', 'annoying', 'female', 'male', 'queen', 'king', 'man', 'woman',
  'rain', 'snow', 'hail', 'coffee', 'tea',
]

const CLOSING_QUOTE: Readonly<Record<string, string>> = { '"': '"', "'": "'", '\u201C': '\u201D', '\u2018': '\u2019' }
const isSeparator = (c: string | undefined): boolean => c === undefined || c === ',' || /\s/u.test(c)
/** A bracket that wraps the whole list, as Python and JSON write one. */
const isListEnd = (c: string | undefined): boolean => c === ']' || c === ')'

/** The words of `text`, in order, each once; lower-cased when the corpus's tokenizer lower-cases. */
export function parseWordList(text: string, lowercase: boolean): string[] {
  // `visualizeWords = [...]` as run.py writes it: the assignment is not a word.
  let s = text.trim().replace(/^[A-Za-z_]\w*\s*=\s*(?=[[(])/u, '')
  if (/^[[(]/u.test(s)) s = s.slice(1)
  if (isListEnd(s[s.length - 1])) s = s.slice(0, -1)
  const words: string[] = []
  let i = 0
  while (i < s.length) {
    if (isSeparator(s[i])) {
      i++
      continue
    }
    const quoted = quotedWordAt(s, i)
    if (quoted) {
      words.push(quoted.word)
      i = quoted.end
      continue
    }
    let end = i
    while (end < s.length && !isSeparator(s[end])) end++
    words.push(s.slice(i, end))
    i = end
  }
  const kept = words.filter((w) => w.length > 0)
  return [...new Set(lowercase ? kept.map((w) => w.toLowerCase()) : kept)]
}

/** The quoted word starting at s[i] when its closing quote is followed by a separator or the end (a backslash escapes a quote, as in Python). */
function quotedWordAt(s: string, i: number): { word: string; end: number } | null {
  const close = CLOSING_QUOTE[s[i]!]
  if (close === undefined) return null
  let word = ''
  for (let j = i + 1; j < s.length; j++) {
    const c = s[j]!
    if (c === '\\' && j + 1 < s.length) {
      word += s[++j]
    } else if (c === close) {
      // An empty pair is the word itself: the course's token '' (a closing quote).
      return isSeparator(s[j + 1]) && word.length > 0 ? { word, end: j + 1 } : null
    } else {
      word += c
    }
  }
  return null
}
