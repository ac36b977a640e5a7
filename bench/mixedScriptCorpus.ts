/**
 * A seeded mixed-script text for the preparation benchmark and the tokenizer's exactness tests:
 * the cases a tokenizer gets wrong, at realistic density. Words are drawn from a Zipf law over
 * made-up words in Latin (with accents and capitals, Turkish İ and ı), Cyrillic, Greek, Arabic,
 * Hebrew with points, Devanagari with vowel signs, and CJK runs; between them come numbers with
 * "." and "," (3.14, 1,000), apostrophes ' and ’, hyphens, ZWJ/ZWNJ, emoji, punctuation, U+FFFD,
 * tabs and no-break spaces; lines end in \n, \r\n or \r, and a few lines are very long.
 * The same seed gives the same text.
 */
import { Random } from '../src-main/core/random'
import { zipfRanks } from './scaleCorpus'

/** Letters of each script a made-up word is spelled in; marks are added by the word maker. */
const SCRIPTS: readonly (readonly string[])[] = [
  [...'abcdefghijklmnopqrstuvwxyz'],
  [...'abcdefghijklmnopqrstuvwxyzéèêàçñöüßæøåœ'],
  [...'абвгдежзийклмнопрстуфхцчшщыьэюяё'],
  [...'αβγδεζηθικλμνξοπρστυφχψωάέήίόύώς'],
  [...'ابتثجحخدذرزسشصضطظعغفقكلمنهوي'],
  [...'אבגדהוזחטיכלמנסעפצקרשת'],
  [...'कखगघचछजझटठडढणतथदधनपफबभमयरलवशसह'],
  [...'的一是不了人我在有他这中大来上国个到说们为子和你地出道也时年'],
]
const HEBREW_POINTS = [...'\u05B0\u05B4\u05B7\u05B8\u05BC\u05C1']
const DEVANAGARI_SIGNS = [...'\u093E\u093F\u0940\u0941\u0947\u094B\u094D\u0902']
const COMBINING_ACUTE = '\u0301'
const PUNCTUATION = [...'.,;:!?"()[]«»—–…/&%*#@+=<>|~^$€£'].concat(['“', '”', '‘', '"', "'"])
const EMOJI = ['😀', '👍🏽', '👩\u200D💻', '🇫🇷', '❤️', '✨']
const SPACES = [' ', ' ', ' ', ' ', ' ', ' ', '  ', '\t', '\u00A0', '\u3000']

/** Bumped when the text for a seed changes, so an old cached corpus is not reused. */
export const MIXED_SCRIPT_VERSION = 1

export interface MixedScriptOptions {
  readonly seed: number
  /** Distinct made-up words per script. */
  readonly typesPerScript: number
}

/** Hands the text to `write` in pieces of about `chunkChars` characters until `chars` have been drawn. */
export function generateMixedScriptText(chars: number, options: MixedScriptOptions, write: (piece: string) => void, chunkChars = 1 << 16): void {
  const random = new Random(options.seed)
  const words = SCRIPTS.map((letters, s) => Array.from({ length: options.typesPerScript }, () => makeWord(random, letters, s)))
  const zipf = zipfRanks(options.typesPerScript)
  const pick = <T>(xs: readonly T[]): T => xs[random.nextInt(xs.length)]!
  let buffer = ''
  let written = 0
  while (written < chars) {
    const long = random.nextFloat() < 0.002
    const tokens = long ? random.randint(5000, 40000) : random.randint(0, 30)
    // Most lines in one script, as real text is; a few words from others.
    const main = random.nextFloat() < 0.5 ? 0 : random.nextInt(SCRIPTS.length)
    let line = ''
    for (let t = 0; t < tokens; t++) {
      line += t === 0 ? '' : pick(SPACES)
      const r = random.nextFloat()
      if (r < 0.8) {
        const script = random.nextFloat() < 0.9 ? main : random.nextInt(SCRIPTS.length)
        line += decorate(random, words[script]![zipf(random.nextFloat())]!)
      } else if (r < 0.87) line += number(random)
      else if (r < 0.95) line += pick(PUNCTUATION)
      else if (r < 0.97) line += pick(EMOJI)
      else if (r < 0.98) line += '\uFFFD'
      else if (r < 0.99) line += pick(words[0]!) + pick(['\u200D', '\u200C']) + pick(words[6]!)
      else line += pick(["'", '’', '-', '‐']) + pick(words[1]!) + pick(["'", '’', '-', ''])
    }
    line += pick(['\n', '\n', '\n', '\r\n', '\r\n', '\r'])
    buffer += line
    written += line.length
    if (buffer.length >= chunkChars) {
      write(buffer)
      buffer = ''
    }
  }
  if (buffer !== '') write(buffer)
}

function makeWord(random: Random, letters: readonly string[], script: number): string {
  const length = script === 7 ? random.randint(1, 4) : random.randint(1, 9)
  let word = ''
  for (let i = 0; i < length; i++) {
    word += letters[random.nextInt(letters.length)]!
    if (script === 5 && random.nextFloat() < 0.4) word += HEBREW_POINTS[random.nextInt(HEBREW_POINTS.length)]!
    if (script === 6 && random.nextFloat() < 0.5) word += DEVANAGARI_SIGNS[random.nextInt(DEVANAGARI_SIGNS.length)]!
    if (script === 1 && random.nextFloat() < 0.03) word += COMBINING_ACUTE
  }
  return word
}

/** Capitals, Turkish dotted/dotless i, inner apostrophes and hyphens, U+FFFD inside a word. */
function decorate(random: Random, word: string): string {
  const r = random.nextFloat()
  if (r < 0.12) return word[0]!.toUpperCase() + word.slice(1)
  if (r < 0.14) return word.toUpperCase()
  if (r < 0.15) return 'İ' + word
  if (r < 0.16) return word + 'ı'
  if (r < 0.19) return word + (random.nextFloat() < 0.5 ? "'s" : '’s')
  if (r < 0.21) return word + '-' + word
  if (r < 0.215) return word + '\uFFFD' + word
  if (r < 0.22) return '\uFFFD' + word
  if (r < 0.24) return word + ['.', ',', '.5', ',7', ')', '!'][random.nextInt(6)]!
  if (r < 0.25) return '(' + word
  return word
}

function number(random: Random): string {
  const r = random.nextFloat()
  if (r < 0.4) return String(random.nextInt(100))
  if (r < 0.6) return `${random.nextInt(10)}.${random.nextInt(100)}`
  if (r < 0.8) return `${random.randint(1, 999)},${String(random.nextInt(1000)).padStart(3, '0')}`
  if (r < 0.9) return `${random.nextInt(100)}${['th', 'km', 'x', '%'][random.nextInt(4)]}`
  return '٣٤' // Arabic-Indic digits
}
