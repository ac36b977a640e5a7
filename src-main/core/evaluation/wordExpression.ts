/**
 * Vector arithmetic as a user types it: `king - man + woman`, `paris - france + 0.5 * italy`.
 * Terms are words joined by + and − (each operator a token of its own, so that words such as
 * “well-known” or “-lrb-” keep their hyphens); a term may carry a weight written `0.5 * word` or
 * `0.5*word`. A bare number is a word (“1990”). The terms are what gensim's most_similar takes as
 * (word, weight) pairs: + gives weight w, − gives −w.
 */

export interface WeightedWord {
  readonly word: string
  /** Signed: −1 for “− word”, 0.5 for “+ 0.5 * word”. */
  readonly weight: number
}

/** An expression a user typed that cannot be computed: it breaks the grammar above, or asks what its method cannot do. The message says how to fix it. */
export class WordExpressionError extends Error {
  override readonly name = 'WordExpressionError'

  constructor(message: string) {
    super(message)
  }
}

/** The longest expression accepted, in terms: a query, not a document. */
export const MAX_EXPRESSION_TERMS = 100

const MINUS = new Set(['-', '−', '–'])
const PLUS = new Set(['+'])
const TIMES = new Set(['*', '×'])
const NUMBER = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:e[+-]?\d+)?$/i
const EXAMPLE = '“king - man + woman”'

type Token = { kind: 'plus' } | { kind: 'minus' } | { kind: 'times' } | { kind: 'number'; value: number; text: string } | { kind: 'word'; text: string }

/** Splits on white space, then `0.5*king` into 0.5, *, king; a number stays a word until a * follows it. */
function tokenize(text: string): Token[] {
  const tokens: Token[] = []
  for (const piece of text.split(/\s+/u).filter((p) => p !== '')) {
    if (PLUS.has(piece)) tokens.push({ kind: 'plus' })
    else if (MINUS.has(piece)) tokens.push({ kind: 'minus' })
    else if (TIMES.has(piece)) tokens.push({ kind: 'times' })
    else {
      const star = [...TIMES].map((t) => piece.indexOf(t)).filter((i) => i > 0).sort((x, y) => x - y)[0]
      const weight = star === undefined ? '' : piece.slice(0, star)
      if (star !== undefined && NUMBER.test(weight)) {
        tokens.push({ kind: 'number', value: Number(weight), text: weight }, { kind: 'times' })
        const rest = piece.slice(star + 1)
        if (rest !== '') tokens.push({ kind: 'word', text: rest })
      } else if (NUMBER.test(piece)) {
        tokens.push({ kind: 'number', value: Number(piece), text: piece })
      } else {
        tokens.push({ kind: 'word', text: piece })
      }
    }
  }
  return tokens
}

const shown = (token: Token): string => (token.kind === 'word' || token.kind === 'number' ? `“${token.text}”` : `“${token.kind === 'plus' ? '+' : token.kind === 'minus' ? '−' : '*'}”`)

/** The terms of `text`, in order; a word may repeat (its weights add up, as in gensim). */
export function parseWordExpression(text: string): WeightedWord[] {
  const tokens = tokenize(text)
  if (tokens.length === 0) throw new WordExpressionError(`Type words joined by + and −, such as ${EXAMPLE}.`)
  const terms: WeightedWord[] = []
  let i = 0
  let sign = 1
  if (tokens[0]!.kind === 'plus' || tokens[0]!.kind === 'minus') {
    sign = tokens[0]!.kind === 'minus' ? -1 : 1
    i = 1
  }
  for (;;) {
    // A term: [number *] word. A number followed by anything but * is itself the word.
    let weight = 1
    let token = tokens[i]
    if (token === undefined) throw new WordExpressionError(`The expression ends with ${shown(tokens[i - 1]!)}; a word must follow it, as in ${EXAMPLE}.`)
    if (token.kind === 'number' && tokens[i + 1]?.kind === 'times') {
      weight = token.value
      if (!Number.isFinite(weight)) throw new WordExpressionError(`The weight ${shown(token)} is not a finite number.`)
      i += 2
      token = tokens[i]
      if (token === undefined || token.kind !== 'word' && token.kind !== 'number') {
        throw new WordExpressionError(`The weight ${String(weight)} must be followed by a word, as in “${String(weight)} * king”.`)
      }
    }
    if (token.kind === 'times') throw new WordExpressionError(`“*” must come between a number and a word, as in “0.5 * king”.`)
    if (token.kind === 'plus' || token.kind === 'minus') {
      throw new WordExpressionError(`${shown(tokens[i - 1]!)} is followed by ${shown(token)}; a word must come between them.`)
    }
    terms.push({ word: token.text, weight: sign * weight })
    if (terms.length > MAX_EXPRESSION_TERMS) throw new WordExpressionError(`The expression has more than ${MAX_EXPRESSION_TERMS} words.`)
    i += 1
    const next = tokens[i]
    if (next === undefined) return terms
    if (next.kind === 'word' || next.kind === 'number') {
      throw new WordExpressionError(`${shown(token)} and ${shown(next)} need a + or − between them, with a space on each side.`)
    }
    if (next.kind === 'times') throw new WordExpressionError(`“*” must come between a number and a word, as in “0.5 * king”; here it follows ${shown(token)}.`)
    sign = next.kind === 'minus' ? -1 : 1
    i += 1
  }
}

/** The terms written back as a user reads them: `king − man + 0.5 × woman`. */
export function formatWordExpression(terms: readonly WeightedWord[]): string {
  return terms.map(({ word, weight }, i) => {
    const magnitude = Math.abs(weight)
    const term = magnitude === 1 ? word : `${String(magnitude)} × ${word}`
    if (i === 0) return weight < 0 ? `− ${term}` : term
    return `${weight < 0 ? '−' : '+'} ${term}`
  }).join(' ')
}
